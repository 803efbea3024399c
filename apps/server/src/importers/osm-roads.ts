/**
 * Roads from OpenStreetMap data (.osm XML or .osm.pbf): ways tagged highway=* become LineStrings
 * with their road tags, barriers and signals at their nodes become Points, turn restriction
 * relations Points at their via node. Two passes over the input keep memory to the nodes that
 * roads use (a city extract holds far more building nodes than road nodes).
 */
import {
  barrierBlocksCars,
  BARRIER_TAGS,
  carAccess,
  restrictionMode,
  WALK_ONLY_HIGHWAYS,
  type CarAccess,
} from '@dispatch/routing';
import {
  emptyImportSummary,
  highwayProblem,
  roadProperties,
  type RoadImport,
  type RoadImportProperties,
  type RoadRuleFeature,
} from './road-features.js';
import { GrowableIds, NodePositions } from './node-positions.js';
import type { ProgressListener } from './geojson-roads.js';

export interface OsmNode {
  type: 'node';
  id: number;
  lat: number;
  lon: number;
  /** Only when the reader was asked for node tags (places for the gazetteer). */
  tags?: Record<string, string>;
}

export interface OsmWay {
  type: 'way';
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export interface OsmRelation {
  type: 'relation';
  id: number;
  members: { type: string; ref: number; role: string }[];
  tags: Record<string, string>;
}

/** What the readers yield; the header is passed over. */
export type OsmElement = OsmNode | OsmWay | OsmRelation | { type: 'header' };

/** Node tag keys the road import reads (barriers and traffic signals). */
export const ROAD_NODE_TAGS: readonly string[] = [...BARRIER_TAGS, 'highway'];

interface Restriction {
  id: number;
  value: string;
  from: number;
  via: number;
  to: number;
}

/** Opens the input afresh for each pass. */
export type OsmSource = () => AsyncIterable<OsmElement>;

interface RoadWay {
  index: number;
  id: number;
  refs: number[];
  props: RoadImportProperties;
  access: CarAccess;
}

/**
 * Reads the source twice: first the ways (which are roads, which nodes they need), then the
 * nodes' positions. Ways whose nodes are missing (clipped extracts) are reported, not guessed.
 */
export async function osmRoads(
  source: OsmSource,
  onProgress?: ProgressListener,
  every = 100_000,
): Promise<RoadImport> {
  const result: RoadImport = {
    features: [],
    rules: [],
    rejected: [],
    parsed: 0,
    summary: emptyImportSummary(),
  };
  const summary = result.summary;
  const roads: RoadWay[] = [];
  // Node ids the roads use, then (sorted, unique) their positions in flat typed arrays: a few bytes
  // per node instead of a Set and a Map of small arrays (a metro extract has millions of them).
  const refs = new GrowableIds();
  const restrictions: Restriction[] = [];
  const progress = () =>
    onProgress?.({ parsed: result.parsed, valid: roads.length, rejected: result.rejected.length });
  for await (const element of source()) {
    if (element.type === 'relation') {
      readRestriction(element, restrictions, summary);
      continue;
    }
    if (element.type !== 'way') continue;
    const index = result.parsed;
    result.parsed += 1;
    const problem = highwayProblem(element.tags['highway']);
    // Buildings, land use, rivers: not roads, counted apart from the roads that had to be rejected.
    if (problem?.reason === 'not_a_road') summary.notRoads += 1;
    else if (problem)
      result.rejected.push({ index, id: element.id, reason: problem.reason, detail: problem.detail });
    else if (element.refs.length < 2)
      result.rejected.push({
        index,
        id: element.id,
        reason: 'too_few_positions',
        detail: `${element.refs.length} node reference(s)`,
      });
    else {
      // Only the kept tags: a way's full tag set (names in many languages, notes) is dead weight.
      const access = WALK_ONLY_HIGHWAYS.has(element.tags['highway'] ?? '') ? 'yes' : carAccess(element.tags);
      roads.push({
        index,
        id: element.id,
        refs: element.refs,
        props: roadProperties(element.tags, `way/${element.id}`),
        access,
      });
      for (const ref of element.refs) refs.push(ref);
    }
    if (result.parsed % every === 0) progress();
  }
  progress();

  const positions = new NodePositions(refs.sortedUnique());
  const nodeRules: RoadRuleFeature[] = [];
  for await (const element of source()) {
    if (element.type !== 'node') continue;
    const at = positions.indexOf(element.id);
    if (at < 0) continue;
    if (
      Number.isFinite(element.lon) &&
      Number.isFinite(element.lat) &&
      Math.abs(element.lon) <= 180 &&
      Math.abs(element.lat) <= 90
    ) {
      positions.set(at, element.lon, element.lat);
      const rule = element.tags
        ? nodeRule(element.id, [element.lon, element.lat], element.tags, summary)
        : null;
      if (rule) nodeRules.push(rule);
    }
  }

  const kept = new Set<number>();
  for (const way of roads) {
    const line: [number, number][] = [];
    const missing: number[] = [];
    for (const ref of way.refs) {
      const p = positions.get(ref);
      if (!p) {
        missing.push(ref);
        continue;
      }
      const last = line[line.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) line.push(p);
    }
    if (missing.length > 0) {
      result.rejected.push({
        index: way.index,
        id: way.id,
        reason: 'missing_nodes',
        detail: `${missing.length} of ${way.refs.length} nodes missing or invalid (first: ${missing[0]})`,
      });
    } else if (line.length < 2) {
      result.rejected.push({
        index: way.index,
        id: way.id,
        reason: 'too_few_positions',
        detail: 'fewer than 2 distinct positions',
      });
    } else {
      kept.add(way.id);
      const access = way.access;
      if (access === 'no') summary.closedToCars += 1;
      else if (access === 'destination') summary.destinationOnly += 1;
      result.features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: line },
        properties: way.props,
      });
    }
  }
  result.rules.push(...nodeRules);
  for (const r of restrictions) {
    const via = positions.get(r.via);
    if (!via || !kept.has(r.from) || !kept.has(r.to)) {
      summary.restrictionsOutside += 1;
      continue;
    }
    summary.restrictions += 1;
    result.rules.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: via },
      properties: {
        id: `relation/${r.id}`,
        type: 'restriction',
        restriction: r.value,
        from: `way/${r.from}`,
        to: `way/${r.to}`,
      },
    });
  }
  result.rejected.sort((a, b) => a.index - b.index);
  onProgress?.({ parsed: result.parsed, valid: result.features.length, rejected: result.rejected.length });
  return result;
}

