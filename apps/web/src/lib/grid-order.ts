import type { GridDto } from '@dispatch/contracts';

const SEVERITY: Record<string, number> = { uncovered: 0, understaffed: 1, ok: 2 };

/** Uncovered grids first, then understaffed (largest shortfall first), then the rest by code. */
export function compareGridsBySeverity(a: GridDto, b: GridDto): number {
  return (
    (SEVERITY[a.staffing.status] ?? 3) - (SEVERITY[b.staffing.status] ?? 3) ||
    totalShortfall(b) - totalShortfall(a) ||
    a.code.localeCompare(b.code)
  );
}

export function totalShortfall(grid: GridDto): number {
  return Object.values(grid.staffing.shortfall).reduce((sum, n) => sum + n, 0);
}

/** Kinds worth showing for a grid: those with a minimum or with someone present. */
export function staffingKinds(grid: GridDto): string[] {
  const kinds = new Set([...Object.keys(grid.minStaffing), ...Object.keys(grid.staffing.present)]);
  return [...kinds].sort();
}
