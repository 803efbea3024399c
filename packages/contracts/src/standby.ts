/** Standby orders: where a free unit is told to wait (standby on the move, move-up). */
import Type, { type Static } from 'typebox';
import { Id, IsoTime, LngLatTuple } from './primitives.js';

const strict = { additionalProperties: false } as const;

export const StandbyReasonSchema = Type.Enum(['standby', 'move_up']);
export const StandbyEndReasonSchema = Type.Enum(['dispatched', 'replaced', 'cancelled', 'off_duty']);

export const StandbyOrderDto = Type.Object({
  id: Id,
  unitId: Id,
  lngLat: LngLatTuple,
  reason: StandbyReasonSchema,
  note: Type.String(),
  /** Expected 5-minute demand coverage gained (share points, 0..1) when the point was recommended. */
  gain: Type.Union([Type.Number(), Type.Null()]),
  createdAt: IsoTime,
  createdById: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['active', 'ended']),
  endReason: Type.Union([StandbyEndReasonSchema, Type.Null()]),
  endedAt: Type.Union([IsoTime, Type.Null()]),
});
export type StandbyOrderDto = Static<typeof StandbyOrderDto>;

export const StandbyOrderBody = Type.Object(
  {
    lngLat: LngLatTuple,
    note: Type.Optional(Type.String({ maxLength: 200 })),
    /** Expected gain when the point came from a recommendation (shown to the crew). */
    gain: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  strict,
);
export type StandbyOrderBody = Static<typeof StandbyOrderBody>;

/** A unit's standby order changed: the new active one, or null when it ended. */
export interface StandbyUpdatedEvent {
  unitId: string;
  order: StandbyOrderDto | null;
  /** The order that ended, if one did. */
  ended: StandbyOrderDto | null;
}
