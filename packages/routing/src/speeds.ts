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

/**
 * Parses an OSM `maxspeed` into km/h: numbers are km/h; strings like "50", "30 mph", "50 km/h",
 * "60;40" (first value), "walk". Zone codes ("CN:urban"), "none" and junk give null (use the class
 * default).
 */
export function parseMaxspeedKmh(value: unknown): number | null {
  if (typeof value === 'number') return value > 0 && value <= 300 ? value : null;
  if (typeof value !== 'string') return null;
  const first = value.split(/[;,]/)[0]?.trim().toLowerCase() ?? '';
  if (first === 'walk') return 6;
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
