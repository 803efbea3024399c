/**
 * Roads from OpenStreetMap data (.osm XML or .osm.pbf): ways tagged highway=* become LineStrings
 * with their oneway/maxspeed/name tags. Two passes over the input keep memory to the nodes that
 * roads use (a city extract holds far more building nodes than road nodes).
 */
import { highwayProblem, roadProperties, type RoadImport } from './road-features.js';
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

/** What the readers yield; relations and the header are passed over. */
export type OsmElement = OsmNode | OsmWay | { type: 'relation' | 'header' };

/** Opens the input afresh for each pass. */
export type OsmSource = () => AsyncIterable<OsmElement>;

interface RoadWay {
  index: number;
  id: number;
  refs: number[];
  tags: Record<string, string>;
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
  const result: RoadImport = { features: [], rejected: [], parsed: 0 };
  const roads: RoadWay[] = [];
  const needed = new Set<number>();
  const progress = () =>
    onProgress?.({ parsed: result.parsed, valid: roads.length, rejected: result.rejected.length });
  for await (const element of source()) {
    if (element.type !== 'way') continue;
    const index = result.parsed;
    result.parsed += 1;
    const problem = highwayProblem(element.tags['highway']);
    if (problem)
      result.rejected.push({ index, id: element.id, reason: problem.reason, detail: problem.detail });
    else if (element.refs.length < 2)
      result.rejected.push({
        index,
        id: element.id,
        reason: 'too_few_positions',
        detail: `${element.refs.length} node reference(s)`,
      });
    else {
      roads.push({ index, id: element.id, refs: element.refs, tags: element.tags });
      for (const ref of element.refs) needed.add(ref);
    }
    if (result.parsed % every === 0) progress();
  }
  progress();

  const positions = new Map<number, [number, number]>();
  for await (const element of source()) {
    if (element.type !== 'node' || !needed.has(element.id)) continue;
    if (
      Number.isFinite(element.lon) &&
      Number.isFinite(element.lat) &&
      Math.abs(element.lon) <= 180 &&
      Math.abs(element.lat) <= 90
    )
      positions.set(element.id, [element.lon, element.lat]);
  }

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
      result.features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: line },
        properties: roadProperties(way.tags, `way/${way.id}`),
      });
    }
  }
  result.rejected.sort((a, b) => a.index - b.index);
  onProgress?.({ parsed: result.parsed, valid: result.features.length, rejected: result.rejected.length });
  return result;
}
