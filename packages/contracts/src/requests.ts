/** Request bodies and query strings of the REST API (validated at the route by these schemas). */
import Type, { type Static } from 'typebox';
import {
  AssignmentRoleSchema,
  CapabilitySchema,
  Code,
  Id,
  IncidentSourceSchema,
  IncidentStatusSchema,
  IncidentTypeSchema,
  IsoTime,
  Lat,
  LngLatObject,
  Lng,
  PrioritySchema,
  ResolutionSchema,
  UnitKindSchema,
  UnitStatusSchema,
  Version,
} from './primitives.js';

const strict = { additionalProperties: false } as const;

export const CreateIncidentBody = Type.Object(
  {
    /**
     * Chosen by the call-taker's console: a retry with the same id (a lost answer, a server node
     * gone mid-request) gets the call already taken back (200), never a second incident.
     */
    id: Type.Optional(Id),
    type: IncidentTypeSchema,
    priority: PrioritySchema,
    location: LngLatObject,
    address: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    callerName: Type.Optional(Type.String({ maxLength: 100 })),
    callerPhone: Type.Optional(Type.String({ maxLength: 32, pattern: '^[0-9+\\- ]*$' })),
    source: Type.Optional(IncidentSourceSchema),
    /** When the call was received (defaults to now); lets the intake start the clock at pick-up. */
    receivedAt: Type.Optional(IsoTime),
    /** Override the response plan's auto-dispatch setting for this incident. */
    autoDispatch: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type CreateIncidentBody = Static<typeof CreateIncidentBody>;

export const ListIncidentsQuery = Type.Object(
  {
    /**
     * `open`: units can still be sent (received .. on scene); `board`: still on the board, i.e.
     * open or resolved and awaiting close (the dispatcher's queue and the wall).
     */
    status: Type.Optional(Type.Union([IncidentStatusSchema, Type.Literal('open'), Type.Literal('board')])),
    gridId: Type.Optional(Id),
    from: Type.Optional(IsoTime),
    to: Type.Optional(IsoTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  strict,
);
export type ListIncidentsQuery = Static<typeof ListIncidentsQuery>;

export const IdParams = Type.Object({ id: Id }, strict);
export type IdParams = Static<typeof IdParams>;

export const DispatchBody = Type.Union([
  Type.Object(
    {
      unitIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true }),
      role: Type.Optional(AssignmentRoleSchema),
    },
    strict,
  ),
  Type.Object({ auto: Type.Literal(true) }, strict),
  Type.Object({ nextTier: Type.Literal(true) }, strict),
]);
export type DispatchBody = Static<typeof DispatchBody>;

export const ResolveBody = Type.Object(
  { resolution: ResolutionSchema, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  strict,
);
export type ResolveBody = Static<typeof ResolveBody>;

export const CancelBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, strict);

export const RecommendQuery = Type.Object(
  {
    lng: Lng,
    lat: Lat,
    /** Left out while the call-taker has placed the call but not chosen its type: the nearest police units. */
    type: Type.Optional(IncidentTypeSchema),
    priority: PrioritySchema,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  strict,
);
export type RecommendQuery = Static<typeof RecommendQuery>;

export const AssignmentActionBody = Type.Object(
  {
    action: Type.Enum(['accept', 'en_route', 'on_scene', 'clear', 'cancel']),
    resolution: Type.Optional(ResolutionSchema),
  },
  strict,
);
export type AssignmentActionBody = Static<typeof AssignmentActionBody>;

export const UnitStatusBody = Type.Object(
  { status: UnitStatusSchema, version: Type.Optional(Version) },
  strict,
);
export type UnitStatusBody = Static<typeof UnitStatusBody>;

export const PositionReport = Type.Object(
  {
    lng: Lng,
    lat: Lat,
    headingDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    speedMps: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    at: Type.Optional(IsoTime),
  },
  strict,
);
export type PositionReport = Static<typeof PositionReport>;

export const PositionBatchBody = Type.Object(
  {
    reports: Type.Array(
      Type.Object(
        {
          unitId: Id,
          lng: Lng,
          lat: Lat,
          headingDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
          speedMps: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          at: Type.Optional(IsoTime),
        },
        strict,
      ),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  strict,
);
export type PositionBatchBody = Static<typeof PositionBatchBody>;

export const MoveUnitGridBody = Type.Object({ gridId: Id, version: Type.Optional(Version) }, strict);
export type MoveUnitGridBody = Static<typeof MoveUnitGridBody>;

export const EditGridBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    minStaffing: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 100 }))),
    polygon: Type.Optional(Type.Unknown()),
    /** Coverage alert threshold (share of demand within 5 min); null: the centre default. */
    coverageThreshold: Type.Optional(Type.Union([Type.Number({ minimum: 0.05, maximum: 1 }), Type.Null()])),
    version: Type.Optional(Version),
  },
  strict,
);
export type EditGridBody = Static<typeof EditGridBody>;

