/**
 * Validation of response plans edited by a centre. Issues name the field by path
 * (`tiers[1].slots[0].count`) so the editor can highlight it.
 */
import { CAPABILITIES, INCIDENT_TYPES, PRIORITIES, UNIT_KINDS } from '@dispatch/domain';
import { LINKED_SERVICES, type PlanSlot, type ResponsePlan } from './response-plan.js';

export type PlanIssueCode = 'REQUIRED' | 'INVALID_VALUE' | 'OUT_OF_RANGE' | 'DUPLICATE' | 'ORDER';

export interface PlanIssue {
  /** Field path from the plan (or from the plan list for {@link validateResponsePlans}). */
  path: string;
  code: PlanIssueCode;
  message: string;
}

/** Upper bound on one slot, to catch typos (40 units to a fight). */
export const MAX_SLOT_COUNT = 20;

const isIn = (list: readonly unknown[], v: unknown) => list.includes(v);
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

function checkList(
  issues: PlanIssue[],
  path: string,
  value: unknown,
  allowed: readonly unknown[],
  { nonEmpty }: { nonEmpty: boolean },
): void {
  if (!Array.isArray(value)) {
    issues.push({ path, code: 'REQUIRED', message: 'Must be a list' });
    return;
  }
  if (nonEmpty && value.length === 0) issues.push({ path, code: 'REQUIRED', message: 'Must not be empty' });
  value.forEach((v, i) => {
    if (!isIn(allowed, v))
      issues.push({ path: `${path}[${i}]`, code: 'INVALID_VALUE', message: `Unknown value ${String(v)}` });
    else if (value.indexOf(v) !== i)
      issues.push({ path: `${path}[${i}]`, code: 'DUPLICATE', message: `${String(v)} listed twice` });
  });
}

/** Checks one plan; an empty list means valid. Defensive about shapes: plans arrive as JSON. */
export function validateResponsePlan(plan: ResponsePlan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (typeof plan.id !== 'string' || plan.id.trim() === '') {
    issues.push({ path: 'id', code: 'REQUIRED', message: 'Plan id is required' });
  }
  if (plan.incidentType !== '*' && !isIn(INCIDENT_TYPES, plan.incidentType)) {
    issues.push({ path: 'incidentType', code: 'INVALID_VALUE', message: 'Unknown incident type' });
  }
  if (plan.priorities !== null)
    checkList(issues, 'priorities', plan.priorities, PRIORITIES, { nonEmpty: true });
  if (typeof plan.autoDispatch !== 'boolean') {
    issues.push({ path: 'autoDispatch', code: 'INVALID_VALUE', message: 'Must be true or false' });
  }
  checkList(issues, 'linkedServices', plan.linkedServices, LINKED_SERVICES, { nonEmpty: false });

  let responderTotal = 0;
  if (!Array.isArray(plan.tiers) || plan.tiers.length === 0) {
    issues.push({ path: 'tiers', code: 'REQUIRED', message: 'A plan needs at least one tier' });
  } else {
    let previousMaxEta: number | null = null;
    plan.tiers.forEach((tier, t) => {
      const at = `tiers[${t}]`;
      if (tier.tier !== t + 1) {
        issues.push({ path: `${at}.tier`, code: 'ORDER', message: `Tier must be numbered ${t + 1}` });
      }
      if (tier.maxEtaSeconds !== null) {
        if (
          typeof tier.maxEtaSeconds !== 'number' ||
          !(tier.maxEtaSeconds > 0) ||
          !Number.isFinite(tier.maxEtaSeconds)
        ) {
          issues.push({
            path: `${at}.maxEtaSeconds`,
            code: 'OUT_OF_RANGE',
            message: 'Must be a positive number of seconds or null',
          });
        } else if (previousMaxEta !== null && tier.maxEtaSeconds < previousMaxEta) {
          issues.push({
            path: `${at}.maxEtaSeconds`,
            code: 'ORDER',
            message: 'A later tier cannot have a shorter time window',
          });
        } else {
          previousMaxEta = tier.maxEtaSeconds;
        }
      }
      const slots: readonly PlanSlot[] = Array.isArray(tier.slots) ? tier.slots : [];
      if (slots.length === 0) {
        issues.push({ path: `${at}.slots`, code: 'REQUIRED', message: 'A tier needs at least one slot' });
        return;
      }
      slots.forEach((slot, s) => {
        const sp = `${at}.slots[${s}]`;
        checkList(issues, `${sp}.kinds`, slot.kinds, UNIT_KINDS, { nonEmpty: true });
        if (!isPositiveInt(slot.count) || slot.count > MAX_SLOT_COUNT) {
          issues.push({
            path: `${sp}.count`,
            code: 'OUT_OF_RANGE',
            message: `Must be an integer from 1 to ${MAX_SLOT_COUNT}`,
          });
        }
        if (slot.role !== 'responder' && slot.role !== 'support') {
          issues.push({ path: `${sp}.role`, code: 'INVALID_VALUE', message: 'Must be responder or support' });
        }
        for (const field of ['requiredCapability', 'preferredCapability'] as const) {
          const value = slot[field];
          if (value !== undefined && !isIn(CAPABILITIES, value)) {
            issues.push({ path: `${sp}.${field}`, code: 'INVALID_VALUE', message: 'Unknown capability' });
          }
        }
        if (slot.role === 'responder' && isPositiveInt(slot.count)) responderTotal += slot.count;
      });
    });
  }
  if (!isPositiveInt(plan.requiredUnits)) {
    issues.push({ path: 'requiredUnits', code: 'OUT_OF_RANGE', message: 'Must be an integer >= 1' });
  } else if (responderTotal > 0 && plan.requiredUnits > responderTotal) {
    issues.push({
      path: 'requiredUnits',
      code: 'OUT_OF_RANGE',
      message: 'Cannot exceed the responders the plan sends',
    });
  }
  return issues;
}

/**
 * Checks a plan list: each plan (paths prefixed `[i].`), unique ids, and no two plans of the
 * same type claiming the same priority (or both claiming every priority).
 */
export function validateResponsePlans(plans: readonly ResponsePlan[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const ids = new Set<string>();
  const claimed = new Set<string>();
  plans.forEach((plan, i) => {
    for (const issue of validateResponsePlan(plan)) issues.push({ ...issue, path: `[${i}].${issue.path}` });
    if (ids.has(plan.id))
      issues.push({ path: `[${i}].id`, code: 'DUPLICATE', message: `Plan id ${plan.id} used twice` });
    ids.add(plan.id);
    for (const p of plan.priorities ?? ['*']) {
      const key = `${plan.incidentType}/${p}`;
      if (claimed.has(key)) {
        issues.push({
          path: `[${i}].priorities`,
          code: 'DUPLICATE',
          message: `Another plan already covers ${plan.incidentType} at priority ${p}`,
        });
      }
      claimed.add(key);
    }
  });
  return issues;
}
