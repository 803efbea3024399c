/** Address and place search (geocoding) and reverse geocoding, all served from the local gazetteer. */
import Type, { type Static } from 'typebox';
import { Lat, Lng, LngLatTuple } from './primitives.js';

const strict = { additionalProperties: false } as const;

export const GazetteerKindSchema = Type.Enum([
  'place',
  'address',
  'road',
  'intersection',
  'standard_address',
]);

export const GeocodeSearchQuery = Type.Object(
  {
    /** What the call-taker typed: a place, an address, a road, 「A路与B路」, pinyin or initials. */
    q: Type.String({ minLength: 1, maxLength: 100 }),
    /** `lng,lat` of the map view's centre or the caller's location: nearer hits rank higher. */
    near: Type.Optional(
      Type.String({
        maxLength: 60,
        pattern: '^\\s*-?\\d{1,3}(\\.\\d+)?\\s*,\\s*-?\\d{1,2}(\\.\\d+)?\\s*$',
        description: 'lng,lat',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  strict,
);
export type GeocodeSearchQuery = Static<typeof GeocodeSearchQuery>;

export const GeocodeHitDto = Type.Object({
  id: Type.String(),
  kind: GazetteerKindSchema,
  name: Type.String(),
  /** The name, alias or address that matched, as written. */
  matched: Type.String(),
  match: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  lngLat: LngLatTuple,
  category: Type.Union([Type.String(), Type.Null()]),
  /** Key place (重点部位): school, hospital, market, night_market, station or a centre's code. */
  keyPlace: Type.Union([Type.String(), Type.Null()]),
  distanceMeters: Type.Union([Type.Number(), Type.Null()]),
});
export type GeocodeHitDto = Static<typeof GeocodeHitDto>;

export const GeocodeSearchDto = Type.Object({ hits: Type.Array(GeocodeHitDto) });
export type GeocodeSearchDto = Static<typeof GeocodeSearchDto>;

export const ReverseGeocodeQuery = Type.Object({ lng: Lng, lat: Lat }, strict);
export type ReverseGeocodeQuery = Static<typeof ReverseGeocodeQuery>;

const NamedPoint = Type.Object({
  name: Type.String(),
  kind: Type.Union([GazetteerKindSchema, Type.Null()]),
  distanceMeters: Type.Number(),
  lngLat: LngLatTuple,
});

export const ReverseGeocodeDto = Type.Object({
  road: Type.Union([NamedPoint, Type.Null()]),
  near: Type.Union([NamedPoint, Type.Null()]),
  address: Type.Union([NamedPoint, Type.Null()]),
  /** 「X路, 近Y (50 米)」 / "X Road, near Y (50 m)"; null when nothing named is near. */
  text: Type.Union([Type.Object({ zh: Type.String(), en: Type.String() }), Type.Null()]),
});
export type ReverseGeocodeDto = Static<typeof ReverseGeocodeDto>;

/** The centre's standard-address list (标准地址) as CSV text, and how to import it. */
export const StandardAddressImportQuery = Type.Object(
  {
    /** Import nothing when any row is bad. */
    strict: Type.Optional(Type.Boolean()),
    /** Check and report only; write nothing. */
    dryRun: Type.Optional(Type.Boolean()),
    /** Remove the standard addresses that are not in this file (the file is the whole list). */
    replace: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type StandardAddressImportQuery = Static<typeof StandardAddressImportQuery>;

export const StandardAddressImportBody = Type.Object(
  { csv: Type.String({ minLength: 1, maxLength: 50 * 1024 * 1024 }) },
  strict,
);
export type StandardAddressImportBody = Static<typeof StandardAddressImportBody>;

export const StandardAddressRejectionDto = Type.Object({
  row: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  detail: Type.String(),
});

export const StandardAddressImportDto = Type.Object({
  parsed: Type.Integer(),
  valid: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  removed: Type.Integer(),
  rejected: Type.Array(StandardAddressRejectionDto),
  /** False for a dry run, or with `strict` and a bad row. */
  written: Type.Boolean(),
});
export type StandardAddressImportDto = Static<typeof StandardAddressImportDto>;
