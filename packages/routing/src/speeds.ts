/**
 * Road classes and their speeds. OSM `highway` values; speeds are free-flow urban averages in
 * km/h (a patrol car in city traffic rarely holds the legal limit, so these sit below it).
 * Pass `speedsKmh` to `buildRoadNetwork` to override entries per city instead of editing this.
 */
export const DEFAULT_SPEEDS_KMH: Record<string, number> = {
  motorway: 90,
  motorway_link: 50,
  trunk: 70,
  trunk_link: 45,
  primary: 55,
  primary_link: 40,
  secondary: 45,
  secondary_link: 35,
  tertiary: 40,
  tertiary_link: 30,
  unclassified: 30,
  residential: 30,
  road: 30,
  living_street: 10,
  service: 15,
  track: 15,
  busway: 40,
};

/**
 * The legal limit each class's default speed stands for (km/h, urban). A tagged limit scales the
 * class speed by `limit / implied limit`, so a street tagged with its class's usual limit runs at
 * exactly the class speed and tagged and untagged streets of one class stay comparable.
 */
export const IMPLIED_LIMIT_KMH: Record<string, number> = {
  motorway: 110,
  motorway_link: 60,
  trunk: 80,
  trunk_link: 60,
  primary: 60,
  primary_link: 50,
  secondary: 50,
  secondary_link: 50,
  tertiary: 50,
  tertiary_link: 50,
  unclassified: 50,
  residential: 50,
  road: 50,
  living_street: 20,
  service: 30,
  track: 30,
  busway: 50,
};

/** A tagged limit moves a class's speed by at most these factors (a tag is a limit, not traffic). */
export const LIMIT_SPEED_FACTOR_MIN = 0.4;
export const LIMIT_SPEED_FACTOR_MAX = 1.2;

/**
 * Speeds of service ways by `service=*`: parking aisles and driveways are crawled through, never a
 * shortcut, whatever their limit says.
 */
export const SERVICE_SPEEDS_KMH: Record<string, number> = {
  parking_aisle: 8,
  driveway: 8,
  'drive-through': 8,
  alley: 12,
  emergency_access: 20,
};

/** Highest speed of a service way or a track, tagged or not (km/h). */
export const MINOR_ROAD_MAX_KMH = 20;

/**
 * Highest speed on a way cars may enter only to reach a place on it (`access=destination`): slow
 * enough that a route never cuts through it to save time.
 */
export const DESTINATION_ONLY_MAX_KMH = 10;

/**
 * Average delay of passing a traffic signal node (s): a car with lights and siren still slows down
 * and clears the junction; an average over green and red phases.
 */
export const TRAFFIC_SIGNAL_DELAY_SECONDS = 8;

/** Classes that are no street: not shortcuts, and not where an incident on a street snaps to. */
export const MINOR_HIGHWAYS: ReadonlySet<string> = new Set(['service', 'track']);

/** Speed for a `highway` value missing from the table (kept, reported as a warning). */
export const UNKNOWN_HIGHWAY_SPEED_KMH = 25;

/** Classes open to people on foot only: part of the walking graph, not the driving one. */
export const WALK_ONLY_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway',
  'pedestrian',
  'path',
  'steps',
  'cycleway',
  'bridleway',
  'corridor',
]);

/** Classes closed to pedestrians (kept out of the walking graph). */
export const NO_WALK_HIGHWAYS: ReadonlySet<string> = new Set(['motorway', 'motorway_link']);

/** `highway` values that are not usable roads at all; such features are reported and skipped. */
export const NON_ROUTABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'construction',
  'proposed',
  'abandoned',
  'disused',
  'razed',
  'platform',
  'raceway',
  'bus_stop',
  'elevator',
  'escape',
  'rest_area',
  'services',
]);

const KMH_PER_UNIT: Record<string, number> = {
  '': 1,
  'km/h': 1,
  kmh: 1,
  kph: 1,
  mph: 1.609344,
  knots: 1.852,
};

