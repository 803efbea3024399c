/** Duplicate and related calls while a call is taken, and attaching a call to an incident. */
import Type, { type Static } from 'typebox';
import { IncidentDto } from './dto.js';
import {
  Id,
  IncidentStatusSchema,
  IncidentTypeSchema,
  IsoTime,
  Lat,
  Lng,
  ResolutionSchema,
} from './primitives.js';

const strict = { additionalProperties: false } as const;

export const RelatedCallsQuery = Type.Object(
  {
    lng: Lng,
    lat: Lat,
    /** The type once chosen (its window); left out before. */
    type: Type.Optional(IncidentTypeSchema),
    /** The caller's number: the same phone again counts over a wider area. */
    phone: Type.Optional(Type.String({ maxLength: 32, pattern: '^[0-9+\\- ]*$' })),
  },
  strict,
);
export type RelatedCallsQuery = Static<typeof RelatedCallsQuery>;

export const RelatedIncidentDto = Type.Object({
  incident: IncidentDto,
  distanceMeters: Type.Number(),
  minutesBefore: Type.Number(),
  samePhone: Type.Boolean(),
});
export type RelatedIncidentDto = Static<typeof RelatedIncidentDto>;

export const PlaceHistoryEntryDto = Type.Object({
  id: Id,
  number: Type.String(),
  type: IncidentTypeSchema,
  status: IncidentStatusSchema,
  resolution: Type.Union([ResolutionSchema, Type.Null()]),
  receivedAt: IsoTime,
  address: Type.String(),
  distanceMeters: Type.Number(),
});

export const RelatedCallsDto = Type.Object({
  /** Open incidents the call may be about, likeliest first. */
  open: Type.Array(RelatedIncidentDto),
  /** Calls at this place in the last 30 days (open ones above not repeated), newest first. */
  history: Type.Array(PlaceHistoryEntryDto),
  window: Type.Object({ radiusMeters: Type.Number(), minutes: Type.Number() }),
});
export type RelatedCallsDto = Static<typeof RelatedCallsDto>;

export const AddCallerBody = Type.Object(
  {
    /** The call's own id (the intake's call id): a retried attach is stored once. */
    callId: Id,
    callerName: Type.Optional(Type.String({ maxLength: 100 })),
    callerPhone: Type.Optional(Type.String({ maxLength: 32, pattern: '^[0-9+\\- ]*$' })),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    /** When the call was picked up (the intake's clock). */
    receivedAt: Type.Optional(IsoTime),
  },
  strict,
);
export type AddCallerBody = Static<typeof AddCallerBody>;
