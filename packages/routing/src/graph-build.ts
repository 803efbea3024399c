import Flatbush from 'flatbush';
import { connectedComponents, stronglyConnected } from './components.js';
import { ArcList, reversedArcs, toCsr } from './csr.js';
import { reachReport } from './reach.js';
import { spatialOrder } from './node-order.js';
import { buildChains, reverseFlags } from './chains.js';
import { localProjection, type LocalProjection } from './geo.js';
import type { RoadFeatureCollection } from './geojson.js';
import type { RoadPoint } from './road-points.js';
import { readInput, type MutableRuleCounts, type SegmentBuilder } from './graph-input.js';
import { expandTurns, labelsWithStates, type NodeRestriction } from './turns.js';
import {
  CAR_BACKWARD,
  CAR_FORWARD,
  WALKABLE,
  type FeatureIssue,
  type RoadFeatureInfo,
  type RoadNetwork,
} from './network.js';

/** Options of {@link buildRoadNetwork}. */
export interface BuildOptions {
  /** Per-class speeds (km/h) merged over {@link DEFAULT_SPEEDS_KMH}; 0 closes a class to cars. */
  readonly speedsKmh?: Readonly<Record<string, number>>;
  /** Vertex merge precision in degrees (default 1e-7, about 1 cm). */
  readonly coordinatePrecisionDeg?: number;
}

/**
 * Loads a GeoJSON FeatureCollection of (Multi)LineStrings with OSM-style properties (`highway`,
 * `maxspeed`, `oneway`, `junction`, `name`) into a {@link RoadNetwork}: nodes shared where vertices
 * coincide, CSR forward/reverse driving adjacency (seconds = haversine length / speed), a walking
 * adjacency, components, a segment spatial index and a report of what was dropped. Never throws:
 * bad input gives an empty network whose report says why.
 */
export function buildRoadNetwork(
  input: RoadFeatureCollection | null | undefined,
  options: BuildOptions = {},
): RoadNetwork {
  const { b, features, issues, rules, restrictions } = readInput(input, options);
  return packNetwork(b, features, issues, rules, restrictions);
}