/** Limits of zone codes by their part after the country (`DE:urban`, `CN:urban`, `FR:zone30`). */
const ZONE_LIMITS_KMH: Record<string, number> = {
  urban: 50,
  rural: 90,
  motorway: 120,
  trunk: 100,
  living_street: 20,
  pedestrian_zone: 6,
  bicycle_road: 30,
  school: 30,
  nsl_single: 60 * 1.609344,
  nsl_dual: 70 * 1.609344,
  nsl_restricted: 30 * 1.609344,
};

/** Country-specific zone limits that differ from the common ones. */
const COUNTRY_ZONE_LIMITS_KMH: Record<string, number> = {
  'RU:urban': 60,
  'UA:urban': 50,
  'DE:rural': 100,
  'AT:rural': 100,
  'FR:rural': 80,
  'CN:rural': 70,
  'CN:motorway': 120,
  'DE:motorway': 130,
  'FR:motorway': 130,
  'IT:motorway': 130,
  'RU:living_street': 20,
  'CH:rural': 80,
};

/**
 * Limit of an OSM zone code such as "CN:urban", "DE:rural", "DE:zone30", "GB:nsl_single" (km/h),
 * or null when unknown.
 */
export function zoneLimitKmh(code: string): number | null {
  const m = /^([a-z]{2}(?:-[a-z0-9]+)?):(.+)$/i.exec(code.trim());
  if (!m) return null;
  const country = m[1]!.toUpperCase();
  const zone = m[2]!.toLowerCase();
  const specific = COUNTRY_ZONE_LIMITS_KMH[`${country}:${zone}`];
  if (specific !== undefined) return specific;
  const zoneNumber = /^zone:?(\d+)$/.exec(zone);
  if (zoneNumber) return Number(zoneNumber[1]);
  return ZONE_LIMITS_KMH[zone] ?? null;
}

/**
 * Parses an OSM `maxspeed` into km/h: numbers are km/h; strings like "50", "30 mph", "50 km/h",
 * "60;40" (first value), "walk", zone codes ("CN:urban", "DE:zone30"). "none", "signals" and junk
 * give null (use the class default).
 */
export function parseMaxspeedKmh(value: unknown): number | null {
  if (typeof value === 'number') return value > 0 && value <= 300 ? value : null;
  if (typeof value !== 'string') return null;
  const first = value.split(/[;,]/)[0]?.trim().toLowerCase() ?? '';
  if (first === 'walk') return 6;
  if (first.includes(':')) return zoneLimitKmh(first);
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(first);
  if (!m) return null;
  const kmh = Number(m[1]) * (KMH_PER_UNIT[m[2] ?? ''] ?? 1);
  return kmh > 0 && kmh <= 300 ? kmh : null;
}

/** Direction(s) a car may travel along the drawn line. */
export type OnewayDirection = 'forward' | 'backward' | 'both';

/**
 * Parses OSM `oneway` ("yes"/"true"/"1"/true, "-1"/"reverse", "no"/"false"/"0"/false); when absent
 * or unknown, one-way is implied for `junction=roundabout|circular` and `highway=motorway`.
 */
export function parseOneway(oneway: unknown, highway: string | null, junction: unknown): OnewayDirection {
  const v = typeof oneway === 'string' ? oneway.trim().toLowerCase() : oneway;
  if (v === true || v === 1 || v === 'yes' || v === 'true' || v === '1') return 'forward';
  if (v === -1 || v === '-1' || v === 'reverse') return 'backward';
  if (v === false || v === 0 || v === 'no' || v === 'false' || v === '0') return 'both';
  if (junction === 'roundabout' || junction === 'circular' || highway === 'motorway') return 'forward';
  return 'both';
}

