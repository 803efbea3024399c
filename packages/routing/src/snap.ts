import type { LngLat } from '@dispatch/domain';
import { closestFraction, haversineRaw, isValidLngLat, lerpLngLat, projectX, projectY } from './geo.js';
import { CAR_BACKWARD, CAR_FORWARD, MINOR_ROAD, WALKABLE, type RoadNetwork } from './network.js';

/**
 * How much nearer a service way or track must be than a street to win a driving snap (m): an
 * incident at a house belongs on its street, not on the driveway or parking aisle beside it.
 */
export const MINOR_ROAD_SNAP_PENALTY_METERS = 30;

/** Which segments a point may snap to. */
export type SnapProfile = 'drive' | 'walk' | 'any';

/**
 * Component policy: `prefer_largest` (default) snaps to the largest connected component when a
 * road of it is within range, else to any road; `largest_only` never leaves it; `any` takes the
 * nearest road whatever its component.
 */
export type ComponentPolicy = 'prefer_largest' | 'largest_only' | 'any';

/** Options of {@link snapPoint}. */
export interface SnapOptions {
  readonly profile?: SnapProfile;
  readonly components?: ComponentPolicy;
  /** Farthest acceptable road, meters (default: unlimited). */
  readonly maxDistanceMeters?: number;
  /** Driving snaps: extra distance a service way or track counts (default {@link MINOR_ROAD_SNAP_PENALTY_METERS}). */
  readonly minorRoadPenaltyMeters?: number;
}

/** A point placed on the nearest road segment, and so on a graph edge. */
export interface Snap {
  readonly segment: number;
  /** Position along the segment, 0 at `segFrom`, 1 at `segTo`. */
  readonly fraction: number;
  readonly edge: number;
  /** Graph nodes at the edge's ends (`edgeFrom`, `edgeTo`). */
  readonly from: number;
  readonly to: number;
  /** Meters and driving seconds along the edge from `from` to the snapped point. */
  readonly alongMeters: number;
  readonly alongSeconds: number;
  /** The point is exactly on the edge's first / last vertex, i.e. on that graph node. */
  readonly atFrom: boolean;
  readonly atTo: boolean;
  readonly point: LngLat;
  /** Haversine distance from the input point to `point`. */
  readonly offsetMeters: number;
  /** Component of the edge for the profile (driving SCC, or walking component); -1 if none. */
  readonly component: number;
  readonly inLargestComponent: boolean;
}

const MASKS: Record<SnapProfile, number> = {
  drive: CAR_FORWARD | CAR_BACKWARD,
  walk: WALKABLE,
  any: CAR_FORWARD | CAR_BACKWARD | WALKABLE,
};

function segmentComponent(net: RoadNetwork, profile: SnapProfile, s: number): number {
  const labels = profile === 'walk' ? net.walkComponent : net.component;
  const e = net.segEdge[s]!;
  const a = labels[net.edgeFrom[e]!]!;
  return a === labels[net.edgeTo[e]!]! ? a : -1;
}

/**
 * Snaps a point to the nearest road segment: Flatbush `neighbors` gives the nearest segment box,
 * whose exact point-to-segment distance then bounds a box search that finds the exact nearest.
 * Returns null when no allowed segment lies within `maxDistanceMeters` or the point is invalid.
 */
export function snapPoint(net: RoadNetwork, p: LngLat, options: SnapOptions = {}): Snap | null {
  const index = net.segmentIndex;
  if (!index || !isValidLngLat(p)) return null;
  const profile = options.profile ?? 'drive';
  const policy = options.components ?? 'prefer_largest';
  const maxDistance = options.maxDistanceMeters ?? Infinity;
  const mask = MASKS[profile];
  const largest = profile === 'walk' ? net.largestWalkComponent : net.largestComponent;
  const { edgeFlags, segEdge } = net;
  const anyFilter = (s: number): boolean => (edgeFlags[segEdge[s]!]! & mask) !== 0;
  const largestFilter = (s: number): boolean => anyFilter(s) && segmentComponent(net, profile, s) === largest;

  const px = projectX(net.projection, p[0]);
  const py = projectY(net.projection, p[1]);
  const { segFrom, segTo, vertexX: vx, vertexY: vy } = net;
  const distance2 = (s: number): number => {
    const a = segFrom[s]!;
    const b = segTo[s]!;
    const ax = vx[a]!;
    const ay = vy[a]!;
    const t = closestFraction(px, py, ax, ay, vx[b]!, vy[b]!);
    const dx = ax + (vx[b]! - ax) * t - px;
    const dy = ay + (vy[b]! - ay) * t - py;
    return dx * dx + dy * dy;
  };

  const nearest = (filter: (s: number) => boolean): number => nearestWithin(filter, maxDistance);
  function nearestWithin(filter: (s: number) => boolean, maxDistance: number): number {
    const first = index!.neighbors(px, py, 1, maxDistance, filter)[0];
    if (first === undefined) return -1;
    let best = first;
    let bestD2 = distance2(first);
    const r = Math.sqrt(bestD2);
    // Every segment at exact distance <= r has its box within r of the point.
    index!.search(px - r, py - r, px + r, py + r, (s) => {
      if (filter(s)) {
        const d2 = distance2(s);
        if (d2 < bestD2 || (d2 === bestD2 && s < best)) {
          best = s;
          bestD2 = d2;
        }
      }
      return false;
    });
    return bestD2 <= maxDistance * maxDistance ? best : -1;
  }

  let s = policy === 'any' || largest < 0 ? nearest(anyFilter) : nearest(largestFilter);
  if (s < 0 && policy === 'prefer_largest' && largest >= 0) s = nearest(anyFilter);
  if (s < 0) return null;
  const penalty =
    profile === 'drive' ? (options.minorRoadPenaltyMeters ?? MINOR_ROAD_SNAP_PENALTY_METERS) : 0;
  if (penalty > 0 && edgeFlags[segEdge[s]!]! & MINOR_ROAD) {
    // A street within the penalty of the minor road wins; searched only when a minor road was nearest.
    const base = largest >= 0 && segmentComponent(net, profile, s) === largest ? largestFilter : anyFilter;
    const street = (x: number): boolean => base(x) && !(edgeFlags[segEdge[x]!]! & MINOR_ROAD);
    const near = nearestWithin(street, Math.min(maxDistance, Math.sqrt(distance2(s)) + penalty));
    if (near >= 0) s = near;
  }

  const a = segFrom[s]!;
  const b = segTo[s]!;
  const fraction = closestFraction(px, py, vx[a]!, vy[a]!, vx[b]!, vy[b]!);
  const point = lerpLngLat(
    net.vertexLng[a]!,
    net.vertexLat[a]!,
    net.vertexLng[b]!,
    net.vertexLat[b]!,
    fraction,
  );
  const component = segmentComponent(net, profile === 'walk' ? 'walk' : 'drive', s);
  const edge = net.segEdge[s]!;
  return {
    segment: s,
    fraction,
    edge,
    from: net.edgeFrom[edge]!,
    to: net.edgeTo[edge]!,
    alongMeters: net.segStartMeters[s]! + fraction * net.segMeters[s]!,
    alongSeconds: net.segStartSeconds[s]! + fraction * net.segSeconds[s]!,
    atFrom: fraction === 0 && s === net.edgeSegStart[edge],
    atTo: fraction === 1 && s === net.edgeSegStart[edge + 1]! - 1,
    point,
    offsetMeters: haversineRaw(p[0], p[1], point[0], point[1]),
    component,
    inLargestComponent: component >= 0 && component === largest,
  };
}
