/**
 * Ranking of candidates by ETA with explainable tie-breaks. Candidates whose ETAs lie within
 * the tolerance of the fastest remaining one form a tie group; inside a group the unit from the
 * incident's own grid comes first, then the one with more preferred capabilities, then the
 * preferred kind, then ETA, then id (so the order is deterministic). Consequence: a unit is
 * never ranked ahead of one more than `etaToleranceSeconds` faster.
 */
import type { Capability, UnitKind } from '@dispatch/domain';
import { filterCandidates, type Candidate, type ExcludedUnit } from './candidates.js';
import { DEFAULT_DISPATCH_RULES, type DispatchRules, type UnitFitness } from './dispatch-rules.js';
import type { DispatchIncident, DispatchUnit, TravelEstimates, TravelMethod } from './types.js';

export type TieBreakCriterion = 'OWN_GRID' | 'CAPABILITY_MATCH' | 'KIND_PREFERENCE';

/** Machine-readable reasons, rendered by the UI in its language. */
export type CandidateReason =
  | { code: 'ETA'; etaSeconds: number; distanceMeters: number; method: TravelMethod }
  | { code: 'OWN_GRID'; gridId: string }
  | { code: 'CAPABILITY_MATCH'; capability: Capability }
  | { code: 'KIND_PREFERENCE'; kind: UnitKind; position: number }
  | { code: 'TIE_BREAK'; criterion: TieBreakCriterion; overUnitId: string; etaDeltaSeconds: number }
  | { code: 'SUPPORT_ONLY' }
  | { code: 'RETURNING' }
  | { code: 'STRAIGHT_LINE_ESTIMATE' };

export interface RankedCandidate {
  /** 1-based position in the ranking. */
  rank: number;
  unit: DispatchUnit;
  fitness: UnitFitness;
  etaSeconds: number;
  distanceMeters: number;
  method: TravelMethod;
  ownGrid: boolean;
  matchedCapabilities: Capability[];
  reasons: CandidateReason[];
}

export interface RankingResult {
  ranked: RankedCandidate[];
  excluded: ExcludedUnit[];
  /** False when `atLeast` stopped the ranking early: `ranked` is then a prefix of the full one. */
  complete: boolean;
  /**
   * Every ranked unit faster than this sits in a tie group before the last one ranked, and every
   * unranked candidate is more than the tolerance slower than it (Infinity when complete).
   */
  frontierEtaSeconds: number;
}

export interface RankOptions {
  rules?: DispatchRules;
  /**
   * Rank at least this many before the last tie group ranked, then stop at the end of that group.
   * The ranked prefix is exactly the start of the full ranking (see `frontierEtaSeconds` for what
   * a caller may conclude from it). A city has thousands of free units; a plan wants a few.
   */
  atLeast?: number;
}

interface Scored {
  candidate: Candidate;
  ownGrid: boolean;
  matched: Capability[];
  kindPosition: number;
}

const byEtaThenId = (a: Scored, b: Scored) =>
  a.candidate.estimate.etaSeconds - b.candidate.estimate.etaSeconds ||
  (a.candidate.unit.id < b.candidate.unit.id ? -1 : a.candidate.unit.id > b.candidate.unit.id ? 1 : 0);

/** First tie-break criterion on which `a` beats `b`, if any. */
function winningCriterion(a: Scored, b: Scored): TieBreakCriterion | null {
  if (a.ownGrid !== b.ownGrid) return a.ownGrid ? 'OWN_GRID' : null;
  if (a.matched.length !== b.matched.length)
    return a.matched.length > b.matched.length ? 'CAPABILITY_MATCH' : null;
  if (a.kindPosition !== b.kindPosition) return a.kindPosition < b.kindPosition ? 'KIND_PREFERENCE' : null;
  return null;
}

function compareInGroup(a: Scored, b: Scored): number {
  if (a.ownGrid !== b.ownGrid) return a.ownGrid ? -1 : 1;
  if (a.matched.length !== b.matched.length) return b.matched.length - a.matched.length;
  if (a.kindPosition !== b.kindPosition) return a.kindPosition - b.kindPosition;
  return byEtaThenId(a, b);
}

/** Orders already-filtered candidates; see the module comment for the rule. */
export function rankFilteredCandidates(
  incident: DispatchIncident,
  candidates: readonly Candidate[],
  rules: DispatchRules = DEFAULT_DISPATCH_RULES,
): RankedCandidate[] {
  return rankPrefix(incident, candidates, rules, Infinity).ranked;
}

