/**
 * Checks road features one by one before they reach the road network: what is kept becomes a
 * clean OSM-style LineString/MultiLineString feature, what is not is reported with its position
 * in the input and the reason (never silently dropped).
 */
import { ACCESS_TAGS, isValidLngLat, NON_ROUTABLE_HIGHWAYS, readRoadPoint } from '@dispatch/routing';

/** Properties the server keeps for a road (the rest of an OSM export is noise to routing). */
// A type alias, not an interface, so it is assignable to routing's Record<string, unknown>.
export type RoadImportProperties = {
  highway: string;
  id?: string | number;
  name?: string;
  ref?: string;
  oneway?: string;
  maxspeed?: string | number;
  junction?: string;
  bridge?: string;
  tunnel?: string;
  layer?: string | number;
  service?: string;
  /** Access tags (access, motor_vehicle, motorcar, vehicle, foot, emergency) and directional limits. */
  [tag: string]: string | number | undefined;
};

/** A road rule at a node (barrier, traffic signal, turn restriction at its via node), see routing's road-points.ts. */
export interface RoadRuleFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string | number>;
}

/** What an import read beside the roads and what it left out, for the report. */
export interface ImportSummary {
  /** Ways or features without a highway tag (buildings, land use, rivers): not roads, not rejected. */
  notRoads: number;
  /** Roads closed to cars by access tags (kept for pedestrians), and destination-only roads. */
  closedToCars: number;
  destinationOnly: number;
  /** Barrier nodes on roads, and those of them closed to cars. */
  barriers: number;
  barriersClosed: number;
  signals: number;
  /** Turn restrictions kept (via a node, between two imported roads) and those left out, by why. */
  restrictions: number;
  restrictionsViaWay: number;
  restrictionsUnsupported: number;
  restrictionsNotForCars: number;
  restrictionsOutside: number;
}

export function emptyImportSummary(): ImportSummary {
  return {
    notRoads: 0,
    closedToCars: 0,
    destinationOnly: 0,
    barriers: 0,
    barriersClosed: 0,
    signals: 0,
    restrictions: 0,
    restrictionsViaWay: 0,
    restrictionsUnsupported: 0,
    restrictionsNotForCars: 0,
    restrictionsOutside: 0,
  };
}

export interface RoadImportFeature {
  type: 'Feature';
  geometry:
    | { type: 'LineString'; coordinates: [number, number][] }
    | { type: 'MultiLineString'; coordinates: [number, number][][] };
  properties: RoadImportProperties;
}

export type RejectReason =
  | 'not_a_feature'
  | 'unsupported_geometry'
  | 'bad_coordinates'
  | 'too_few_positions'
  | 'not_a_road'
  | 'not_routable'
  | 'missing_nodes';

export interface RejectedFeature {
  /** Position in the input (feature index for GeoJSON, way order for OSM). */
  index: number;
  /** GeoJSON feature id / OSM way id, when there is one. */
  id: string | number | null;
  reason: RejectReason;
  detail: string;
}

export interface RoadImport {
  features: RoadImportFeature[];
  /** Road rules at nodes, stored in the same collection as the roads. */
  rules: RoadRuleFeature[];
  summary: ImportSummary;
  rejected: RejectedFeature[];
  /** Features (or ways) read from the input. */
  parsed: number;
}

const KEPT_TAGS: readonly string[] = [
  'name',
  'ref',
  'oneway',
  'maxspeed',
  'maxspeed:forward',
  'maxspeed:backward',
  'maxspeed:type',
  'junction',
  'bridge',
  'tunnel',
  'layer',
  'service',
  ...ACCESS_TAGS,
];

export type CheckResult =
  | { ok: true; feature: RoadImportFeature }
  | { ok: true; rule: RoadRuleFeature }
  | { ok: false; rejected: RejectedFeature };

function reject(
  index: number,
  id: string | number | null,
  reason: RejectReason,
  detail: string,
): CheckResult {
  return { ok: false, rejected: { index, id, reason, detail } };
}