/** How the graph treats one `highway` class. */
export interface RoadClassRule {
  /** Cars may use it. */
  readonly drive: boolean;
  /** Pedestrians may use it. */
  readonly walk: boolean;
  /** Default speed in km/h for cars. */
  readonly speedKmh: number;
  /** The class was not in the table (kept with a default, reported). */
  readonly unknown: boolean;
}

/** The rule for a `highway` value, or null when the feature is not a routable road. */
export function roadClassRule(
  highway: string,
  speedsKmh: Readonly<Record<string, number>>,
): RoadClassRule | null {
  if (NON_ROUTABLE_HIGHWAYS.has(highway)) return null;
  const walk = !NO_WALK_HIGHWAYS.has(highway);
  if (WALK_ONLY_HIGHWAYS.has(highway)) return { drive: false, walk, speedKmh: 0, unknown: false };
  const known = speedsKmh[highway];
  // A speed of 0 in a custom table closes the class to cars.
  if (known !== undefined) return { drive: known > 0, walk, speedKmh: Math.max(0, known), unknown: false };
  return { drive: true, walk, speedKmh: UNKNOWN_HIGHWAY_SPEED_KMH, unknown: true };
}

/** The km/h a car holds on a road whose class speed is `classKmh` under a legal limit `limitKmh`. */
export function speedFromLimitKmh(highway: string, classKmh: number, limitKmh: number | null): number {
  if (limitKmh === null) return classKmh;
  const implied = IMPLIED_LIMIT_KMH[highway] ?? 50;
  const factor = Math.min(LIMIT_SPEED_FACTOR_MAX, Math.max(LIMIT_SPEED_FACTOR_MIN, limitKmh / implied));
  // Never faster than the limit itself (walk-pace zones, 10 km/h yards).
  return Math.min(limitKmh, classKmh * factor);
}

/**
 * The limit that applies to travel along a way with `oneway` from its `maxspeed`,
 * `maxspeed:forward` and `maxspeed:backward` (and zone codes in `maxspeed:type` / `source:maxspeed`):
 * the direction's own limit on a one-way road, the mean of both on a two-way road (the graph keeps
 * one speed per segment).
 */
export function limitKmh(props: Readonly<Record<string, unknown>>, oneway: OnewayDirection): number | null {
  const general =
    parseMaxspeedKmh(props['maxspeed']) ??
    parseZoneTag(props['maxspeed:type']) ??
    parseZoneTag(props['source:maxspeed']);
  const forward = parseMaxspeedKmh(props['maxspeed:forward']) ?? general;
  const backward = parseMaxspeedKmh(props['maxspeed:backward']) ?? general;
  if (oneway === 'forward') return forward;
  if (oneway === 'backward') return backward;
  if (forward === null || backward === null) return forward ?? backward;
  return (forward + backward) / 2;
}

function parseZoneTag(value: unknown): number | null {
  return typeof value === 'string' ? zoneLimitKmh(value) : null;
}

/**
 * The car speed of a road (km/h): its class speed (or its `service=*` speed), scaled by its limit
 * when tagged ({@link speedFromLimitKmh}), capped at {@link MINOR_ROAD_MAX_KMH} for service ways
 * and tracks.
 */
export function roadSpeedKmh(
  highway: string,
  classKmh: number,
  props: Readonly<Record<string, unknown>>,
  oneway: OnewayDirection,
): number {
  const service = typeof props['service'] === 'string' ? SERVICE_SPEEDS_KMH[props['service']] : undefined;
  const base = highway === 'service' && service !== undefined ? Math.min(classKmh, service) : classKmh;
  let speed = speedFromLimitKmh(highway, base, limitKmh(props, oneway));
  // A parking aisle's limit is no reason to drive it faster than a parking aisle.
  if (highway === 'service' && service !== undefined) speed = Math.min(speed, service);
  return MINOR_HIGHWAYS.has(highway) ? Math.min(speed, MINOR_ROAD_MAX_KMH) : speed;
}
