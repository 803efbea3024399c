/**
 * Checkpoints for a fleeing suspect: the road exits of the area the suspect can reach within
 * `escapeMinutes` of the incident, each with the free unit that gets there first (and in time).
 * The preview (GET) writes nothing; the dispatch (POST) sends the units with role `checkpoint`.
 */
import Type, { type Static } from 'typebox';
import type { IncidentType } from '@dispatch/domain';
import { AssignmentDto, EtaMethodSchema, IncidentDto } from './dto.js';
import { AssignmentStatusSchema, Id, LngLatTuple, UnitKindSchema } from './primitives.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const MIN_ESCAPE_MINUTES = 1;
export const MAX_ESCAPE_MINUTES = 15;
export const MAX_CHECKPOINTS = 12;
export const DEFAULT_MAX_CHECKPOINTS = 6;

/**
 * How far (in minutes of driving) a suspect of each incident type is assumed to get before the
 * checkpoints must stand: violent flights get a tighter ring, they are reported faster.
 */
export const DEFAULT_ESCAPE_MINUTES: Readonly<Record<IncidentType, number>> = {
  knife_attack: 3,
  robbery: 4,
  fight: 3,
  theft: 5,
  dispute: 3,
  traffic_accident: 5,
  help_request: 5,
  missing_person: 8,
  fire_medical: 5,
  suspicious: 5,
  noise: 3,
  other: 5,
};

export const EscapeMinutesSchema = Type.Number({
  minimum: MIN_ESCAPE_MINUTES,
  maximum: MAX_ESCAPE_MINUTES,
  description: 'minutes of driving the suspect may have had from the incident location',
});
export const MaxCheckpointsSchema = Type.Integer({
  minimum: 1,
  maximum: MAX_CHECKPOINTS,
  description: `checkpoints to man at most (default ${DEFAULT_MAX_CHECKPOINTS})`,
});

export const CheckpointPreviewQuery = Type.Object(
  {
    escapeMinutes: Type.Optional(EscapeMinutesSchema),
    maxCheckpoints: Type.Optional(MaxCheckpointsSchema),
  },
  strict,
);
export type CheckpointPreviewQuery = Static<typeof CheckpointPreviewQuery>;

export const CheckpointsBody = Type.Object(
  {
    escapeMinutes: Type.Optional(EscapeMinutesSchema),
    maxCheckpoints: Type.Optional(MaxCheckpointsSchema),
    /**
     * The units the dispatcher saw in the preview. When given, the dispatch is refused (409
     * CONFLICT) if the fresh plan would send other units, instead of silently sending them.
     */
    expectUnitIds: Type.Optional(Type.Array(Id, { maxItems: MAX_CHECKPOINTS, uniqueItems: true })),
  },
  strict,
);
export type CheckpointsBody = Static<typeof CheckpointsBody>;

export const CheckpointUncoveredReasonSchema = Type.Enum(['NO_REACHABLE_UNIT', 'UNITS_NEEDED_ELSEWHERE']);

/** The unit proposed for (or sent to) one checkpoint. */
export const CheckpointUnitDto = Type.Object({
  unitId: Id,
  callSign: Type.String(),
  kind: UnitKindSchema,
  etaSeconds: Type.Integer(),
  distanceMeters: Type.Integer(),
  method: EtaMethodSchema,
  /** Seconds the unit arrives before the suspect could (never negative: late units are not proposed). */
  marginSeconds: Type.Integer(),
});
export type CheckpointUnitDto = Static<typeof CheckpointUnitDto>;

export const CheckpointDto = Type.Object({
  /** Stable for one road network: the road segment the checkpoint stands on. */
  id: Type.String(),
  lngLat: LngLatTuple,
  roadName: Nullable(Type.String()),
  highway: Type.String(),
  /** Direction of the flight out of the area, degrees clockwise from north. */
  headingDeg: Type.Integer(),
  /** Seconds from now until the suspect could pass here (0: may already have). */
  suspectEtaSeconds: Type.Integer(),
  unit: Nullable(CheckpointUnitDto),
  /** Why no unit holds it (null when one does). */
  uncoveredReason: Nullable(CheckpointUncoveredReasonSchema),
  /** The assignment created for it (dispatch only; null in a preview or when uncovered). */
  assignmentId: Nullable(Id),
});
export type CheckpointDto = Static<typeof CheckpointDto>;

export const CheckpointPlanDto = Type.Object({
  incidentId: Id,
  origin: LngLatTuple,
  escapeMinutes: Type.Number(),
  /** Seconds since the incident was received: the suspect's head start is counted against it. */
  elapsedSeconds: Type.Integer(),
  maxCheckpoints: Type.Integer(),
  /** Distinct road exits found before the `maxCheckpoints` fastest were kept. */
  exitCount: Type.Integer(),
  checkpoints: Type.Array(CheckpointDto),
});
export type CheckpointPlanDto = Static<typeof CheckpointPlanDto>;

export const CheckpointDispatchDto = Type.Object({
  incident: IncidentDto,
  assignments: Type.Array(AssignmentDto),
  plan: CheckpointPlanDto,
});
export type CheckpointDispatchDto = Static<typeof CheckpointDispatchDto>;

/** A checkpoint being held: the assignment, and where it stands (for the map and the unit). */
export const ActiveCheckpointDto = Type.Object({
  assignmentId: Id,
  unitId: Id,
  callSign: Type.String(),
  status: AssignmentStatusSchema,
  checkpointId: Type.String(),
  lngLat: LngLatTuple,
  roadName: Nullable(Type.String()),
  highway: Type.String(),
  headingDeg: Type.Integer(),
  /** As planned when the unit was sent. */
  suspectEtaSeconds: Type.Integer(),
  marginSeconds: Type.Integer(),
});
export type ActiveCheckpointDto = Static<typeof ActiveCheckpointDto>;
