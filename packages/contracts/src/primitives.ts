/** TypeBox building blocks shared by every route schema. */
import Type from 'typebox';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  CAPABILITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  RESOLUTIONS,
  ROLES,
  UNIT_KINDS,
  UNIT_STATUSES,
} from '@dispatch/domain';

export const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'longitude, WGS84' });
export const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'latitude, WGS84' });
/** `{lng, lat}` as the REST surface takes it. */
export const LngLatObject = Type.Object({ lng: Lng, lat: Lat }, { additionalProperties: false });
/** `[lng, lat]`, GeoJSON order, as responses and events carry it. */
export const LngLatTuple = Type.Tuple([Type.Number(), Type.Number()]);

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IsoTime = Type.String({ format: 'date-time' });
export const NullableIsoTime = Type.Union([IsoTime, Type.Null()]);

export const IncidentTypeSchema = Type.Enum(INCIDENT_TYPES, { description: 'incident type' });
export const IncidentStatusSchema = Type.Enum(INCIDENT_STATUSES);
export const IncidentSourceSchema = Type.Enum(INCIDENT_SOURCES);
export const ResolutionSchema = Type.Enum(RESOLUTIONS);
export const PrioritySchema = Type.Integer({ minimum: 1, maximum: 4, description: '1 is the most urgent' });
export const UnitKindSchema = Type.Enum(UNIT_KINDS);
export const UnitStatusSchema = Type.Enum(UNIT_STATUSES);
export const AssignmentStatusSchema = Type.Enum(ASSIGNMENT_STATUSES);
export const AssignmentRoleSchema = Type.Enum(ASSIGNMENT_ROLES);
export const RoleSchema = Type.Enum(ROLES);
export const CapabilitySchema = Type.Enum(CAPABILITIES);

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'stable machine-readable code, e.g. ILLEGAL_TRANSITION' }),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'the offending input field, for 400s' })),
    details: Type.Optional(Type.Unknown()),
  }),
});
