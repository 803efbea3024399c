import { can, type Role } from '@dispatch/domain';

export type PageKey = 'dispatcher' | 'grids' | 'wall' | 'unit';

export const PAGE_PATHS: Readonly<Record<PageKey, string>> = {
  dispatcher: '/',
  grids: '/grids',
  wall: '/wall',
  unit: '/unit',
};

/** Pages a role may open, from the shared permission table. */
export function pagesFor(role: Role): PageKey[] {
  const pages: PageKey[] = [];
  if (can(role, 'incident.dispatch')) pages.push('dispatcher');
  if (role !== 'unit') pages.push('grids', 'wall');
  if (role === 'unit') pages.push('unit');
  return pages;
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  const first = pagesFor(role)[0];
  return role === 'supervisor' ? PAGE_PATHS.grids : PAGE_PATHS[first ?? 'wall'];
}