/**
 * The members of a GeoJSON FeatureCollection besides `features` that real exports carry (RFC 7946
 * foreign members `name`, `crs` from QGIS / ogr2ogr, `bbox`); nothing else is taken.
 */
const FeatureCollectionMembers = {
  type: Type.Literal('FeatureCollection'),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  crs: Type.Optional(Type.Unknown()),
  bbox: Type.Optional(Type.Array(Type.Number({ minimum: -180, maximum: 180 }), { maxItems: 6 })),
};

export const ImportGridsBody = Type.Object(
  { ...FeatureCollectionMembers, features: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 2000 }) },
  strict,
);
export type ImportGridsBody = Static<typeof ImportGridsBody>;

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ maxLength: 32 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    actorId: Type.Optional(Id),
    from: Type.Optional(IsoTime),
    to: Type.Optional(IsoTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  strict,
);
export type AuditQuery = Static<typeof AuditQuery>;

/** A road network upload (GeoJSON FeatureCollection of LineStrings), validated by the importer. */
export const ImportRoadsBody = Type.Object(
  { ...FeatureCollectionMembers, features: Type.Array(Type.Unknown(), { minItems: 1 }) },
  strict,
);
export type ImportRoadsBody = Static<typeof ImportRoadsBody>;

export const ImportRoadsQuery = Type.Object({ name: Type.Optional(Type.String({ maxLength: 100 })) }, strict);

/** Agencies a plan alerts alongside police (the dispatch package's `LINKED_SERVICES`). */
export const LinkedServiceSchema = Type.Enum(['fire_119', 'ambulance_120', 'traffic_122']);

/** Most units one slot, one plan, may ask for (catches typos: 40 units to a fight). */
export const MAX_PLAN_UNITS = 20;
/** Tiers of a plan, and slots of a tier, at most. */
export const MAX_PLAN_TIERS = 10;

const PlanSlotSchema = Type.Object(
  {
    kinds: Type.Array(UnitKindSchema, { minItems: 1, maxItems: 16 }),
    count: Type.Integer({ minimum: 1, maximum: MAX_PLAN_UNITS }),
    role: Type.Enum(['responder', 'support']),
    requiredCapability: Type.Optional(CapabilitySchema),
    preferredCapability: Type.Optional(CapabilitySchema),
  },
  strict,
);

const PlanTierSchema = Type.Object(
  {
    tier: Type.Integer({ minimum: 1, maximum: MAX_PLAN_TIERS }),
    /** Only units arriving within this many seconds; null: the nearest whatever the ETA. */
    maxEtaSeconds: Type.Union([Type.Number({ minimum: 1, maximum: 3600 }), Type.Null()]),
    slots: Type.Array(PlanSlotSchema, { minItems: 1, maxItems: MAX_PLAN_TIERS }),
  },
  strict,
);

/**
 * A response plan as the settings editor saves it (the dispatch package's `ResponsePlan`). The
 * shape is checked here; the rules across fields (tier order, responders vs required units) by
 * `validateResponsePlan`.
 */
export const ResponsePlanBody = Type.Object(
  {
    id: Code,
    incidentType: Type.Union([IncidentTypeSchema, Type.Literal('*')]),
    priorities: Type.Union([Type.Array(PrioritySchema, { minItems: 1, maxItems: 4 }), Type.Null()]),
    tiers: Type.Array(PlanTierSchema, { minItems: 1, maxItems: MAX_PLAN_TIERS }),
    autoDispatch: Type.Boolean(),
    requiredUnits: Type.Integer({ minimum: 1, maximum: MAX_PLAN_UNITS }),
    linkedServices: Type.Array(LinkedServiceSchema, { maxItems: 3 }),
  },
  strict,
);
export type ResponsePlanBody = Static<typeof ResponsePlanBody>;

export const PlanIdParams = Type.Object({ planId: Code }, strict);
