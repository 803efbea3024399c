/**
 * Demand and zones moved from road segments onto vertices: standby and move-up count demand at
 * the points a search reaches. A segment's weight is split between its two ends, the same rule
 * `zoneCoverage` counts by (a segment is half covered when one end is reached), so both give the
 * same covered demand for the same per-vertex seconds.
 */
import type { LngLat } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';

/**
 * Demand per vertex: half of each segment's weight at each of its ends.
 * @param segmentDemand expected demand per segment; default its length (uniform demand), as in
 *   `zoneCoverage`. Segments outside every zone can be left out by giving them 0.
 */
export function vertexDemandOf(network: RoadNetwork, segmentDemand?: Float64Array): Float64Array {
  const out = new Float64Array(network.vertexCount);
  const { segFrom, segTo, segMeters } = network;
  for (let s = 0; s < network.segmentCount; s++) {
    const half = (segmentDemand ? segmentDemand[s]! : segMeters[s]!) / 2;
    if (!(half > 0)) continue;
    const a = segFrom[s]!;
    const b = segTo[s]!;
    out[a] = out[a]! + half;
    out[b] = out[b]! + half;
  }
  return out;
}

/**
 * Zone of each road segment (`zoneCoverage`'s `segmentZone`): the zone its midpoint lies in, by
 * `zoneAt` (e.g. a grid lookup giving the grid's index, -1 outside every grid). What the server's
 * cover planner and the simulator's standby policies both build once per network and grids.
 */
export function segmentZoneOf(network: RoadNetwork, zoneAt: (lngLat: LngLat) => number): Int32Array {
  const out = new Int32Array(network.segmentCount);
  const { segFrom, segTo, vertexLng, vertexLat } = network;
  for (let s = 0; s < network.segmentCount; s++) {
    const a = segFrom[s]!;
    const b = segTo[s]!;
    out[s] = zoneAt([(vertexLng[a]! + vertexLng[b]!) / 2, (vertexLat[a]! + vertexLat[b]!) / 2]);
  }
  return out;
}

/**
 * Zone of each vertex from the zones of its segments (`zoneCoverage`'s `segmentZone`): the lowest
 * zone index among the segments touching it, so a junction on a grid border belongs to one grid,
 * always the same; -1 when no touching segment is in a zone.
 */
export function vertexZoneOf(network: RoadNetwork, segmentZone: Int32Array): Int32Array {
  const out = new Int32Array(network.vertexCount).fill(-1);
  const { segFrom, segTo } = network;
  for (let s = 0; s < network.segmentCount; s++) {
    const z = segmentZone[s]!;
    if (z < 0) continue;
    for (const v of [segFrom[s]!, segTo[s]!]) if (out[v]! < 0 || z < out[v]!) out[v] = z;
  }
  return out;
}

/** Sum of demand over the vertices reached within `limitSeconds` (per-vertex seconds). */
export function coveredDemand(
  seconds: Float64Array,
  vertexDemand: Float64Array,
  limitSeconds: number,
): number {
  let sum = 0;
  for (let v = 0; v < seconds.length; v++) if (seconds[v]! <= limitSeconds) sum += vertexDemand[v]!;
  return sum;
}
