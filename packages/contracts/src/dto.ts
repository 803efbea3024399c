/**
 * Response shapes: what the REST API returns and Socket.IO events carry. Times are ISO strings,
 * coordinates `[lng, lat]`. One schema serves validation, the OpenAPI document and the TS types.
 */
import Type, { type Static } from 'typebox';
import { CLOCK_TARGET_BOUNDS } from '@dispatch/domain';
import {
  AssignmentRoleSchema,
  AssignmentStatusSchema,
  Id,
  IncidentSourceSchema,
  IncidentStatusSchema,
  IncidentTypeSchema,
  IsoTime,
  LngLatTuple,
  NullableIsoTime,
  ResolutionSchema,
  RoleSchema,
  UnitKindSchema,
  UnitStatusSchema,
} from './primitives.js';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const EtaMethodSchema = Type.Enum(['road', 'walk', 'flight', 'straight_line']);

export const AssignmentDto = Type.Object({
  id: Id,
  incidentId: Id,
  unitId: Id,
  callSign: Type.String(),
  unitKind: UnitKindSchema,
  role: AssignmentRoleSchema,
  tier: Type.Integer(),
  status: AssignmentStatusSchema,
  etaSeconds: Nullable(Type.Integer()),
  distanceMeters: Nullable(Type.Integer()),
  etaMethod: Nullable(Type.String()),
  assignedAt: IsoTime,
  acceptedAt: NullableIsoTime,
  enRouteAt: NullableIsoTime,
  onSceneAt: NullableIsoTime,
  clearedAt: NullableIsoTime,
  cancelledAt: NullableIsoTime,
  version: Type.Integer(),
  /** A checkpoint unit's post: the road exit it holds (the unit drives there, every screen draws it). */
  checkpoint: Nullable(
    Type.Object({ lngLat: LngLatTuple, roadName: Nullable(Type.String()), headingDeg: Type.Number() }),
  ),
});
export type AssignmentDto = Static<typeof AssignmentDto>;

export const IncidentDto = Type.Object({
  id: Id,
  number: Type.String({ description: 'human number, 110-YYYYMMDD-NNNN' }),
  type: IncidentTypeSchema,
  priority: Type.Integer(),
  source: IncidentSourceSchema,
  lngLat: LngLatTuple,
  address: Type.String(),
  description: Type.String(),
  callerName: Nullable(Type.String()),
  callerPhone: Nullable(Type.String()),
  /** People who called about it: the first caller and every call attached to it (追加报警). */
  callerCount: Type.Integer({ minimum: 1 }),
  gridId: Nullable(Id),
  status: IncidentStatusSchema,
  resolution: Nullable(ResolutionSchema),
  requiredUnits: Type.Integer(),
  receivedAt: IsoTime,
  firstDispatchedAt: NullableIsoTime,
  firstEnRouteAt: NullableIsoTime,
  firstOnSceneAt: NullableIsoTime,
  reinforcedAt: NullableIsoTime,
  resolvedAt: NullableIsoTime,
  closedAt: NullableIsoTime,
  version: Type.Integer(),
  assignments: Type.Array(AssignmentDto),
});
export type IncidentDto = Static<typeof IncidentDto>;

export const UnitPositionDto = Type.Object({
  lngLat: LngLatTuple,
  headingDeg: Nullable(Type.Number()),
  speedMps: Nullable(Type.Number()),
  at: IsoTime,
});
export type UnitPositionDto = Static<typeof UnitPositionDto>;

export const UnitDto = Type.Object({
  id: Id,
  callSign: Type.String(),
  kind: UnitKindSchema,
  status: UnitStatusSchema,
  homeGridId: Nullable(Id),
  currentGridId: Nullable(Id),
  postId: Nullable(Id),
  capabilities: Type.Array(Type.String()),
  position: Nullable(UnitPositionDto),
  activeAssignmentId: Nullable(Id),
  activeIncidentId: Nullable(Id),
  version: Type.Integer(),
});
export type UnitDto = Static<typeof UnitDto>;

