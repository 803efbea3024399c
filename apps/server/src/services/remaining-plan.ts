/**
 * A response plan minus the places units already on the incident fill. planDispatch only
 * excludes those units; without this, "send the plan" after a manual first unit would send the
 * whole tier again on top of it.
 */
import type { PlanSlot, ResponsePlan } from '@dispatch/dispatch';
import type { UnitKind } from '@dispatch/domain';

export interface SentUnit {
  kind: UnitKind;
  /** Tier the unit was sent as (manual dispatches count as tier 1). */
  tier: number;
}

// Same order planDispatch fills slots in: the most specific slot first.
const specificity = (a: { slot: PlanSlot; i: number }, b: { slot: PlanSlot; i: number }) =>
  Number(b.slot.requiredCapability !== undefined) - Number(a.slot.requiredCapability !== undefined) ||
  a.slot.kinds.length - b.slot.kinds.length ||
  a.i - b.i;

/** `plan` with each sent unit taking one place of a fitting slot in its tier (or any tier). */
export function remainingPlan(plan: ResponsePlan, sent: readonly SentUnit[]): ResponsePlan {
  const counts = plan.tiers.map((t) => t.slots.map((s) => s.count));
  const take = (tierIndex: number, kind: UnitKind): boolean => {
    const tier = plan.tiers[tierIndex]!;
    const order = tier.slots.map((slot, i) => ({ slot, i })).sort(specificity);
    for (const { slot, i } of order) {
      const left = counts[tierIndex]![i]!;
      if (left > 0 && slot.kinds.includes(kind)) {
        counts[tierIndex]![i] = left - 1;
        return true;
      }
    }
    return false;
  };
  for (const unit of [...sent].sort((a, b) => a.tier - b.tier)) {
    const own = plan.tiers.findIndex((t) => t.tier === unit.tier);
    if (own >= 0 && take(own, unit.kind)) continue;
    for (let t = 0; t < plan.tiers.length; t += 1) if (t !== own && take(t, unit.kind)) break;
  }
  return {
    ...plan,
    tiers: plan.tiers.map((tier, t) => ({
      ...tier,
      slots: tier.slots.map((slot, i) => ({ ...slot, count: counts[t]![i]! })),
    })),
  };
}

/** Places still open per tier. */
export function openPlaces(plan: ResponsePlan): Map<number, number> {
  return new Map(plan.tiers.map((t) => [t.tier, t.slots.reduce((n, s) => n + s.count, 0)]));
}
