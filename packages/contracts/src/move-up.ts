/**
 * Move-up after a dispatch: when units stop being free (a dispatch, or out of service), the server
 * recommends at most a few relocations of idle units that restore the most demand coverage. A
 * dispatcher or supervisor accepts (a standby order with reason `move_up`) or declines each.
 * Gains are shares (0..1) of the city's expected demand for the hour, within each response target.
 */
import Type, { type Static } from 'typebox';
import { StandbyOrderDto } from './standby.js';
import { Id, IsoTime, LngLatTuple, NullableIsoTime } from './primitives.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const MoveUpStatusSchema = Type.Enum(['pending', 'accepted', 'declined', 'expired']);
/** Why a recommendation expired: its time ran out, its unit stopped being free, a newer one replaced it. */
export const MoveUpEndReasonSchema = Type.Enum(['timed_out', 'unit_not_free', 'superseded']);
export type MoveUpStatus = Static<typeof MoveUpStatusSchema>;
export type MoveUpEndReason = Static<typeof MoveUpEndReasonSchema>;

/** What left the hole: units dispatched (to the incidents named) or gone out of service. */
export const MoveUpTriggerDto = Type.Object({
  kind: Type.Enum(['dispatch', 'out_of_service']),
  /** The units that stopped being free (coalesced over a second or two: one hole set). */
  unitIds: Type.Array(Id),
  /** The incidents they were dispatched to (empty when out of service). */
  incidentIds: Type.Array(Id),
});
export type MoveUpTriggerDto = Static<typeof MoveUpTriggerDto>;

export const MoveUpDto = Type.Object({
  id: Id,
  unitId: Id,
  callSign: Type.String(),
  /** Where the unit was when the move was recommended, and its grid. */
  from: LngLatTuple,
  fromGridId: Nullable(Id),
  /** The standby site to move to, and its grid. */
  site: LngLatTuple,
  siteGridId: Nullable(Id),
  /** Share of the city's expected demand newly reached within 5 minutes (the reinforcement target). */
  gainShare5: Type.Number(),
  /** The same within 3 minutes (the first-arrival target). */
  gainShare3: Type.Number(),
  /** Drive from `from` to `site`, by road. */
  travelSeconds: Type.Integer({ minimum: 0 }),
  trigger: MoveUpTriggerDto,
  createdAt: IsoTime,
  /** Offered until then; expired afterwards. */
  expiresAt: IsoTime,
  status: MoveUpStatusSchema,
  endReason: Nullable(MoveUpEndReasonSchema),
  decidedAt: NullableIsoTime,
  decidedById: Nullable(Type.String()),
  /** The standby order an accept created. */
  standbyOrderId: Nullable(Id),
});
export type MoveUpDto = Static<typeof MoveUpDto>;

/** Accept or decline: an optional note (the crew sees an accept's note with its standby order). */
export const MoveUpDecisionBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 200 })) },
  strict,
);
export type MoveUpDecisionBody = Static<typeof MoveUpDecisionBody>;

export const MoveUpAcceptedDto = Type.Object({ recommendation: MoveUpDto, order: StandbyOrderDto });
export type MoveUpAcceptedDto = Static<typeof MoveUpAcceptedDto>;

/** How move-up recommends (an admin setting; the defaults are `@dispatch/coverage`'s). */
export const MoveUpSettingsDto = Type.Object(
  {
    /** Relocations recommended per hole set; 0 turns move-up off. */
    maxMoves: Type.Integer({ minimum: 0, maximum: 5 }),
    /** A unit is not moved again within this many seconds of its last standby or move-up order. */
    minMoveIntervalSeconds: Type.Integer({ minimum: 0, maximum: 4 * 3600 }),
    /** Whether a unit may be sent outside its station's area (its home grid and the station's other grids). */
    mayLeaveStationArea: Type.Boolean(),
    /** A pending recommendation expires after this many seconds. */
    expireAfterSeconds: Type.Integer({ minimum: 60, maximum: 3600 }),
  },
  strict,
);
export type MoveUpSettingsDto = Static<typeof MoveUpSettingsDto>;
