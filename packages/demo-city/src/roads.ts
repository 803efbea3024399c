/**
 * The road network: lines laid out, noded into a graph, cleaned up, and exported as OSM-style
 * GeoJSON ways. Junction coordinates are converted once per node, so every way meeting at a
 * junction carries the identical `[lng, lat]` there.
 */
import { makeStronglyConnected } from './connectivity.js';
import type { CityFrame } from './frame.js';
import type { FeatureCollection, LineString, Position } from './geojson.js';
import type { XY } from './geometry.js';
import type { Rng } from './prng.js';
import type { Projection } from './projection.js';
import { RoadGraph, type GraphEdge } from './road-graph.js';
import { buildRoadLines } from './road-lines.js';
import { addServiceSpurs } from './spurs.js';
import { HIGHWAY_CLASSES, type HighwayClass, type RoadProperties, type RoadStats } from './types.js';

/** A junction or dead end of the exported network. */
export interface RoadJunction {
  xy: XY;
  lngLat: Position;
  degree: number;
  /** Distinct road names meeting here. */
  names: string[];
  /** Most important class meeting here. */
  highway: HighwayClass;
}

export interface RoadNetwork {
  roads: FeatureCollection<LineString, RoadProperties>;
  stats: RoadStats;
  junctions: RoadJunction[];
}

function tagsKey(t: RoadProperties): string {
  return [t.highway, t.name, t.ref, t.maxspeed, t.oneway, t.bridge, t.layer].join('|');
}

/** Generates the road network of the frame. */
export function buildRoads(rng: Rng, frame: CityFrame, projection: Projection): RoadNetwork {
  const graph = new RoadGraph(buildRoadLines(rng.fork('lines'), frame));
  graph.pruneOvershoots();
  graph.pruneShortStubs(20);
  graph.thin(rng.fork('thin'), { local: 0.1, lane: 0.15 });
  addServiceSpurs(graph, rng.fork('spurs'), frame, 0.08);
  graph.keepLargestComponent();
  makeStronglyConnected(graph);
  return exportNetwork(graph, projection);
}

function exportNetwork(graph: RoadGraph, projection: Projection): RoadNetwork {
  const nodeLngLat = new Map<number, Position>();
  const at = (node: number): Position => {
    let p = nodeLngLat.get(node);
    if (!p) {
      p = projection.toLngLat(graph.nodes[node] as XY);
      nodeLngLat.set(node, p);
    }
    return p;
  };
  const features: RoadNetwork['roads']['features'] = [];
  graph.lines.forEach((_line, li) => {
    let chain: { coords: Position[]; tags: RoadProperties; key: string; last: number } | null = null;
    const flush = (): void => {
      if (chain)
        features.push({
          type: 'Feature',
          id: features.length + 1,
          properties: chain.tags,
          geometry: { type: 'LineString', coordinates: chain.coords },
        });
      chain = null;
    };
    for (const id of graph.lineEdges[li] ?? []) {
      const e = graph.edges[id] as GraphEdge;
      if (!e.alive) {
        flush();
        continue;
      }
      const key = tagsKey(e.tags);
      const rest = [...e.shape.map((p) => projection.toLngLat(p)), at(e.b)];
      if (
        chain !== null &&
        (chain as { last: number }).last === e.a &&
        (chain as { key: string }).key === key
      ) {
        const c = chain as { coords: Position[]; last: number };
        c.coords.push(...rest);
        c.last = e.b;
      } else {
        flush();
        chain = { coords: [at(e.a), ...rest], tags: { ...e.tags }, key, last: e.b };
      }
    }
    flush();
  });

  const vertices = new Set<string>();
  let segmentCount = 0;
  for (const f of features) {
    segmentCount += f.geometry.coordinates.length - 1;
    for (const [lng, lat] of f.geometry.coordinates) vertices.add(`${lng},${lat}`);
  }
  let lengthMeters = 0;
  let edgeCount = 0;
  const junctions: RoadJunction[] = [];
  const byNode = new Map<number, GraphEdge[]>();
  for (const e of graph.edges) {
    if (!e.alive) continue;
    edgeCount++;
    lengthMeters += graph.length(e);
    for (const n of [e.a, e.b]) byNode.set(n, [...(byNode.get(n) ?? []), e]);
  }
  for (const [node, edges] of [...byNode].sort((a, b) => a[0] - b[0])) {
    const names = [...new Set(edges.flatMap((e) => (e.tags.name === undefined ? [] : [e.tags.name])))];
    const rank = Math.min(...edges.map((e) => HIGHWAY_CLASSES.indexOf(e.tags.highway)));
    junctions.push({
      xy: graph.nodes[node] as XY,
      lngLat: at(node),
      degree: edges.length,
      names,
      highway: HIGHWAY_CLASSES[rank] ?? 'service',
    });
  }
  return {
    roads: { type: 'FeatureCollection', features },
    junctions,
    stats: {
      featureCount: features.length,
      vertexCount: vertices.size,
      segmentCount,
      junctionCount: junctions.length,
      edgeCount,
      lengthMeters: Math.round(lengthMeters),
      bridgeCount: features.filter((f) => f.properties.bridge === 'yes').length,
      onewayFeatureCount: features.filter((f) => f.properties.oneway === 'yes').length,
    },
  };
}