export const GridStaffingDto = Type.Object({
  status: Type.Enum(['ok', 'understaffed', 'uncovered']),
  /** On-duty units currently in the grid, by kind. */
  present: Type.Record(Type.String(), Type.Integer()),
  /** Available (dispatchable) units currently in the grid, by kind. */
  available: Type.Record(Type.String(), Type.Integer()),
  shortfall: Type.Record(Type.String(), Type.Integer()),
});
export type GridStaffingDto = Static<typeof GridStaffingDto>;

export const GridDto = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  stationName: Nullable(Type.String()),
  polygon: Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon' }),
  minStaffing: Type.Record(Type.String(), Type.Integer()),
  staffing: GridStaffingDto,
  /** Own coverage alert threshold (0..1), null: the centre default. */
  coverageThreshold: Nullable(Type.Number()),
  version: Type.Integer(),
});
export type GridDto = Static<typeof GridDto>;

export const PostDto = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum(['street_post', 'drone_nest']),
  lngLat: LngLatTuple,
  gridId: Nullable(Id),
  rangeMeters: Type.Integer(),
});
export type PostDto = Static<typeof PostDto>;

export const ReasonDto = Type.Object({
  code: Type.String({ description: 'e.g. ETA, OWN_GRID, CAPABILITY_MATCH, STRAIGHT_LINE_ESTIMATE' }),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  ),
});

export const RecommendationDto = Type.Object({
  unitId: Id,
  callSign: Type.String(),
  kind: UnitKindSchema,
  status: UnitStatusSchema,
  etaSeconds: Type.Number(),
  distanceMeters: Type.Number(),
  method: EtaMethodSchema,
  reachable: Type.Boolean(),
  rank: Type.Integer(),
  reasons: Type.Array(ReasonDto),
  /** Tier and role the response plan would give this unit, if it is part of the plan. */
  tier: Nullable(Type.Integer()),
  role: Nullable(AssignmentRoleSchema),
});
export type RecommendationDto = Static<typeof RecommendationDto>;

export const RecommendationsDto = Type.Object({
  lngLat: LngLatTuple,
  gridId: Nullable(Id),
  /** True when no road network is loaded and ETAs are straight-line estimates. */
  straightLine: Type.Boolean(),
  requiredUnits: Type.Integer(),
  autoDispatch: Type.Boolean(),
  candidates: Type.Array(RecommendationDto),
  shortfalls: Type.Array(
    Type.Object({ tier: Type.Integer(), missing: Type.Integer(), reason: Type.String() }),
  ),
});
export type RecommendationsDto = Static<typeof RecommendationsDto>;

export const RouteDto = Type.Object({
  unitId: Id,
  coordinates: Type.Array(LngLatTuple),
  etaSeconds: Type.Number(),
  distanceMeters: Type.Number(),
  method: EtaMethodSchema,
});
export type RouteDto = Static<typeof RouteDto>;

export const SessionUserDto = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  unitId: Nullable(Id),
});
export type SessionUserDto = Static<typeof SessionUserDto>;

export const AuditEventDto = Type.Object({
  id: Type.String(),
  at: IsoTime,
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type AuditEventDto = Static<typeof AuditEventDto>;

const target = (name: keyof typeof CLOCK_TARGET_BOUNDS) =>
  Type.Integer({ minimum: CLOCK_TARGET_BOUNDS[name].min, maximum: CLOCK_TARGET_BOUNDS[name].max });
/** The 1-3-5 targets in seconds, each within the range a centre may set (`CLOCK_TARGET_BOUNDS`). */
export const ClockTargetsDto = Type.Object({
  dispatchSeconds: target('dispatchSeconds'),
  firstArrivalSeconds: target('firstArrivalSeconds'),
  reinforcementSeconds: target('reinforcementSeconds'),
});
export type ClockTargetsDto = Static<typeof ClockTargetsDto>;