/** One line part: positions validated, consecutive duplicates folded, at least two left. */
function cleanPart(
  part: unknown,
): { ok: true; line: [number, number][] } | { ok: false; reason: RejectReason } {
  if (!Array.isArray(part)) return { ok: false, reason: 'bad_coordinates' };
  const line: [number, number][] = [];
  for (const p of part) {
    if (!isValidLngLat(p)) return { ok: false, reason: 'bad_coordinates' };
    const last = line[line.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    line.push([p[0], p[1]]);
  }
  return line.length >= 2 ? { ok: true, line } : { ok: false, reason: 'too_few_positions' };
}

/** Tag values as the routing package reads them (strings, or numbers for maxspeed/layer). */
export function roadProperties(
  tags: Readonly<Record<string, unknown>>,
  id: string | number | null,
): RoadImportProperties {
  const props: RoadImportProperties = { highway: String(tags['highway']).trim() };
  if (id !== null) props.id = id;
  for (const key of KEPT_TAGS) {
    const value = tags[key];
    if (typeof value === 'string' && value.trim() !== '')
      (props as unknown as Record<string, unknown>)[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value))
      (props as unknown as Record<string, unknown>)[key] = value;
  }
  return props;
}

/** Why a highway tag makes no road, or null when it is a road. */
export function highwayProblem(highway: unknown): { reason: RejectReason; detail: string } | null {
  if (typeof highway !== 'string' || highway.trim() === '')
    return { reason: 'not_a_road', detail: 'no highway tag' };
  if (NON_ROUTABLE_HIGHWAYS.has(highway.trim()))
    return { reason: 'not_routable', detail: `highway=${highway.trim()}` };
  return null;
}

function featureId(f: { id?: unknown; properties?: unknown }): string | number | null {
  const props = (f.properties ?? {}) as Record<string, unknown>;
  for (const v of [f.id, props['id'], props['@id']]) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  }
  return null;
}

/** Checks one GeoJSON feature of a road import. Never throws. */
export function checkRoadFeature(raw: unknown, index: number): CheckResult {
  if (raw === null || typeof raw !== 'object' || (raw as { type?: unknown }).type !== 'Feature')
    return reject(index, null, 'not_a_feature', 'not a GeoJSON Feature');
  const f = raw as { id?: unknown; geometry?: unknown; properties?: unknown };
  const id = featureId(f);
  const geometry = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (!geometry || typeof geometry !== 'object')
    return reject(index, id, 'unsupported_geometry', 'missing geometry');
  if (geometry.type === 'Point') {
    // A barrier, signal or turn restriction exported with the roads comes back in with them.
    const { point, problem, rule } = readRoadPoint(raw);
    if (point) {
      const props: Record<string, string | number> = {};
      for (const [k, v] of Object.entries((f.properties ?? {}) as Record<string, unknown>))
        if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) props[k] = v;
      const [lng, lat] = geometry.coordinates as [number, number];
      return {
        ok: true,
        rule: { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: props },
      };
    }
    if (rule) return reject(index, id, 'bad_coordinates', problem ?? 'bad road rule');
  }
  if (geometry.type !== 'LineString' && geometry.type !== 'MultiLineString')
    return reject(index, id, 'unsupported_geometry', `geometry type ${String(geometry.type)}`);
  if (!Array.isArray(geometry.coordinates))
    return reject(index, id, 'bad_coordinates', 'coordinates are not an array');
  const tags = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<
    string,
    unknown
  >;
  const problem = highwayProblem(tags['highway']);
  if (problem) return reject(index, id, problem.reason, problem.detail);
  const rawParts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  const lines: [number, number][][] = [];
  for (const [i, part] of rawParts.entries()) {
    const cleaned = cleanPart(part);
    // One bad part spoils the feature: a half-drawn road would route wrongly, so say so instead.
    if (!cleaned.ok)
      return reject(
        index,
        id,
        cleaned.reason,
        cleaned.reason === 'bad_coordinates'
          ? `line part ${i}: a position is not [lng, lat] within range`
          : `line part ${i}: fewer than 2 distinct positions`,
      );
    lines.push(cleaned.line);
  }
  if (lines.length === 0) return reject(index, id, 'too_few_positions', 'no line parts');
  const properties = roadProperties(tags, id);
  const feature: RoadImportFeature =
    lines.length === 1
      ? { type: 'Feature', geometry: { type: 'LineString', coordinates: lines[0]! }, properties }
      : { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: lines }, properties };
  return { ok: true, feature };
}

/** Rejected features counted by reason, for the summary line. */
export function countByReason(rejected: readonly RejectedFeature[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rejected) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  return counts;
}
