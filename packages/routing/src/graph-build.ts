import Flatbush from 'flatbush';
import { connectedComponents, stronglyConnected } from './components.js';
import { ArcList, toCsr } from './csr.js';
import { readRoadFeature } from './feature-read.js';
import { spatialOrder } from './node-order.js';
import { buildChains, reverseFlags } from './chains.js';
import { haversineRaw, localProjection, type LocalProjection } from './geo.js';
import type { InputFeature, RoadFeatureCollection } from './geojson.js';
import { isPointFeature, readRoadPoint, type RoadPoint } from './road-points.js';
import { expandTurns, type NodeRestriction } from './turns.js';
import {
  CAR_BACKWARD,
  CAR_FORWARD,
  MINOR_ROAD,
  WALKABLE,
  type ReachReport,
  type RuleCounts,
  type TurnStates,
  type FeatureIssue,
  type RoadFeatureInfo,
  type RoadNetwork,
} from './network.js';
import { DEFAULT_SPEEDS_KMH, TRAFFIC_SIGNAL_DELAY_SECONDS } from './speeds.js';

/** Options of {@link buildRoadNetwork}. */
export interface BuildOptions {
  /** Per-class speeds (km/h) merged over {@link DEFAULT_SPEEDS_KMH}; 0 closes a class to cars. */
  readonly speedsKmh?: Readonly<Record<string, number>>;
  /** Vertex merge precision in degrees (default 1e-7, about 1 cm). */
  readonly coordinatePrecisionDeg?: number;
}

/** Mutable build state: segments as plain arrays until they are packed. */
class SegmentBuilder {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly meters: number[] = [];
  readonly seconds: number[] = [];
  readonly flags: number[] = [];
  readonly feature: number[] = [];
  readonly lng: number[] = [];
  readonly lat: number[] = [];
  private readonly keys = new Map<string, number>();

  has(key: string): boolean {
    return this.keys.has(key);
  }

  lookup(key: string): number | undefined {
    return this.keys.get(key);
  }

  constructor(private readonly scale: number) {}

  key(lng: number, lat: number): string {
    return `${Math.round(lng * this.scale)},${Math.round(lat * this.scale)}`;
  }

  node(lng: number, lat: number, key = this.key(lng, lat)): number {
    let id = this.keys.get(key);
    if (id === undefined) {
      id = this.lng.length;
      this.keys.set(key, id);
      this.lng.push(lng);
      this.lat.push(lat);
    }
    return id;
  }
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
  const speeds = { ...DEFAULT_SPEEDS_KMH, ...options.speedsKmh };
  const b = new SegmentBuilder(1 / (options.coordinatePrecisionDeg ?? 1e-7));
  const issues: FeatureIssue[] = [];
  const features: RoadFeatureInfo[] = [];
  const rules: MutableRuleCounts = {
    closedToCars: 0,
    destinationOnly: 0,
    minorRoads: 0,
    barriers: 0,
    barriersClosed: 0,
    signals: 0,
    restrictions: 0,
    restrictionsApplied: 0,
  };
  const restrictions: { index: number; point: RoadPoint }[] = [];
  const rawFeatures: unknown = input && typeof input === 'object' ? input.features : undefined;
  if (!input || input.type !== 'FeatureCollection' || !Array.isArray(rawFeatures)) {
    issues.push({
      index: -1,
      id: null,
      name: null,
      code: 'not_a_feature',
      kept: false,
      detail: 'input is not a FeatureCollection',
    });
  } else {
    const list = rawFeatures as unknown[];
    // Rules at nodes first: they apply to whichever roads pass there, wherever they are listed.
    const blocked = new Set<string>();
    const signals = new Set<string>();
    list.forEach((raw, index) => {
      if (!isPointFeature(raw)) return;
      const { point, problem, rule } = readRoadPoint(raw);
      if (!point) {
        const f = raw as InputFeature;
        const props = f.properties ?? {};
        const rawId = f.id ?? props['id'] ?? props['@id'];
        const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
        const name = typeof props['name'] === 'string' ? props['name'] : null;
        const code = rule ? 'bad_rule' : 'unsupported_geometry';
        issues.push({ index, id, name, code, kept: false, detail: problem ?? '' });
        return;
      }
      const key = b.key(point.position[0], point.position[1]);
      if (point.kind === 'barrier') {
        rules.barriers++;
        if (point.blocks) blocked.add(key);
      } else if (point.kind === 'signals') signals.add(key);
      else restrictions.push({ index, point });
    });
    rules.barriersClosed = blocked.size;
    const halfSignal = TRAFFIC_SIGNAL_DELAY_SECONDS / 2;
    list.forEach((raw, index) => {
      if (isPointFeature(raw)) return;
      const { road, issues: found, closedToCars } = readRoadFeature(raw, index, speeds);
      issues.push(...found);
      if (!road) {
        if (closedToCars) rules.closedToCars++;
        return;
      }
      const featureIndex = features.length;
      features.push({ id: road.id, name: road.name, highway: road.highway });
      if (road.closedToCars) rules.closedToCars++;
      if (road.carAccess === 'destination' && road.drive) rules.destinationOnly++;
      if (road.minor && road.drive) rules.minorRoads++;
      const speedMps = road.speedKmh / 3.6;
      let flags = road.walk ? WALKABLE : 0;
      if (road.minor) flags |= MINOR_ROAD;
      if (road.drive && road.oneway !== 'backward') flags |= CAR_FORWARD;
      if (road.drive && road.oneway !== 'forward') flags |= CAR_BACKWARD;
      const segmentsBefore = b.from.length;
      for (const part of road.parts) {
        let prev = -1;
        let prevPos: readonly [number, number] | undefined;
        let prevKey = '';
        for (const pos of part) {
          const key = b.key(pos[0], pos[1]);
          const id = b.node(pos[0], pos[1], key);
          // Vertices that merge after rounding would make a zero-length loop.
          if (prev >= 0 && id !== prev && prevPos) {
            const meters = haversineRaw(prevPos[0], prevPos[1], pos[0], pos[1]);
            // A closed barrier stops cars on both sides: no car passes through its node.
            const closed = blocked.size > 0 && (blocked.has(key) || blocked.has(prevKey));
            const segFlags = closed ? flags & ~(CAR_FORWARD | CAR_BACKWARD) : flags;
            const drives = (segFlags & (CAR_FORWARD | CAR_BACKWARD)) !== 0 && speedMps > 0;
            // Half a signal's delay on each segment at its node: passing it costs the whole delay.
            const delay =
              signals.size > 0
                ? (signals.has(key) ? halfSignal : 0) + (signals.has(prevKey) ? halfSignal : 0)
                : 0;
            b.from.push(prev);
            b.to.push(id);
            b.meters.push(meters);
            b.seconds.push(drives ? meters / speedMps + delay : 0);
            b.flags.push(segFlags);
            b.feature.push(featureIndex);
          }
          prev = id;
          prevPos = pos;
          prevKey = key;
        }
      }
      if (b.from.length === segmentsBefore) {
        features.pop();
        const detail = 'all vertices merge at the coordinate precision';
        issues.push({ index, id: road.id, name: road.name, code: 'bad_geometry', kept: false, detail });
      }
    });
    for (const key of signals) if (b.has(key)) rules.signals++;
  }
  rules.restrictions = restrictions.length;
  issues.sort((x, y) => x.index - y.index);
  return packNetwork(b, features, issues, rules, restrictions);
}

