import type { FeatureIssue, FeatureIssueCode } from './network.js';
import type { InputFeature } from './geojson.js';
import { isValidLngLat } from './geo.js';
import { carAccess, footAccess, type CarAccess } from './access.js';
import {
  DESTINATION_ONLY_MAX_KMH,
  MINOR_HIGHWAYS,
  parseOneway,
  roadClassRule,
  roadSpeedKmh,
  type OnewayDirection,
} from './speeds.js';

/** A feature's usable content: line parts of valid positions, and its road rules. */
export interface ParsedRoad {
  readonly id: string | number | null;
  readonly name: string | null;
  readonly highway: string;
  readonly parts: readonly (readonly (readonly [number, number])[])[];
  readonly drive: boolean;
  readonly walk: boolean;
  readonly oneway: OnewayDirection;
  readonly speedKmh: number;
  /** Car access from the access tags (`no` leaves a walkable way to pedestrians only). */
  readonly carAccess: CarAccess;
  /** A road of a class cars may use that its access tags close to them. */
  readonly closedToCars: boolean;
  /** A service way or track: slow, and not where an incident on a street snaps. */
  readonly minor: boolean;
}

/** Outcome of reading one input feature: the road (if any) and the issues found. */
export interface ReadOutcome {
  readonly road: ParsedRoad | null;
  readonly issues: FeatureIssue[];
  /** A road of a drivable class its access tags close to everyone (dropped). */
  readonly closedToCars?: boolean;
}

function featureId(f: InputFeature, props: Readonly<Record<string, unknown>>): string | number | null {
  for (const v of [f.id, props['id'], props['@id']]) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  }
  return null;
}

function lineParts(geometry: unknown): { parts: unknown[]; code: FeatureIssueCode | null; detail: string } {
  if (geometry === null || typeof geometry !== 'object') {
    return { parts: [], code: 'bad_geometry', detail: 'missing geometry' };
  }
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'LineString' && g.type !== 'MultiLineString') {
    return { parts: [], code: 'unsupported_geometry', detail: `geometry type ${String(g.type)}` };
  }
  if (!Array.isArray(g.coordinates))
    return { parts: [], code: 'bad_geometry', detail: 'coordinates not an array' };
  return { parts: g.type === 'LineString' ? [g.coordinates] : g.coordinates, code: null, detail: '' };
}

/** Valid positions of one line part; null when a position is invalid or fewer than 2 distinct remain. */
function readPart(part: unknown): (readonly [number, number])[] | null {
  if (!Array.isArray(part)) return null;
  const out: (readonly [number, number])[] = [];
  for (const p of part) {
    if (!isValidLngLat(p)) return null;
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push([p[0], p[1]]);
  }
  return out.length >= 2 ? out : null;
}

/** Reads one feature: geometry checks, highway rules, oneway and speed. Never throws. */
export function readRoadFeature(
  raw: unknown,
  index: number,
  speedsKmh: Readonly<Record<string, number>>,
): ReadOutcome {
  const issues: FeatureIssue[] = [];
  if (raw === null || typeof raw !== 'object' || (raw as InputFeature).type !== 'Feature') {
    const issue = {
      index,
      id: null,
      name: null,
      code: 'not_a_feature',
      kept: false,
      detail: 'not a Feature',
    } as const;
    return { road: null, issues: [issue] };
  }
  const f = raw as InputFeature;
  const props = f.properties && typeof f.properties === 'object' ? f.properties : {};
  const id = featureId(f, props);
  const name = typeof props['name'] === 'string' ? props['name'] : null;
  const issue = (code: FeatureIssueCode, kept: boolean, detail: string): void => {
    issues.push({ index, id, name, code, kept, detail });
  };

  const { parts: rawParts, code, detail } = lineParts(f.geometry);
  if (code) {
    issue(code, false, detail);
    return { road: null, issues };
  }
  const parts: (readonly [number, number])[][] = [];
  rawParts.forEach((part, i) => {
    const ok = readPart(part);
    if (ok) parts.push(ok);
    else issue('bad_geometry', false, `line part ${i}: invalid position or fewer than 2 distinct positions`);
  });
  if (parts.length === 0) return { road: null, issues };

  let highway = typeof props['highway'] === 'string' ? props['highway'].trim() : '';
  if (highway === '') {
    issue('missing_highway', true, 'no highway tag: treated as unclassified');
    highway = 'unclassified';
  }
  const rule = roadClassRule(highway, speedsKmh);
  if (!rule) {
    issue('not_routable', false, `highway=${highway}`);
    return { road: null, issues };
  }
  if (rule.unknown) issue('unknown_highway', true, `highway=${highway}: default speed used`);
  const oneway = parseOneway(props['oneway'], highway, props['junction']);
  const access = rule.drive ? carAccess(props) : 'no';
  const stated = props['driveSpeedKmh'];
  let speedKmh = !rule.drive
    ? 0
    : typeof stated === 'number' && stated > 0 && stated <= 300
      ? stated
      : roadSpeedKmh(highway, rule.speedKmh, props, oneway);
  if (access === 'destination') speedKmh = Math.min(speedKmh, DESTINATION_ONLY_MAX_KMH);
  const road: ParsedRoad = {
    id,
    name,
    highway,
    parts,
    drive: rule.drive && access !== 'no',
    walk: rule.walk && footAccess(props),
    oneway,
    speedKmh,
    carAccess: access,
    closedToCars: rule.drive && access === 'no',
    minor: MINOR_HIGHWAYS.has(highway),
  };
  if (!road.drive && !road.walk) {
    issue('closed', false, 'closed to cars and pedestrians by its access tags');
    return { road: null, issues, closedToCars: road.closedToCars };
  }
  return { road, issues };
}
