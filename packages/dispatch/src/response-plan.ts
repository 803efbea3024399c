/**
 * Response plans: how many units of which kinds an incident type and priority calls for, in
 * tiers (tier 1 at once, nearest first; later tiers the next ring within a time window).
 * Plans are plain editable data; check them with `validateResponsePlan`.
 */
import type { Capability, IncidentType, Priority, UnitKind } from '@dispatch/domain';

/** `responder`: police on scene (the best one becomes primary, others backup). `support`: video, cordon help. */
export type SlotRole = 'responder' | 'support';

export interface PlanSlot {
  /** Acceptable unit kinds (any order). */
  kinds: readonly UnitKind[];
  count: number;
  role: SlotRole;
  /** Only units with this capability fill the slot. */
  requiredCapability?: Capability;
  /** Prefer a unit with this capability if it arrives within the ETA tolerance of the best one. */
  preferredCapability?: Capability;
}

export interface PlanTier {
  /** 1, 2, ... in order. */
  tier: number;
  /** Only units arriving within this many seconds; null: nearest available whatever the ETA. */
  maxEtaSeconds: number | null;
  slots: readonly PlanSlot[];
}

/** Agencies to alert alongside police: fire 119, ambulance 120, traffic police 122. */
export const LINKED_SERVICES = ['fire_119', 'ambulance_120', 'traffic_122'] as const;
export type LinkedService = (typeof LINKED_SERVICES)[number];

export interface ResponsePlan {
  id: string;
  /** `*`: default plan for types without their own. */
  incidentType: IncidentType | '*';
  /** Priorities the plan covers; null: every priority. */
  priorities: readonly Priority[] | null;
  tiers: readonly PlanTier[];
  /** Dispatch tier 1 without waiting for a dispatcher's confirmation (urgent types). */
  autoDispatch: boolean;
  /** Units the incident needs on scene; 2 or more starts the reinforcement clock. */
  requiredUnits: number;
  linkedServices: readonly LinkedService[];
}

export type PlanMatch =
  'exact' | 'type_any_priority' | 'type_nearest_priority' | 'default' | 'builtin' | 'untyped';

export interface ResolvedResponsePlan {
  plan: ResponsePlan;
  /** How the plan was found, for the audit log and the console. */
  match: PlanMatch;
}

/** Last resort when no plan (not even a `*` plan) applies: one police unit, nearest. */
export const BUILTIN_FALLBACK_PLAN: ResponsePlan = {
  id: 'builtin-fallback',
  incidentType: '*',
  priorities: null,
  tiers: [
    {
      tier: 1,
      maxEtaSeconds: null,
      slots: [{ kinds: ['patrol_car', 'motorcycle', 'foot_patrol', 'post'], count: 1, role: 'responder' }],
    },
  ],
  autoDispatch: false,
  requiredUnits: 1,
  linkedServices: [],
};

function nearestPriority(plans: readonly ResponsePlan[], priority: Priority): ResponsePlan | undefined {
  let best: { plan: ResponsePlan; distance: number; urgent: number } | undefined;
  for (const plan of plans) {
    for (const p of plan.priorities ?? []) {
      const distance = Math.abs(p - priority);
      // On equal distance the more urgent plan wins: over-sending beats under-sending.
      if (!best || distance < best.distance || (distance === best.distance && p < best.urgent)) {
        best = { plan, distance, urgent: p };
      }
    }
  }
  return best?.plan;
}

/**
 * Picks the plan for `type` and `priority`: the type's plan for that priority, else its plan
 * for every priority, else its plan for the nearest priority (the more urgent on a tie), else
 * the `*` plan for that priority, else the `*` plan for every priority, else
 * {@link BUILTIN_FALLBACK_PLAN}. The first matching plan in list order wins. Without a type
 * (the call-taker has placed the call but not chosen its type) the fallback plan.
 */
export function resolveResponsePlan(
  plans: readonly ResponsePlan[],
  type: IncidentType | null,
  priority: Priority,
): ResolvedResponsePlan {
  // The type is not chosen yet: the nearest police unit, refined once it is.
  if (type === null) return { plan: BUILTIN_FALLBACK_PLAN, match: 'untyped' };
  const ofType = plans.filter((p) => p.incidentType === type);
  const defaults = plans.filter((p) => p.incidentType === '*');
  const exact = ofType.find((p) => p.priorities?.includes(priority));
  if (exact) return { plan: exact, match: 'exact' };
  const anyPriority = ofType.find((p) => p.priorities === null);
  if (anyPriority) return { plan: anyPriority, match: 'type_any_priority' };
  const nearest = nearestPriority(ofType, priority);
  if (nearest) return { plan: nearest, match: 'type_nearest_priority' };
  const fallback =
    defaults.find((p) => p.priorities?.includes(priority)) ?? defaults.find((p) => p.priorities === null);
  if (fallback) return { plan: fallback, match: 'default' };
  return { plan: BUILTIN_FALLBACK_PLAN, match: 'builtin' };
}
