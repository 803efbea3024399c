/**
 * Fills a response plan with ranked candidates: which unit goes where, in which role, and what
 * could not be filled. Proposals and shortfalls are values; nothing is assigned here.
 */
import type { AssignmentRole, IncidentType, Priority, UnitKind, Capability } from '@dispatch/domain';
import { DEFAULT_DISPATCH_RULES } from './dispatch-rules.js';
import type { RankedCandidate } from './ranking.js';
import type { LinkedService, PlanSlot, PlanTier, ResponsePlan, SlotRole } from './response-plan.js';
import type { DispatchIncident, TravelMethod } from './types.js';

export interface ProposedAssignment {
  unitId: string;
  callSign: string;
  kind: UnitKind;
  role: AssignmentRole;
  tier: number;
  /** Index of the slot in its tier. */
  slotIndex: number;
  /** Position of the unit in the ranking. */
  rank: number;
  etaSeconds: number;
  distanceMeters: number;
  method: TravelMethod;
}

export interface PlanShortfall {
  tier: number;
  slotIndex: number;
  kinds: readonly UnitKind[];
  role: SlotRole;
  requiredCapability: Capability | null;
  maxEtaSeconds: number | null;
  /** Units the slot still lacks. */
  missing: number;
}

export interface TierProposal {
  tier: number;
  maxEtaSeconds: number | null;
  assignments: ProposedAssignment[];
  shortfalls: PlanShortfall[];
}

export interface DispatchProposal {
  planId: string;
  incidentType: IncidentType | null;
  priority: Priority;
  autoDispatch: boolean;
  requiredUnits: number;
  linkedServices: readonly LinkedService[];
  tiers: TierProposal[];
  /** All tiers' assignments, in tier order. */
  assignments: ProposedAssignment[];
  shortfalls: PlanShortfall[];
}

export interface PlanDispatchOptions {
  /** First tier to fill (default 1). */
  fromTier?: number;
  /** Last tier to fill (default: the plan's last). */
  throughTier?: number;
  /** Whether the incident already has a primary unit; default: some unit is already assigned. */
  hasPrimary?: boolean;
  /** ETA window for a slot's preferred capability (default: the dispatch rules' tolerance). */
  etaToleranceSeconds?: number;
}

function fits(c: RankedCandidate, slot: PlanSlot, tier: PlanTier): boolean {
  if (!slot.kinds.includes(c.unit.kind)) return false;
  if (slot.role === 'responder' && c.fitness !== 'primary') return false;
  if (slot.requiredCapability !== undefined && !c.unit.capabilities.includes(slot.requiredCapability))
    return false;
  return tier.maxEtaSeconds === null || c.etaSeconds <= tier.maxEtaSeconds;
}

function pick(
  eligible: readonly RankedCandidate[],
  slot: PlanSlot,
  tolerance: number,
): RankedCandidate | undefined {
  const best = eligible[0];
  const preferred = slot.preferredCapability;
  if (best === undefined || preferred === undefined || best.unit.capabilities.includes(preferred))
    return best;
  return (
    eligible.find(
      (c) => c.unit.capabilities.includes(preferred) && c.etaSeconds <= best.etaSeconds + tolerance,
    ) ?? best
  );
}

/**
 * Proposes units for the plan's tiers `fromTier..throughTier`. Each unit at most once, never one
 * of `alreadyAssignedUnitIds`; a slot never gets more than its count. Within a tier the most
 * specific slots (fewest kinds, a required capability) are filled first so generic slots cannot
 * starve them; each slot takes the best-ranked fitting unit. Responders need `primary` fitness;
 * the best-ranked responder of the first filled tier becomes `primary` unless the incident has
 * one, the others `backup`; support slots give `support`. Unfilled places are shortfalls.
 */
