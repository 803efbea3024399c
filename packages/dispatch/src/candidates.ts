/**
 * Candidate filter: which units may be proposed at all, and why the others may not, so the
 * console can answer "why not unit X?".
 */
import { isUnitDispatchable } from '@dispatch/domain';
import {
  DEFAULT_DISPATCH_RULES,
  unitFitness,
  type DispatchRules,
  type UnitFitness,
} from './dispatch-rules.js';
import type { DispatchIncident, DispatchUnit, TravelEstimate, TravelEstimates } from './types.js';

export interface Candidate {
  unit: DispatchUnit;
  estimate: TravelEstimate;
  fitness: UnitFitness;
}

export type ExclusionReason =
  | 'EXCLUDED' // named by the caller, e.g. already assigned to this incident
  | 'NOT_DISPATCHABLE'
  | 'KIND_NOT_FIT'
  | 'NO_ESTIMATE'
  | 'UNREACHABLE'
  | 'BEYOND_KIND_LIMIT';

export interface ExcludedUnit {
  unitId: string;
  reason: ExclusionReason;
}

export interface CandidateFilterResult {
  candidates: Candidate[];
  excluded: ExcludedUnit[];
}

/**
 * Splits `units` into candidates (dispatchable, kind fit for the incident type and priority,
 * reachable, within the kind's distance/ETA limit) and excluded units with the first failed
 * check. Order of `units` is kept.
 */
export function filterCandidates(
  incident: DispatchIncident,
  units: readonly DispatchUnit[],
  estimates: TravelEstimates,
  rules: DispatchRules = DEFAULT_DISPATCH_RULES,
  excludeUnitIds: Iterable<string> = [],
): CandidateFilterResult {
  const excludedIds = new Set(excludeUnitIds);
  const candidates: Candidate[] = [];
  const excluded: ExcludedUnit[] = [];
  // One closure for all units (not one per unit: thousands of them per ranking).
  const exclusionOf = (unit: DispatchUnit): ExclusionReason | null => {
    if (excludedIds.has(unit.id)) return 'EXCLUDED';
    if (!isUnitDispatchable(unit.status)) return 'NOT_DISPATCHABLE';
    const fitness = unitFitness(rules, incident.type, incident.priority, unit.kind);
    if (fitness === null) return 'KIND_NOT_FIT';
    const estimate = estimates.get(unit.id);
    if (estimate === undefined) return 'NO_ESTIMATE';
    // Estimators report unreachable units with an infinite ETA; both mean "cannot get there".
    if (!estimate.reachable || !Number.isFinite(estimate.etaSeconds)) return 'UNREACHABLE';
    const limit = rules.kindLimits[unit.kind];
    if (
      (limit?.maxDistanceMeters !== undefined && estimate.distanceMeters > limit.maxDistanceMeters) ||
      (limit?.maxEtaSeconds !== undefined && estimate.etaSeconds > limit.maxEtaSeconds)
    )
      return 'BEYOND_KIND_LIMIT';
    candidates.push({ unit, estimate, fitness });
    return null;
  };
  for (const unit of units) {
    const reason = exclusionOf(unit);
    if (reason === null) continue;
    excluded.push({ unitId: unit.id, reason });
  }
  return { candidates, excluded };
}
