/**
 * Coverage of each zone (grid cell) from per-vertex response times: the share of its road length,
 * and of its expected demand, that the nearest free unit reaches within each target. A segment
 * counts fully when both its ends are reached in time, half when one is (the unit gets part of the
 * way along it), not at all otherwise; exact to a segment, which is a few tens of metres.
 */
import type { RoadNetwork } from '@dispatch/routing';

export interface ZoneCoverage {
  roadMeters: number;
  /** Expected demand in the zone (same unit as the segment weights: incidents per hour, say). */
  demand: number;
  /** Per target, in the order asked. */
  within: readonly { seconds: number; roadMeters: number; demand: number }[];
}

/**
 * @param seconds per vertex of `network` (coverageTimes), Infinity where nobody gets in time.
 * @param segmentZone zone index of each segment (-1: in no zone), e.g. the grid of its midpoint.
 * @param segmentDemand expected demand on each segment; default: its length (uniform demand).
 */
export function zoneCoverage(
  network: RoadNetwork,
  seconds: Float64Array,
  segmentZone: Int32Array,
  zoneCount: number,
  targetsSeconds: readonly number[],
  segmentDemand?: Float64Array,
): ZoneCoverage[] {
  const k = targetsSeconds.length;
  const road = new Float64Array(zoneCount);
  const demand = new Float64Array(zoneCount);
  const roadIn = new Float64Array(zoneCount * k);
  const demandIn = new Float64Array(zoneCount * k);
  const { segFrom, segTo, segMeters } = network;
  for (let s = 0; s < network.segmentCount; s++) {
    const z = segmentZone[s]!;
    if (z < 0) continue;
    const meters = segMeters[s]!;
    const weight = segmentDemand ? segmentDemand[s]! : meters;
    road[z] = road[z]! + meters;
    demand[z] = demand[z]! + weight;
    const a = seconds[segFrom[s]!]!;
    const b = seconds[segTo[s]!]!;
    for (let i = 0; i < k; i++) {
      const t = targetsSeconds[i]!;
      const part = (a <= t ? 0.5 : 0) + (b <= t ? 0.5 : 0);
      if (part === 0) continue;
      const j = z * k + i;
      roadIn[j] = roadIn[j]! + part * meters;
      demandIn[j] = demandIn[j]! + part * weight;
    }
  }
  return Array.from({ length: zoneCount }, (_, z) => ({
    roadMeters: road[z]!,
    demand: demand[z]!,
    within: targetsSeconds.map((t, i) => ({
      seconds: t,
      roadMeters: roadIn[z * k + i]!,
      demand: demandIn[z * k + i]!,
    })),
  }));
}

/** `covered`: the 3-minute share meets the threshold; `thin`: only the 5-minute one; else `uncovered`. */
export type CoverageLevel = 'covered' | 'thin' | 'uncovered';

/** Share of `part` in `whole`; a zone with no roads or no demand counts as covered (nothing to reach). */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 1;
}

export function coverageLevel(share3: number, share5: number, threshold: number): CoverageLevel {
  if (share3 >= threshold) return 'covered';
  return share5 >= threshold ? 'thin' : 'uncovered';
}