/** {@link rankFilteredCandidates} stopped early; see {@link RankOptions.atLeast}. */
function rankPrefix(
  incident: DispatchIncident,
  candidates: readonly Candidate[],
  rules: DispatchRules,
  atLeast: number,
): { ranked: RankedCandidate[]; frontierEtaSeconds: number } {
  // No type yet: no kind or capability is preferred, the ETA decides.
  const preferredKinds = incident.type === null ? [] : rules.kindPreference[incident.type];
  const preferredCaps = incident.type === null ? [] : rules.preferredCapabilities[incident.type];
  // Scored lazily, group by group: only the ranked prefix pays for its tie-break details.
  const score = (candidate: Candidate): Scored => {
    const position = preferredKinds.indexOf(candidate.unit.kind);
    return {
      candidate,
      ownGrid: incident.gridId !== null && candidate.unit.homeGridId === incident.gridId,
      matched: preferredCaps.filter((c) => candidate.unit.capabilities.includes(c)),
      kindPosition: position < 0 ? preferredKinds.length : position,
    };
  };
  const byEta = [...candidates].sort(
    (a, b) =>
      a.estimate.etaSeconds - b.estimate.etaSeconds ||
      (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0),
  );

  const ordered: { item: Scored; tieBreak: CandidateReason | null }[] = [];
  const tolerance = Math.max(0, rules.etaToleranceSeconds);
  // Anchor of the last group ranked, and how many were ranked before it.
  let lastAnchor = Infinity;
  let beforeLast = 0;
  let frontierEtaSeconds = Infinity;
  for (let start = 0; start < byEta.length;) {
    if (ordered.length > 0 && beforeLast >= atLeast) {
      // Units of earlier groups are faster than the last anchor; anything unranked is slower
      // than the last anchor plus the tolerance (it was left out of the last group).
      frontierEtaSeconds = lastAnchor;
      break;
    }
    const anchor = (byEta[start] as Candidate).estimate.etaSeconds;
    lastAnchor = anchor;
    beforeLast = ordered.length;
    let end = start;
    while (end < byEta.length && (byEta[end] as Candidate).estimate.etaSeconds <= anchor + tolerance) end++;
    const group = byEta.slice(start, end).map(score).sort(compareInGroup);
    // fastest[i]: the fastest unit (by ETA, then id) placed at i or after, in one backward pass
    // (tie groups hold hundreds of units in a big city; comparing every pair cost milliseconds).
    const fastest: Scored[] = new Array<Scored>(group.length);
    for (let i = group.length - 1; i >= 0; i--) {
      const item = group[i] as Scored;
      const after = fastest[i + 1];
      fastest[i] = after && byEtaThenId(after, item) < 0 ? after : item;
    }
    group.forEach((item, i) => {
      // Explain the jump over the fastest unit this one was placed ahead of: the fastest one
      // after it, if that one is faster than it.
      const eta = item.candidate.estimate.etaSeconds;
      const after = fastest[i + 1];
      const overtaken = after && after.candidate.estimate.etaSeconds < eta ? after : undefined;
      const criterion = overtaken ? winningCriterion(item, overtaken) : null;
      ordered.push({
        item,
        tieBreak:
          overtaken && criterion
            ? {
                code: 'TIE_BREAK',
                criterion,
                overUnitId: overtaken.candidate.unit.id,
                etaDeltaSeconds: eta - overtaken.candidate.estimate.etaSeconds,
              }
            : null,
      });
    });
    start = end;
  }

  const ranked = ordered.map(({ item, tieBreak }, i): RankedCandidate => {
    const { unit, estimate, fitness } = item.candidate;
    const reasons: CandidateReason[] = [
      {
        code: 'ETA',
        etaSeconds: estimate.etaSeconds,
        distanceMeters: estimate.distanceMeters,
        method: estimate.method,
      },
    ];
    if (item.ownGrid && incident.gridId !== null) reasons.push({ code: 'OWN_GRID', gridId: incident.gridId });
    for (const capability of item.matched) reasons.push({ code: 'CAPABILITY_MATCH', capability });
    if (item.kindPosition < preferredKinds.length) {
      reasons.push({ code: 'KIND_PREFERENCE', kind: unit.kind, position: item.kindPosition });
    }
    if (tieBreak) reasons.push(tieBreak);
    if (fitness === 'support') reasons.push({ code: 'SUPPORT_ONLY' });
    if (unit.status === 'returning') reasons.push({ code: 'RETURNING' });
    if (estimate.method === 'straight_line') reasons.push({ code: 'STRAIGHT_LINE_ESTIMATE' });
    return {
      rank: i + 1,
      unit,
      fitness,
      etaSeconds: estimate.etaSeconds,
      distanceMeters: estimate.distanceMeters,
      method: estimate.method,
      ownGrid: item.ownGrid,
      matchedCapabilities: item.matched,
      reasons,
    };
  });
  return { ranked, frontierEtaSeconds };
}

/**
 * Filters and ranks `units` for `incident` (see {@link filterCandidates} and
 * {@link rankFilteredCandidates}). Deterministic for the same input, whatever its order.
 */
export function rankCandidates(
  incident: DispatchIncident,
  units: readonly DispatchUnit[],
  estimates: TravelEstimates,
  options: RankOptions & { excludeUnitIds?: Iterable<string> } = {},
): RankingResult {
  const rules = options.rules ?? DEFAULT_DISPATCH_RULES;
  const { candidates, excluded } = filterCandidates(
    incident,
    units,
    estimates,
    rules,
    options.excludeUnitIds,
  );
  const { ranked, frontierEtaSeconds } = rankPrefix(incident, candidates, rules, options.atLeast ?? Infinity);
  return { ranked, excluded, complete: ranked.length === candidates.length, frontierEtaSeconds };
}
