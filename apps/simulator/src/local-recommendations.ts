/**
 * The in-process console's `GET /incidents/:id/recommendations`: the ranking and the plan of
 * ranked-plan.ts shaped as the server's recommendation service shapes them (the plan's units first,
 * then the rest by rank, up to 10). Pure.
 */
import type { IncidentDto, RecommendationsDto, UnitDto } from '@dispatch/contracts';
import { shownCandidates } from '@dispatch/dispatch';
import { activeUnitIds, type Priority } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';
import { rankedPlan } from './ranked-plan.js';

const LIMIT = 10;

export function recommendationsFor(
  incident: IncidentDto,
  units: readonly UnitDto[],
  options: { network: RoadNetwork | null; postRangeMeters: ReadonlyMap<string, number> },
): RecommendationsDto {
  const { ranked, proposal, plan } = rankedPlan(
    {
      type: incident.type,
      priority: incident.priority as Priority,
      lngLat: incident.lngLat,
      gridId: incident.gridId,
    },
    units,
    { ...options, alreadyAssignedUnitIds: activeUnitIds(incident.assignments) },
  );
  const shown = shownCandidates(ranked, proposal, LIMIT);
  return {
    lngLat: [incident.lngLat[0], incident.lngLat[1]],
    gridId: incident.gridId,
    straightLine: options.network === null,
    requiredUnits: plan.requiredUnits,
    autoDispatch: plan.autoDispatch,
    candidates: shown.map(({ candidate: c, planned }) => ({
      unitId: c.unit.id,
      callSign: c.unit.callSign,
      kind: c.unit.kind,
      status: c.unit.status,
      etaSeconds: Math.round(c.etaSeconds),
      distanceMeters: Math.round(c.distanceMeters),
      method: c.method,
      reachable: true,
      rank: c.rank,
      reasons: [],
      tier: planned?.tier ?? null,
      role: planned?.role ?? null,
    })),
    shortfalls: proposal.shortfalls.map((s) => ({
      tier: s.tier,
      missing: s.missing,
      reason: s.kinds.join('|'),
    })),
  };
}