type MutableRuleCounts = { -readonly [K in keyof RuleCounts]: RuleCounts[K] };

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
  const junctionReverse = toCsr(nodeCount, reversed(fwd));
  const scc = stronglyConnected(nodeCount, junctionForward, junctionReverse);
  const turns = expansion?.turns ?? null;
  const stateCount = nodeCount + (turns?.copyPrimary.length ?? 0);
  const forward = expansion ? toCsr(stateCount, expansion.arcs) : junctionForward;
  const reverse = expansion ? toCsr(stateCount, reversed(expansion.arcs)) : junctionReverse;
  const walkAdj = toCsr(stateCount, walk);
  const component = extendLabels(scc.label, turns);
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
    walkComponent: extendLabels(walkCc.label, turns, -1),
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

/** Share and places of the junctions outside the largest strongly connected component. */
function reachReport(
  scc: { label: Int32Array; sizes: ArrayLike<number>; largest: number },
  nodeVertex: readonly number[],
  lng: Float64Array,
  lat: Float64Array,
): ReachReport {
  let drivable = 0;
  const count = new Map<number, { n: number; lng: number; lat: number }>();
  for (let v = 0; v < scc.label.length; v++) {
    const c = scc.label[v]!;
    if (c < 0) continue;
    drivable++;
    if (c === scc.largest) continue;
    const piece = count.get(c) ?? { n: 0, lng: 0, lat: 0 };
    piece.n++;
    piece.lng += lng[nodeVertex[v]!]!;
    piece.lat += lat[nodeVertex[v]!]!;
    count.set(c, piece);
  }
  const outside = drivable - (scc.largest >= 0 ? scc.sizes[scc.largest]! : 0);
  const pieces = [...count.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, 10)
    .map((p) => ({ junctions: p.n, lngLat: [p.lng / p.n, p.lat / p.n] as const }));
  return {
    drivableJunctions: drivable,
    outsideLargest: outside,
    outsideShare: drivable > 0 ? outside / drivable : 0,
    pieces,
  };
}

/** The arcs turned round (the reverse graph: arcs by target). */
function reversed(arcs: ArcList): ArcList {
  const out = new ArcList();
  for (let i = 0; i < arcs.tails.length; i++)
    out.add(arcs.heads[i]!, arcs.tails[i]!, arcs.cost[i]!, arcs.meters[i]!, arcs.edges[i]!);
  return out;
}

/** Labels per junction extended to the turn states (their junction's label, or `fill`). */
function extendLabels(labels: Int32Array, turns: TurnStates | null, fill?: number): Int32Array {
  if (!turns) return labels;
  const out = new Int32Array(labels.length + turns.copyPrimary.length);
  out.set(labels);
  turns.copyPrimary.forEach((p, i) => (out[labels.length + i] = fill ?? labels[p]!));
  return out;
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
