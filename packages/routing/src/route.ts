import type { LngLat } from '@dispatch/domain';
import { modeOf, prepareCandidates } from './candidates.js';
import { edgeSegmentCount, pushEdgeVertices, pushPoint, snapPosition } from './edge-geometry.js';
import { estimate, flightEstimate, straightLineEstimate, unreachable } from './fallback.js';
import { isValidLngLat } from './geo.js';
import type { RoadNetwork } from './network.js';
import { contextFor, type SearchContext } from './search-context.js';
import { searchSinks } from './sink-search.js';
import { snapPoint, type Snap } from './snap.js';
import type { TravelCandidate, TravelEstimate, TravelParams, TravelRoute } from './travel-types.js';

function withPath(e: TravelEstimate, coordinates: LngLat[]): TravelRoute {
  return { ...e, coordinates: e.reachable ? coordinates : [] };
}

/**
 * The path of a search result: off the road onto the unit's edge, along it to the entry node,
 * along the reverse search tree to the seed next to the target, along the target's edge to it.
 */
function pathCoordinates(
  net: RoadNetwork,
  ctx: SearchContext,
  from: LngLat,
  fromSnap: Snap,
  entry: number,
  entrySide: number,
  targetSnap: Snap,
  target: LngLat,
): LngLat[] {
  const path: LngLat[] = [];
  pushPoint(path, from);
  pushPoint(path, fromSnap.point);
  const fromPos = snapPosition(net, fromSnap);
  const targetPos = snapPosition(net, targetSnap);
  if (entry < 0) {
    pushEdgeVertices(net, path, fromSnap.edge, fromPos, targetPos);
  } else {
    pushEdgeVertices(
      net,
      path,
      fromSnap.edge,
      fromPos,
      entrySide === 0 ? 0 : edgeSegmentCount(net, fromSnap.edge),
    );
    let v = entry;
    for (let p = ctx.parentNode[v]!; p >= 0; v = p, p = ctx.parentNode[v]!) {
      const e = ctx.parentEdge[v]!;
      const m = edgeSegmentCount(net, e);
      // A turn state lies at its junction's vertex.
      if (net.nodeVertex[net.edgeFrom[e]!] === net.nodeVertex[v]) pushEdgeVertices(net, path, e, 0, m);
      else pushEdgeVertices(net, path, e, m, 0);
    }
    // The seed was tagged with the side of the target's edge it leads in from.
    const side = ctx.source[v]!;
    pushEdgeVertices(
      net,
      path,
      targetSnap.edge,
      side === 0 ? 0 : edgeSegmentCount(net, targetSnap.edge),
      targetPos,
    );
  }
  pushPoint(path, targetSnap.point);
  pushPoint(path, target);
  return path;
}

/**
 * The route of one unit to the target with its ETA and distance: the reverse search from the
 * target (as in `estimateTravelTimes`, stopped as soon as this unit is certain), then the search
 * tree walked back from the unit. Drones and straight-line fallbacks get the straight segment; an
 * unreachable unit gets an empty path.
 */
export function routeTo(
  network: RoadNetwork | null | undefined,
  candidate: TravelCandidate,
  target: LngLat,
  params: Partial<TravelParams> = {},
): TravelRoute {
  const prepared = prepareCandidates(network, [candidate], params);
  const p = prepared.params;
  if (!isValidLngLat(target) || !isValidLngLat(candidate.lngLat)) {
    return withPath(unreachable(candidate, 'straight_line', 'invalid_position'), []);
  }
  const straight = [candidate.lngLat, target];
  if (modeOf(candidate) === 'fly') return withPath(flightEstimate(candidate, target, p, Infinity), straight);
  const group = prepared.drive ?? prepared.walk;
  const net = prepared.network;
  const sinkSnap = group?.set.sinks[0]?.snap;
  const targetSnap =
    net && group
      ? snapPoint(net, target, {
          profile: group.set.profile.kind,
          components: p.components,
          maxDistanceMeters: p.maxSnapMeters,
        })
      : null;
  if (!net || !group || !sinkSnap || !targetSnap) {
    return withPath(straightLineEstimate(candidate, target, p, Infinity), straight);
  }
  const walking = group.set.profile.kind === 'walk';
  const method = walking ? 'walk' : 'road';
  const ctx = contextFor(net);
  const range = group.rangeMeters[0]!;
  const out = searchSinks(
    net,
    ctx,
    group.set,
    targetSnap,
    targetSnap.offsetMeters,
    walking ? { maxCost: range } : { k: 1 },
  );
  const seconds = out.seconds[0]!;
  const meters = out.meters[0]!;
  if (!Number.isFinite(seconds)) {
    const reason = walking && out.end !== 'exhausted' ? 'out_of_range' : 'no_path';
    return withPath(unreachable(candidate, method, reason), []);
  }
  if (walking && meters > range) return withPath(unreachable(candidate, method, 'out_of_range'), []);
  const coords = pathCoordinates(
    net,
    ctx,
    candidate.lngLat,
    sinkSnap,
    out.entryNode[0]!,
    out.entrySide[0]!,
    targetSnap,
    target,
  );
  return withPath(estimate(candidate, method, seconds, meters, Infinity), coords);
}
