/** Which ranked units a recommendation shows, in what order (server and simulator alike). */
import type { DispatchProposal } from './plan-dispatch.js';
import type { RankedCandidate } from './ranking.js';

export interface ShownCandidate {
  candidate: RankedCandidate;
  /** The plan's slot for this unit, when the plan sends it. */
  planned: DispatchProposal['assignments'][number] | null;
}

/**
 * The plan's units first (they are what one click sends), then the rest by rank, `limit` in all
 * (more when the plan alone needs more).
 */
export function shownCandidates(
  ranked: readonly RankedCandidate[],
  proposal: Pick<DispatchProposal, 'assignments'>,
  limit: number,
): ShownCandidate[] {
  const planned = new Map(proposal.assignments.map((a) => [a.unitId, a]));
  const inPlan = ranked.filter((c) => planned.has(c.unit.id));
  const rest = ranked.filter((c) => !planned.has(c.unit.id)).slice(0, Math.max(0, limit - planned.size));
  return [...inPlan, ...rest].map((candidate) => ({
    candidate,
    planned: planned.get(candidate.unit.id) ?? null,
  }));
}
