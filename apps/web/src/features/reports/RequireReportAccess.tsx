import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { can } from '@dispatch/domain';
import { homePath } from '../../lib/roles.js';
import { useSessionStore } from '../../stores/session-store.js';

/** Renders `children` only for roles with `report.read` (shift leaders, supervisors, admins). */
export function RequireReportAccess({ children }: { children: ReactNode }) {
  const role = useSessionStore((s) => s.user?.role);
  if (!role) return null;
  if (!can(role, 'report.read')) return <Navigate to={homePath(role)} replace />;
  return <>{children}</>;
}
