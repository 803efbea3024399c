/**
 * Who may do what. One table, read by the server (authorisation) and the web console (which
 * buttons to show).
 *
 * | action              | admin | dispatcher | shift_leader | supervisor | unit          |
 * |---------------------|-------|------------|--------------|------------|---------------|
 * | incident.read       | yes   | yes        | yes          | yes        | its incidents |
 * | incident.read_caller| yes   | yes        | yes          | yes        | own incident  |
 * | incident.create     | yes   | yes        | yes          | -          | -             |
 * | incident.update     | yes   | yes        | yes          | -          | -             |
 * | incident.dispatch   | yes   | yes        | yes          | -          | -             |
 * | incident.cancel     | yes   | yes        | yes          | -          | -             |
 * | incident.resolve    | yes   | yes        | yes          | -          | own incident  |
 * | incident.close      | yes   | yes        | yes          | -          | -             |
 * | assignment.update   | yes   | yes        | yes          | -          | own unit      |
 * | unit.read           | yes   | yes        | yes          | yes        | own unit      |
 * | unit.route          | yes   | yes        | yes          | yes        | own unit      |
 * | grid.read           | yes   | yes        | yes          | yes        | yes           |
 * | unit.status         | yes   | yes        | yes          | yes        | own unit      |
 * | unit.position       | yes   | -          | -            | -          | own unit      |
 * | unit.move_grid      | yes   | -          | -            | yes        | -             |
 * | unit.manage         | yes   | -          | -            | yes        | -             |
 * | grid.edit           | yes   | -          | -            | yes        | -             |
 * | grid.import         | yes   | -          | -            | -          | -             |
 * | plan.edit           | yes   | -          | yes          | -          | -             |
 * | report.read         | yes   | -          | yes          | yes        | -             |
 * | audit.read          | yes   | -          | yes          | -          | -             |
 * | coverage.read       | yes   | yes        | yes          | yes        | -             |
 * | standby.order       | yes   | yes        | -            | yes        | -             |
 * | user.manage         | yes   | -          | -            | -          | -             |
 * | geocode.read        | yes   | yes        | yes          | yes        | yes           |
 *
 * "own unit": the acting unit is the target unit. "own incident": the acting unit has an
 * active assignment on the incident (field feedback closes the loop from the scene). "its
 * incidents": the acting unit has a current or recent assignment on it (what its terminal shows,
 * the same incidents its socket hears); caller name and phone only while the assignment is active.
 * Dispatchers may set unit statuses on a radio report; only the unit's own device (or the
 * admin, for the simulator) reports positions.
 */
import { domainError } from './errors.js';
import type { Role } from './model.js';
import { err, ok, type Result } from './result.js';

export const PERMISSION_ACTIONS = [
  'incident.read',
  'incident.read_caller',
  'incident.create',
  'incident.update',
  'incident.dispatch',
  'incident.cancel',
  'incident.resolve',
  'incident.close',
  'assignment.update',
  'unit.read',
  'unit.route',
  'grid.read',
  'unit.status',
  'unit.position',
  'unit.move_grid',
  'unit.manage',
  'grid.edit',
  'grid.import',
  'plan.edit',
  'report.read',
  'audit.read',
  'coverage.read',
  'standby.order',
  'user.manage',
  'geocode.read',
] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** `all`: unconditionally; `own_unit`/`own_incident`/`unit_incident`: only with the matching context. */
export type Grant = 'all' | 'own_unit' | 'own_incident' | 'unit_incident';

export interface PermissionContext {
  /** Unit the acting user belongs to (role `unit`). */
  actorUnitId?: string | null;
  /** Unit the action targets (status, position, assignment of...). */
  targetUnitId?: string | null;
  /** Whether the acting unit has an active assignment on the target incident. */
  actorAssignedToIncident?: boolean;
  /** Whether the acting unit has a current or recent assignment on the target incident. */
  actorHadIncident?: boolean;
}

const STAFF = { admin: 'all', dispatcher: 'all', shift_leader: 'all' } as const;

/** The matrix above as data; a missing role means no permission. */
export const PERMISSIONS: Readonly<Record<PermissionAction, Readonly<Partial<Record<Role, Grant>>>>> = {
  'incident.read': { ...STAFF, supervisor: 'all', unit: 'unit_incident' },
  'incident.read_caller': { ...STAFF, supervisor: 'all', unit: 'own_incident' },
  'incident.create': STAFF,
  'incident.update': STAFF,
  'incident.dispatch': STAFF,
  'incident.cancel': STAFF,
  'incident.resolve': { ...STAFF, unit: 'own_incident' },
  'incident.close': STAFF,
  'assignment.update': { ...STAFF, unit: 'own_unit' },
  'unit.read': { ...STAFF, supervisor: 'all', unit: 'own_unit' },
  'unit.route': { ...STAFF, supervisor: 'all', unit: 'own_unit' },
  'grid.read': { ...STAFF, supervisor: 'all', unit: 'all' },
  'unit.status': { ...STAFF, supervisor: 'all', unit: 'own_unit' },
  'unit.position': { admin: 'all', unit: 'own_unit' },
  'unit.move_grid': { admin: 'all', supervisor: 'all' },
  'unit.manage': { admin: 'all', supervisor: 'all' },
  'grid.edit': { admin: 'all', supervisor: 'all' },
  'grid.import': { admin: 'all' },
  'plan.edit': { admin: 'all', shift_leader: 'all' },
  'report.read': { admin: 'all', shift_leader: 'all', supervisor: 'all' },
  'audit.read': { admin: 'all', shift_leader: 'all' },
  'coverage.read': { ...STAFF, supervisor: 'all' },
  'standby.order': { admin: 'all', dispatcher: 'all', supervisor: 'all' },
  'user.manage': { admin: 'all' },
  // Map data (place names, roads), no caller details: the unit terminal names its own position too.
  'geocode.read': { ...STAFF, supervisor: 'all', unit: 'all' },
};

/** Whether `role` may perform `action`; conditional grants need `ctx`. */
export function can(role: Role, action: PermissionAction, ctx: PermissionContext = {}): boolean {
  const grant = PERMISSIONS[action][role];
  switch (grant) {
    case 'all':
      return true;
    case 'own_unit':
      return (
        typeof ctx.actorUnitId === 'string' &&
        ctx.actorUnitId.length > 0 &&
        ctx.actorUnitId === ctx.targetUnitId
      );
    case 'own_incident':
      return (
        typeof ctx.actorUnitId === 'string' &&
        ctx.actorUnitId.length > 0 &&
        ctx.actorAssignedToIncident === true
      );
    case 'unit_incident':
      return (
        typeof ctx.actorUnitId === 'string' &&
        ctx.actorUnitId.length > 0 &&
        (ctx.actorHadIncident === true || ctx.actorAssignedToIncident === true)
      );
    case undefined:
      return false;
  }
}

/**
 * How much of a collection `role` may read: everything, only what concerns its own unit (lists
 * are filtered to that), or nothing.
 */
export function readScope(role: Role, action: PermissionAction): 'all' | 'own' | 'none' {
  const grant = PERMISSIONS[action][role];
  return grant === 'all' ? 'all' : grant === undefined ? 'none' : 'own';
}

/** {@link can} as a result: `FORBIDDEN` (details name role and action) when not allowed. */
export function authorize(role: Role, action: PermissionAction, ctx: PermissionContext = {}): Result<void> {
  if (can(role, action, ctx)) return ok(undefined);
  return err(domainError('FORBIDDEN', `Role ${role} may not ${action}`, { role, action }));
}