export function planDispatch(
  incident: Pick<DispatchIncident, 'type' | 'priority'>,
  plan: ResponsePlan,
  ranked: readonly RankedCandidate[],
  alreadyAssignedUnitIds: Iterable<string>,
  options: PlanDispatchOptions = {},
): DispatchProposal {
  const used = new Set(alreadyAssignedUnitIds);
  const hasPrimary = options.hasPrimary ?? used.size > 0;
  const tolerance = options.etaToleranceSeconds ?? DEFAULT_DISPATCH_RULES.etaToleranceSeconds;
  const from = options.fromTier ?? 1;
  const through = options.throughTier ?? Number.POSITIVE_INFINITY;
  const byRank = [...ranked].sort((a, b) => a.rank - b.rank);

  const tiers: TierProposal[] = [];
  for (const tier of plan.tiers) {
    if (tier.tier < from || tier.tier > through) continue;
    const assignments: ProposedAssignment[] = [];
    const shortfalls: PlanShortfall[] = [];
    const order = tier.slots
      .map((slot, slotIndex) => ({ slot, slotIndex }))
      .sort(
        (a, b) =>
          Number(b.slot.requiredCapability !== undefined) - Number(a.slot.requiredCapability !== undefined) ||
          a.slot.kinds.length - b.slot.kinds.length ||
          a.slotIndex - b.slotIndex,
      );
    for (const { slot, slotIndex } of order) {
      let filled = 0;
      while (filled < slot.count) {
        const chosen = pick(
          byRank.filter((c) => !used.has(c.unit.id) && fits(c, slot, tier)),
          slot,
          tolerance,
        );
        if (chosen === undefined) break;
        used.add(chosen.unit.id);
        filled += 1;
        assignments.push({
          unitId: chosen.unit.id,
          callSign: chosen.unit.callSign,
          kind: chosen.unit.kind,
          role: slot.role === 'support' ? 'support' : 'backup',
          tier: tier.tier,
          slotIndex,
          rank: chosen.rank,
          etaSeconds: chosen.etaSeconds,
          distanceMeters: chosen.distanceMeters,
          method: chosen.method,
        });
      }
      if (filled < slot.count) {
        shortfalls.push({
          tier: tier.tier,
          slotIndex,
          kinds: slot.kinds,
          role: slot.role,
          requiredCapability: slot.requiredCapability ?? null,
          maxEtaSeconds: tier.maxEtaSeconds,
          missing: slot.count - filled,
        });
      }
    }
    assignments.sort((a, b) => a.rank - b.rank);
    shortfalls.sort((a, b) => a.slotIndex - b.slotIndex);
    tiers.push({ tier: tier.tier, maxEtaSeconds: tier.maxEtaSeconds, assignments, shortfalls });
  }

  if (!hasPrimary) {
    const firstResponder = tiers.flatMap((t) => t.assignments).find((a) => a.role === 'backup');
    if (firstResponder) firstResponder.role = 'primary';
  }

  return {
    planId: plan.id,
    incidentType: incident.type,
    priority: incident.priority,
    autoDispatch: plan.autoDispatch,
    requiredUnits: plan.requiredUnits,
    linkedServices: plan.linkedServices,
    tiers,
    assignments: tiers.flatMap((t) => t.assignments),
    shortfalls: tiers.flatMap((t) => t.shortfalls),
  };
}

/**
 * "Add the next tier": proposal for tier `lastDispatchedTier + 1` only, with fresh rankings;
 * null when the plan has no further tier.
 */
export function nextTier(
  incident: Pick<DispatchIncident, 'type' | 'priority'>,
  plan: ResponsePlan,
  ranked: readonly RankedCandidate[],
  alreadyAssignedUnitIds: Iterable<string>,
  lastDispatchedTier: number,
  options: Omit<PlanDispatchOptions, 'fromTier' | 'throughTier'> = {},
): DispatchProposal | null {
  const tier = lastDispatchedTier + 1;
  if (!plan.tiers.some((t) => t.tier === tier)) return null;
  return planDispatch(incident, plan, ranked, alreadyAssignedUnitIds, {
    ...options,
    fromTier: tier,
    throughTier: tier,
  });
}