function packNetwork(
  b: SegmentBuilder,
  features: RoadFeatureInfo[],
  issues: FeatureIssue[],
  rules: MutableRuleCounts,
  restrictions: readonly { index: number; point: RoadPoint }[],
): RoadNetwork {
  const vertexCount = b.lng.length;
  const segmentCount = b.from.length;
  // Hilbert numbering keeps map neighbours close in memory (see node-order.ts).
  const newId = spatialOrder(b.lng, b.lat);
  const vertexLng = new Float64Array(vertexCount);
  const vertexLat = new Float64Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) {
    vertexLng[newId[v]!] = b.lng[v]!;
    vertexLat[newId[v]!] = b.lat[v]!;
  }
  const projection = centredProjection(vertexLng, vertexLat);
  const vertexX = vertexLng.map((lng) => (lng - projection.lng0) * projection.mPerDegLng);
  const vertexY = vertexLat.map((lat) => (lat - projection.lat0) * projection.mPerDegLat);

  const rawFrom = Int32Array.from(b.from, (v) => newId[v]!);
  const rawTo = Int32Array.from(b.to, (v) => newId[v]!);
  const rawFlags = Uint8Array.from(b.flags);
  // Via nodes of turn restrictions must stay graph nodes even where only two roads meet.
  const viaVertex = restrictions.map(({ point }) => {
    const v = b.lookup(b.key(point.position[0], point.position[1]));
    return v === undefined ? -1 : newId[v]!;
  });
  const forced = new Uint8Array(vertexCount);
  for (const v of viaVertex) if (v >= 0) forced[v] = 1;
  const chains = buildChains(vertexCount, rawFrom, rawTo, rawFlags, forced);

  const vertexNode = new Int32Array(vertexCount).fill(-1);
  const nodeVertexList: number[] = [];
  for (let v = 0; v < vertexCount; v++) {
    if (chains.isNode[v]) {
      vertexNode[v] = nodeVertexList.length;
      nodeVertexList.push(v);
    }
  }
  const nodeCount = nodeVertexList.length;

  const segFrom = new Int32Array(segmentCount);
  const segTo = new Int32Array(segmentCount);
  const segMeters = new Float64Array(segmentCount);
  const segSeconds = new Float64Array(segmentCount);
  const segStartMeters = new Float64Array(segmentCount);
  const segStartSeconds = new Float64Array(segmentCount);
  const segEdge = new Int32Array(segmentCount);
  const segFeature = new Int32Array(segmentCount);
  const edgeCount = chains.chainStart.length - 1;
  const edgeFrom = new Int32Array(edgeCount);
  const edgeTo = new Int32Array(edgeCount);
  const edgeMeters = new Float64Array(edgeCount);
  const edgeSeconds = new Float64Array(edgeCount);
  const edgeFlags = new Uint8Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    let meters = 0;
    let seconds = 0;
    for (let i = chains.chainStart[e]!; i < chains.chainStart[e + 1]!; i++) {
      const r = chains.order[i]!;
      const rev = chains.reversed[i] === 1;
      segFrom[i] = rev ? rawTo[r]! : rawFrom[r]!;
      segTo[i] = rev ? rawFrom[r]! : rawTo[r]!;
      segMeters[i] = b.meters[r]!;
      segSeconds[i] = b.seconds[r]!;
      segStartMeters[i] = meters;
      segStartSeconds[i] = seconds;
      segEdge[i] = e;
      segFeature[i] = b.feature[r]!;
      meters += segMeters[i]!;
      seconds += segSeconds[i]!;
      if (i === chains.chainStart[e]) edgeFlags[e] = rev ? reverseFlags(rawFlags[r]!) : rawFlags[r]!;
    }
    edgeFrom[e] = vertexNode[segFrom[chains.chainStart[e]!]!]!;
    edgeTo[e] = vertexNode[segTo[chains.chainStart[e + 1]! - 1]!]!;
    edgeMeters[e] = meters;
    edgeSeconds[e] = seconds;
  }

  const fwd = new ArcList();
  const arcAlong: number[] = [];
  const walk = new ArcList();
  for (let e = 0; e < edgeCount; e++) {
    const u = edgeFrom[e]!;
    const v = edgeTo[e]!;
    const f = edgeFlags[e]!;
    const sec = edgeSeconds[e]!;
    const m = edgeMeters[e]!;
    if (f & CAR_FORWARD) {
      fwd.add(u, v, sec, m, e);
      arcAlong.push(1);
    }
    if (f & CAR_BACKWARD) {
      fwd.add(v, u, sec, m, e);
      arcAlong.push(0);
    }
    if (f & WALKABLE) {
      walk.add(u, v, m, m, e);
      walk.add(v, u, m, m, e);
    }
  }
  const junctionRestrictions: NodeRestriction[] = [];
  restrictions.forEach(({ index, point }, i) => {
    const v = viaVertex[i]!;
    const node = v >= 0 ? vertexNode[v]! : -1;
    if (node < 0 || point.kind !== 'restriction') {
      issues.push({
        index,
        id: null,
        name: null,
        code: 'bad_rule',
        kept: false,
        detail: 'restriction off the roads',
      });
      return;
    }
    junctionRestrictions.push({
      node,
      mode: point.mode,
      from: String(point.from),
      to: String(point.to),
      index,
    });
  });
  const expansion = expandTurns(
    {
      nodeCount,
      edgeCount,
      edgeFrom,
      edgeTo,
      edgeSegStart: chains.chainStart,
      segFeature,
      features,
      arcs: fwd,
      arcAlong,
    },
    junctionRestrictions,
  );
  for (const index of expansion?.unmatched ?? (expansion ? [] : junctionRestrictions.map((r) => r.index)))
    issues.push({
      index,
      id: null,
      name: null,
      code: 'bad_rule',
      kept: false,
      detail: 'restriction matches no turn at its node',
    });
  rules.restrictionsApplied = expansion?.applied.length ?? 0;
  // Components of the junction graph; a junction's turn states share its component.
  const junctionForward = toCsr(nodeCount, fwd);
  const junctionReverse = toCsr(nodeCount, reversedArcs(fwd));
  const scc = stronglyConnected(nodeCount, junctionForward, junctionReverse);
  const turns = expansion?.turns ?? null;
  const stateCount = nodeCount + (turns?.copyPrimary.length ?? 0);
  const forward = expansion ? toCsr(stateCount, expansion.arcs) : junctionForward;
  const reverse = expansion ? toCsr(stateCount, reversedArcs(expansion.arcs)) : junctionReverse;
  const walkAdj = toCsr(stateCount, walk);
  const component = labelsWithStates(scc.label, turns);
  const ends = (mask: number) => (e: number) =>
    edgeFlags[e]! & mask ? ([edgeFrom[e]!, edgeTo[e]!] as const) : null;
  const weak = connectedComponents(nodeCount, edgeCount, ends(CAR_FORWARD | CAR_BACKWARD));
  const walkCc = connectedComponents(nodeCount, edgeCount, ends(WALKABLE));

  return {
    vertexCount,
    vertexLng,
    vertexLat,
    vertexX,
    vertexY,
    vertexNode,
    projection,
    segmentCount,
    segFrom,
    segTo,
    segMeters,
    segSeconds,
    segStartMeters,
    segStartSeconds,
    segEdge,
    segFeature,
    features,
    nodeCount: stateCount,
    nodeVertex: Int32Array.from(
      turns
        ? [...nodeVertexList, ...Array.from(turns.copyPrimary, (p) => nodeVertexList[p]!)]
        : nodeVertexList,
    ),
    edgeCount,
    edgeFrom,
    edgeTo,
    edgeMeters,
    edgeSeconds,
    edgeFlags,
    edgeSegStart: chains.chainStart,
    forward,
    reverse,
    walk: walkAdj,
    component,
    largestComponent: scc.largest,
    walkComponent: labelsWithStates(walkCc.label, turns, -1),
    largestWalkComponent: walkCc.largest,
    turns,
    segmentIndex: segmentIndex(segFrom, segTo, vertexX, vertexY),
    report: {
      vertexCount,
      segmentCount,
      nodeCount,
      edgeCount,
      arcCount: forward.heads.length,
      componentCount: scc.sizes.length,
      largestComponentSize: scc.largest >= 0 ? scc.sizes[scc.largest]! : 0,
      weakComponentCount: weak.sizes.length,
      walkComponentCount: walkCc.sizes.length,
      featuresUsed: features.length,
      rules,
      reach: reachReport(scc, nodeVertexList, vertexLng, vertexLat),
      issues,
    },
  };
}

function centredProjection(lng: Float64Array, lat: Float64Array): LocalProjection {
  if (lng.length === 0) return localProjection(0, 0);
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let v = 0; v < lng.length; v++) {
    minLng = Math.min(minLng, lng[v]!);
    maxLng = Math.max(maxLng, lng[v]!);
    minLat = Math.min(minLat, lat[v]!);
    maxLat = Math.max(maxLat, lat[v]!);
  }
  return localProjection((minLng + maxLng) / 2, (minLat + maxLat) / 2);
}

function segmentIndex(from: Int32Array, to: Int32Array, x: Float64Array, y: Float64Array): Flatbush | null {
  if (from.length === 0) return null;
  const index = new Flatbush(from.length);
  for (let s = 0; s < from.length; s++) {
    const x1 = x[from[s]!]!;
    const y1 = y[from[s]!]!;
    const x2 = x[to[s]!]!;
    const y2 = y[to[s]!]!;
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  index.finish();
  return index;
}
