import { INCIDENT_TYPES, PRIORITIES } from '@dispatch/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_PLANS } from './default-response-plans.js';
import { BUILTIN_FALLBACK_PLAN, resolveResponsePlan, type ResponsePlan } from './response-plan.js';
import { validateResponsePlan, validateResponsePlans } from './validate-response-plan.js';

const plan = (
  id: string,
  incidentType: ResponsePlan['incidentType'],
  priorities: ResponsePlan['priorities'],
): ResponsePlan => ({
  ...BUILTIN_FALLBACK_PLAN,
  id,
  incidentType,
  priorities,
});

describe('resolveResponsePlan', () => {
  const plans = [
    plan('fight-1', 'fight', [1]),
    plan('fight-4', 'fight', [4]),
    plan('theft-any', 'theft', null),
    plan('theft-2', 'theft', [2]),
    plan('default-1', '*', [1]),
    plan('default', '*', null),
  ];
  const id = (type: ResponsePlan['incidentType'] & string, p: 1 | 2 | 3 | 4, list = plans) => {
    const r = resolveResponsePlan(list, type as never, p);
    return [r.plan.id, r.match];
  };

  it('falls back from exact, to any priority, to nearest priority, to the default plans', () => {
    expect(id('fight', 1)).toEqual(['fight-1', 'exact']);
    expect(id('theft', 2)).toEqual(['theft-2', 'exact']);
    expect(id('theft', 3)).toEqual(['theft-any', 'type_any_priority']);
    expect(id('fight', 3)).toEqual(['fight-4', 'type_nearest_priority']);
    expect(id('fight', 2)).toEqual(['fight-1', 'type_nearest_priority']); // tie: the more urgent
    expect(id('noise', 1)).toEqual(['default-1', 'default']);
    expect(id('noise', 3)).toEqual(['default', 'default']);
    expect(id('noise', 3, [])).toEqual(['builtin-fallback', 'builtin']);
  });

  it('finds a plan of the right type for every type and priority in the defaults', () => {
    for (const type of INCIDENT_TYPES) {
      for (const p of PRIORITIES) {
        const { plan: found, match } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, type, p);
        expect(match).not.toBe('builtin');
        expect(found.incidentType === type || found.incidentType === '*').toBe(true);
      }
    }
  });

  it('sends a converging response to urgent knife attacks and auto-dispatches it', () => {
    const { plan: knife } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, 'knife_attack', 1);
    expect(knife.autoDispatch).toBe(true);
    expect(knife.requiredUnits).toBeGreaterThan(1);
    expect(knife.tiers[0]?.maxEtaSeconds).toBeNull();
    expect(knife.tiers[1]?.maxEtaSeconds).toBe(300);
  });
});

describe('validateResponsePlan', () => {
  it('accepts every default plan and the default list', () => {
    for (const p of DEFAULT_RESPONSE_PLANS) expect(validateResponsePlan(p), p.id).toEqual([]);
    expect(validateResponsePlans(DEFAULT_RESPONSE_PLANS)).toEqual([]);
  });

  it('names the faulty field', () => {
    const bad = {
      id: '',
      incidentType: 'arson',
      priorities: [1, 1, 7],
      autoDispatch: 'yes',
      requiredUnits: 0,
      linkedServices: ['police_110'],
      tiers: [
        {
          tier: 1,
          maxEtaSeconds: 300,
          slots: [{ kinds: ['tank'], count: 0, role: 'boss', requiredCapability: 'flying' }],
        },
        { tier: 3, maxEtaSeconds: 120, slots: [] },
      ],
    } as unknown as ResponsePlan;
    const issues = validateResponsePlan(bad).map((i) => `${i.path}:${i.code}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'id:REQUIRED',
        'incidentType:INVALID_VALUE',
        'priorities[1]:DUPLICATE',
        'priorities[2]:INVALID_VALUE',
        'autoDispatch:INVALID_VALUE',
        'linkedServices[0]:INVALID_VALUE',
        'tiers[0].slots[0].kinds[0]:INVALID_VALUE',
        'tiers[0].slots[0].count:OUT_OF_RANGE',
        'tiers[0].slots[0].role:INVALID_VALUE',
        'tiers[0].slots[0].requiredCapability:INVALID_VALUE',
        'tiers[1].tier:ORDER',
        'tiers[1].maxEtaSeconds:ORDER',
        'tiers[1].slots:REQUIRED',
        'requiredUnits:OUT_OF_RANGE',
      ]),
    );
  });

  it('rejects a plan requiring more units than it sends', () => {
    const issues = validateResponsePlan({ ...BUILTIN_FALLBACK_PLAN, requiredUnits: 2 });
    expect(issues).toEqual([expect.objectContaining({ path: 'requiredUnits', code: 'OUT_OF_RANGE' })]);
  });

  it('reports overlapping plans and duplicate ids in a list', () => {
    const issues = validateResponsePlans([
      plan('a', 'fight', [1, 2]),
      plan('a', 'fight', [2]),
      plan('c', 'fight', null),
      plan('d', 'fight', null),
    ]).map((i) => `${i.path}:${i.code}`);
    expect(issues).toEqual(['[1].id:DUPLICATE', '[1].priorities:DUPLICATE', '[3].priorities:DUPLICATE']);
  });
});