/** A turn restriction relation with a via node, or counted as one this graph cannot use. */
function readRestriction(rel: OsmRelation, out: Restriction[], summary: RoadImport['summary']): void {
  const tags = rel.tags;
  if (tags['type'] !== 'restriction') return;
  const value = tags['restriction'] ?? tags['restriction:motorcar'] ?? tags['restriction:motor_vehicle'];
  const except = (tags['except'] ?? '').split(';').map((v) => v.trim());
  if (except.includes('motorcar') || except.includes('emergency')) {
    summary.restrictionsNotForCars += 1;
    return;
  }
  if (!restrictionMode(value)) {
    summary.restrictionsUnsupported += 1;
    return;
  }
  const from = rel.members.filter((m) => m.role === 'from' && m.type === 'way');
  const to = rel.members.filter((m) => m.role === 'to' && m.type === 'way');
  const via = rel.members.filter((m) => m.role === 'via');
  if (via.length === 1 && via[0]!.type === 'node' && from.length === 1 && to.length === 1) {
    out.push({ id: rel.id, value: value!, from: from[0]!.ref, via: via[0]!.ref, to: to[0]!.ref });
  } else if (via.some((m) => m.type === 'way')) summary.restrictionsViaWay += 1;
  else summary.restrictionsUnsupported += 1;
}

/** A barrier or traffic signal at a road node, as a Point rule for the graph. */
function nodeRule(
  id: number,
  position: [number, number],
  tags: Record<string, string>,
  summary: RoadImport['summary'],
): RoadRuleFeature | null {
  if (tags['barrier'] !== undefined) {
    summary.barriers += 1;
    if (barrierBlocksCars(tags)) summary.barriersClosed += 1;
    const properties: Record<string, string> = { id: `node/${id}` };
    for (const key of BARRIER_TAGS) if (tags[key] !== undefined) properties[key] = tags[key]!;
    return { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties };
  }
  if (tags['highway'] === 'traffic_signals') {
    summary.signals += 1;
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: position },
      properties: { id: `node/${id}`, highway: 'traffic_signals' },
    };
  }
  return null;
}
