/**
 * Who may use a road or pass a point, from OSM access tags. One home for these rules: the importer
 * counts with them, the graph builder applies them, the server and simulator build from the same
 * GeoJSON and so get the same graph.
 */

/** What a car may do on a way. `destination`: only to reach a place on it, never as a shortcut. */
export type CarAccess = 'yes' | 'destination' | 'no';

/** Access values that close a way or a point to cars. */
const CLOSED = new Set(['no', 'private', 'agricultural', 'forestry']);
/** Access values that allow cars to reach a place on the way only. */
const DESTINATION = new Set(['destination', 'customers', 'delivery']);
/** Access values that open a way or a point. */
const OPEN = new Set(['yes', 'permissive', 'designated', 'public']);

/** Tags read from the most specific to the most general, as OSM ranks them for a car. */
const CAR_KEYS = ['motorcar', 'motor_vehicle', 'vehicle', 'access'] as const;

/** OSM tags a road feature keeps for these rules (the importer copies them into properties). */
export const ACCESS_TAGS: readonly string[] = [...CAR_KEYS, 'foot', 'emergency'];

function value(tags: Readonly<Record<string, unknown>>, key: string): string | null {
  const v = tags[key];
  if (typeof v !== 'string') return null;
  // "no;destination" style lists: the first value is the general rule.
  const first = v.split(';')[0]!.trim().toLowerCase();
  return first === '' ? null : first;
}

/**
 * Car access of a way or barrier from `motorcar`, `motor_vehicle`, `vehicle`, `access` (the most
 * specific tag present wins), or `fallback` when none is tagged. `emergency=yes|designated` opens
 * a closed way: police cars are emergency vehicles.
 */
export function carAccess(tags: Readonly<Record<string, unknown>>, fallback: CarAccess = 'yes'): CarAccess {
  let found: CarAccess | null = null;
  for (const key of CAR_KEYS) {
    const v = value(tags, key);
    if (v === null) continue;
    if (CLOSED.has(v)) found = 'no';
    else if (DESTINATION.has(v)) found = 'destination';
    else if (OPEN.has(v)) found = 'yes';
    else continue; // unknown values (permit, ...) fall through to the next, more general tag
    break;
  }
  const result = found ?? fallback;
  if (result === 'no') {
    const e = value(tags, 'emergency');
    if (e === 'yes' || e === 'designated') return 'yes';
  }
  return result;
}

/** Whether people on foot may use a way that its class opens to them. */
export function footAccess(tags: Readonly<Record<string, unknown>>): boolean {
  const foot = value(tags, 'foot');
  if (foot !== null) return !CLOSED.has(foot);
  // A private street is closed to cars but a police officer on foot may still go there.
  return value(tags, 'access') !== 'no';
}

/** Barrier kinds no car passes whatever the access tags say (unless they explicitly open it). */
const CLOSED_BARRIERS = new Set([
  'bollard',
  'block',
  'jersey_barrier',
  'chain',
  'barrier_board',
  'bar',
  'log',
  'rope',
  'fence',
  'wall',
  'kissing_gate',
  'stile',
  'turnstile',
  'full-height_turnstile',
  'cycle_barrier',
  'motorcycle_barrier',
  'planter',
  'kerb',
  'debris',
  'hampshire_gate',
  'spikes',
]);

/** Gates: closed to cars unless the node's access tags open them (a locked gate sends the wrong unit). */
const GATES = new Set(['gate', 'lift_gate', 'swing_gate', 'sliding_gate']);

/**
 * Whether a node tagged `barrier=*` stops a car. Bollards, blocks and the like stop it unless access
 * tags on the node open it; gates and lift gates stop it unless the node is tagged open (access=yes,
 * permissive, destination). Toll booths, cattle grids, border controls and entrances do not.
 */
export function barrierBlocksCars(tags: Readonly<Record<string, unknown>>): boolean {
  const barrier = value(tags, 'barrier');
  if (barrier === null) return false;
  if (!CLOSED_BARRIERS.has(barrier) && !GATES.has(barrier)) return false;
  return carAccess(tags, 'no') === 'no';
}

/** Node tags a barrier feature keeps (the importer copies them into the Point's properties). */
export const BARRIER_TAGS: readonly string[] = ['barrier', ...CAR_KEYS, 'emergency'];
