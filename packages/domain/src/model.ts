/**
 * Core vocabulary of the command centre. Plain data only: these types are shared by the
 * server, the web console and the simulator, and mirrored by the Prisma enums.
 */

/** `[lng, lat]` in WGS84, GeoJSON order. */
export type LngLat = readonly [lng: number, lat: number];

export const UNIT_KINDS = ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone', 'partner'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_STATUSES = [
  'available', // free, patrolling its grid
  'assigned', // dispatched, not yet acknowledged
  'en_route',
  'on_scene',
  'returning', // cleared, heading back to its grid (still dispatchable)
  'off_duty',
  'out_of_service',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const INCIDENT_TYPES = [
  'knife_attack',
  'robbery',
  'fight',
  'theft',
  'dispute',
  'traffic_accident',
  'help_request',
  'missing_person',
  'fire_medical',
  'suspicious',
  'noise',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** 1 is the most urgent. */
export const PRIORITIES = [1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

export const INCIDENT_SOURCES = ['call', 'video_patrol', 'drone', 'walk_in', 'officer_initiated'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_STATUSES = [
  'received', // logged, nobody sent yet
  'dispatched', // at least one unit assigned
  'en_route',
  'on_scene',
  'resolved', // work on scene done; awaiting close
  'closed',
  'cancelled',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const RESOLUTIONS = ['resolved_on_scene', 'transferred_to_case', 'cancelled'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const ASSIGNMENT_STATUSES = [
  'assigned',
  'accepted',
  'en_route',
  'on_scene',
  'cleared',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Assignment statuses in which the unit is committed to the incident. */
export const ACTIVE_ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'en_route', 'on_scene'] as const;
/** Active assignment statuses in which the unit has not reached the scene yet (its route matters). */
export const TRAVELLING_ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'en_route'] as const;

export const ASSIGNMENT_ROLES = ['primary', 'backup', 'checkpoint', 'support'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const ROLES = ['admin', 'dispatcher', 'shift_leader', 'supervisor', 'unit'] as const;
export type Role = (typeof ROLES)[number];

export const POST_KINDS = ['street_post', 'drone_nest'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const CAPABILITIES = [
  'armed',
  'medical',
  'k9',
  'traffic',
  'negotiator',
  'video',
  'loudspeaker',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Minimum staffing of a grid, per unit kind (absent kind: no minimum). */
export type MinStaffing = Partial<Record<UnitKind, number>>;

export interface UnitPosition {
  lngLat: LngLat;
  headingDeg: number | null;
  speedMps: number | null;
  /** Epoch milliseconds of the fix. */
  at: number;
}
