import type { LngLat } from '@dispatch/domain';
import { lerpLngLat } from './geo.js';
import type { RoadNetwork } from './network.js';
import { travelTimesFrom, type NodeTravelTimes, type TravelTimesOptions } from './travel-times.js';
import { vertexTimes } from './vertex-times.js';

/** A road leaving the area reachable within the time limit: a candidate checkpoint. */
export interface ExitEdge {
  /** Segment (and graph edge) the boundary crosses. */
  readonly segment: number;
  readonly edge: number;
  /** Where the time limit runs out along the road. */
  readonly point: LngLat;
  /** Direction of travel out of the area, degrees clockwise from north. */
  readonly headingDeg: number;
  /** Seconds at which the fastest traveller enters the segment (or leaves the origin on it). */
  readonly insideSeconds: number;
  readonly name: string | null;
  readonly highway: string;
  readonly featureId: string | number | null;
  /** Driving speed of the road: exits on fast roads matter most and come first. */
  readonly speedMps: number;
}

function heading(net: RoadNetwork, a: number, b: number): number {
  const dx = net.vertexX[b]! - net.vertexX[a]!;
  const dy = net.vertexY[b]! - net.vertexY[a]!;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/** Exit on segment `s` at fraction `f` (from `segFrom`), heading out of the area. */
function exitOf(net: RoadNetwork, s: number, f: number, headingDeg: number, insideSeconds: number): ExitEdge {
  const feature = net.features[net.segFeature[s]!];
  const seconds = net.segSeconds[s]!;
  const a = net.segFrom[s]!;
  const b = net.segTo[s]!;
  return {
    segment: s,
    edge: net.segEdge[s]!,
    point: lerpLngLat(
      net.vertexLng[a]!,
      net.vertexLat[a]!,
      net.vertexLng[b]!,
      net.vertexLat[b]!,
      Math.min(1, Math.max(0, f)),
    ),
    headingDeg,
    insideSeconds,
    name: feature?.name ?? null,
    highway: feature?.highway ?? 'unclassified',
    featureId: feature?.id ?? null,
    speedMps: seconds > 0 ? net.segMeters[s]! / seconds : 0,
  };
}

/**
 * Exit edges of an already computed outbound search (see {@link exitEdges}). A segment is an exit
 * where travel along it crosses the time limit and the far end of its edge is not reached in
 * time either (a stretch between two reached junctions is inside the area, not a way out).
 */
export function exitEdgesOf(times: NodeTravelTimes, withinSeconds: number): ExitEdge[] {
  const net = times.network;
  const { profile, secondsPerCost: k } = times;
  const { seconds, edges } = vertexTimes(times, Infinity);
  const nodeIn = (node: number) => times.seconds[node]! <= withinSeconds;
  const exits: ExitEdge[] = [];
  const originSegments = new Set(times.origins.map((o) => (o ? o.snap.segment : -1)));
  /** Travel along `s` from fraction `f0` (reached at `t0`) towards its `segTo` end or back. */
  const consider = (s: number, t0: number, f0: number, towardTo: boolean) => {
    const e = net.segEdge[s]!;
    if (nodeIn(towardTo ? net.edgeTo[e]! : net.edgeFrom[e]!)) return;
    const f = f0 + ((towardTo ? 1 : -1) * (withinSeconds - t0)) / (profile.segCost[s]! * k);
    const [p, q] = towardTo ? [net.segFrom[s]!, net.segTo[s]!] : [net.segTo[s]!, net.segFrom[s]!];
    exits.push(exitOf(net, s, f, heading(net, p, q), t0));
  };
  for (const e of edges) {
    const flags = net.edgeFlags[e]!;
    for (let s = net.edgeSegStart[e]!; s < net.edgeSegStart[e + 1]!; s++) {
      if (originSegments.has(s)) continue; // handled from the origin's own position below
      const ta = seconds[net.segFrom[s]!]!;
      const tb = seconds[net.segTo[s]!]!;
      if (ta <= withinSeconds && tb > withinSeconds && flags & profile.forwardMask) consider(s, ta, 0, true);
      if (tb <= withinSeconds && ta > withinSeconds && flags & profile.backwardMask)
        consider(s, tb, 1, false);
    }
  }
  for (const o of times.origins) {
    if (!o || o.offsetSeconds > withinSeconds) continue;
    const { snap, offsetSeconds } = o;
    const s = snap.segment;
    const flags = net.edgeFlags[snap.edge]!;
    if (seconds[net.segTo[s]!]! > withinSeconds && flags & profile.forwardMask)
      consider(s, offsetSeconds, snap.fraction, true);
    if (seconds[net.segFrom[s]!]! > withinSeconds && flags & profile.backwardMask)
      consider(s, offsetSeconds, snap.fraction, false);
  }
  return exits.sort(
    (x, y) => y.speedMps - x.speedMps || x.insideSeconds - y.insideSeconds || x.segment - y.segment,
  );
}

/**
 * Road exits of the area a vehicle leaving `origin` can reach within `withinSeconds`, with the
 * point where the time runs out: checkpoints there contain a suspect who fled by car at that
 * moment. Fastest roads first.
 */
export function exitEdges(
  network: RoadNetwork | null | undefined,
  origin: LngLat,
  withinSeconds: number,
  options: Omit<TravelTimesOptions, 'direction' | 'maxSeconds'> = {},
): ExitEdge[] {
  const times = travelTimesFrom(network, [origin], {
    ...options,
    direction: 'outbound',
    maxSeconds: withinSeconds,
  });
  return times ? exitEdgesOf(times, withinSeconds) : [];
}
