import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_PLANS } from './default-response-plans.js';
import { DEFAULT_DISPATCH_RULES } from './dispatch-rules.js';
import { nextTier, planDispatch } from './plan-dispatch.js';
import { rankCandidates } from './ranking.js';
import { resolveResponsePlan } from './response-plan.js';
import { eta, fleetArb, incidentArb, incidentAt, unit } from './test-support.js';
import type { DispatchIncident, DispatchUnit, TravelEstimate } from './types.js';

function scenario(rows: [string, DispatchUnit['kind'], number, Partial<DispatchUnit>?][]) {
  const units = rows.map(([id, kind, , extra]) => unit(id, kind, extra));
  const estimates = new Map<string, TravelEstimate>(rows.map(([id, , s]) => [id, eta(s)]));
  return { units, estimates };
}

describe('planDispatch', () => {
  const knife = incidentAt('knife_attack', 1);
  const { plan } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, 'knife_attack', 1);

  it('sends the two nearest cars and a motorcycle at once, then the next ring within 5 minutes', () => {
    const { units, estimates } = scenario([
      ['car1', 'patrol_car', 90],
      ['car2', 'patrol_car', 150],
      ['car3', 'patrol_car', 200],
      ['moto1', 'motorcycle', 60],
      ['moto2', 'motorcycle', 100],
      ['foot1', 'foot_patrol', 250],
      ['post1', 'post', 170], // 1360 m: close enough for a post on foot
      ['car4', 'patrol_car', 420],
      ['drone1', 'drone', 45],
      ['guard', 'partner', 10],
    ]);
    const { ranked } = rankCandidates(knife, units, estimates);
    const proposal = planDispatch(knife, plan, ranked, []);
    const summary = proposal.tiers.map((t) => t.assignments.map((a) => `${a.unitId}:${a.role}`));
    expect(summary).toEqual([
      ['moto1:primary', 'car1:backup', 'car2:backup'],
      ['drone1:support', 'moto2:backup', 'post1:backup', 'car3:backup', 'foot1:backup'],
    ]);
    expect(proposal.shortfalls).toEqual([]);
    expect(proposal.autoDispatch).toBe(true);
    expect(proposal.assignments).toHaveLength(8);
  });

  it('makes the best-ranked responder of tier 1 primary, never a support unit', () => {
    const { units, estimates } = scenario([
      ['moto1', 'motorcycle', 30],
      ['car1', 'patrol_car', 100],
    ]);
    const { ranked } = rankCandidates(knife, units, estimates);
    const proposal = planDispatch(knife, plan, ranked, []);
    expect(proposal.tiers[0]?.assignments.map((a) => [a.unitId, a.role])).toEqual([
      ['moto1', 'primary'],
      ['car1', 'backup'],
    ]);
  });

  it('reports what it could not fill as shortfalls', () => {
    const { units, estimates } = scenario([
      ['car1', 'patrol_car', 90],
      ['car2', 'patrol_car', 400],
    ]);
    const { ranked } = rankCandidates(knife, units, estimates);
    const proposal = planDispatch(knife, plan, ranked, []);
    expect(proposal.shortfalls).toEqual([
      {
        tier: 1,
        slotIndex: 1,
        kinds: ['motorcycle'],
        role: 'responder',
        requiredCapability: null,
        maxEtaSeconds: null,
        missing: 1,
      },
      expect.objectContaining({ tier: 2, slotIndex: 0, missing: 4, maxEtaSeconds: 300 }),
      expect.objectContaining({ tier: 2, slotIndex: 1, kinds: ['drone'], missing: 1 }),
    ]);
  });

  it('skips units already assigned and gives no primary when one exists', () => {
    const { units, estimates } = scenario([
      ['car1', 'patrol_car', 90],
      ['car2', 'patrol_car', 100],
      ['car3', 'patrol_car', 110],
      ['moto1', 'motorcycle', 60],
    ]);
    const { ranked } = rankCandidates(knife, units, estimates);
    const proposal = planDispatch(knife, plan, ranked, ['car1'], { throughTier: 1 });
    expect(proposal.assignments.map((a) => [a.unitId, a.role])).toEqual([
      ['moto1', 'backup'],
      ['car2', 'backup'],
      ['car3', 'backup'],
    ]);
    expect(proposal.tiers.map((t) => t.tier)).toEqual([1]);
  });

  it('lets a partner lead a low-priority help request but not an urgent one', () => {
    const { units, estimates } = scenario([
      ['guard', 'partner', 30],
      ['foot1', 'foot_patrol', 200],
    ]);
    const chosen = (priority: 1 | 4) => {
      const incident = incidentAt('help_request', priority);
      const { plan: helpPlan } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, 'help_request', priority);
      const { ranked } = rankCandidates(incident, units, estimates);
      return planDispatch(incident, helpPlan, ranked, []).assignments.map((a) => [a.unitId, a.role]);
    };
    expect(chosen(4)).toEqual([['guard', 'primary']]);
    expect(chosen(1)).toEqual([['foot1', 'primary']]);
  });

  it('prefers a traffic-capable car for an accident if it is about as near', () => {
    const accident = incidentAt('traffic_accident', 2);
    const { plan: trafficPlan } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, 'traffic_accident', 2);
    // Rank without ETA ties so the plan's own capability preference is what is tested.
    const rules = { ...DEFAULT_DISPATCH_RULES, etaToleranceSeconds: 0 };
    const run = (trafficEta: number) => {
      const { units, estimates } = scenario([
        ['car1', 'patrol_car', 100],
        ['tcar', 'patrol_car', trafficEta, { capabilities: ['traffic'] }],
      ]);
      const { ranked } = rankCandidates(accident, units, estimates, { rules });
      return planDispatch(accident, trafficPlan, ranked, []).assignments.map((a) => a.unitId);
    };
    expect(run(110)).toEqual(['tcar']);
    expect(run(130)).toEqual(['car1']);
  });
});

describe('nextTier', () => {
  const knife = incidentAt('knife_attack', 1);
  const { plan } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, 'knife_attack', 1);

  it('proposes only the following tier, and null after the last', () => {
    const { units, estimates } = scenario([
      ['car1', 'patrol_car', 90],
      ['car2', 'patrol_car', 150],
      ['moto1', 'motorcycle', 60],
      ['foot1', 'foot_patrol', 200],
    ]);
    const { ranked } = rankCandidates(knife, units, estimates);
    const next = nextTier(knife, plan, ranked, ['car1', 'car2', 'moto1'], 1);
    expect(next?.tiers.map((t) => t.tier)).toEqual([2]);
    expect(next?.assignments.map((a) => [a.unitId, a.role])).toEqual([['foot1', 'backup']]);
    expect(nextTier(knife, plan, ranked, [], 2)).toBeNull();
  });
});

describe('planDispatch properties', () => {
  const planFor = (incident: DispatchIncident) =>
    resolveResponsePlan(DEFAULT_RESPONSE_PLANS, incident.type, incident.priority).plan;

  it('never proposes a unit twice or an already assigned one, and never overfills a slot', () => {
    fc.assert(
      fc.property(
        incidentArb,
        fleetArb({ maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 5 }),
        (incident, { units, estimates }, assignedIdx) => {
          const plan = planFor(incident);
          const assigned = assignedIdx.map((i) => `u${String(i).padStart(2, '0')}`);
          const { ranked } = rankCandidates(incident, units, estimates);
          const proposal = planDispatch(incident, plan, ranked, assigned);
          const ids = proposal.assignments.map((a) => a.unitId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(assigned).not.toContain(id);

          for (const tier of plan.tiers) {
            tier.slots.forEach((slot, slotIndex) => {
              const filled = proposal.assignments.filter(
                (a) => a.tier === tier.tier && a.slotIndex === slotIndex,
              );
              const missing =
                proposal.shortfalls.find((s) => s.tier === tier.tier && s.slotIndex === slotIndex)?.missing ??
                0;
              expect(filled.length).toBeLessThanOrEqual(slot.count);
              expect(filled.length + missing).toBe(slot.count);
              for (const a of filled) {
                expect(slot.kinds).toContain(a.kind);
                if (tier.maxEtaSeconds !== null) expect(a.etaSeconds).toBeLessThanOrEqual(tier.maxEtaSeconds);
                const candidate = ranked.find((r) => r.unit.id === a.unitId);
                if (slot.role === 'responder') expect(candidate?.fitness).toBe('primary');
              }
            });
          }
          const primaries = proposal.assignments.filter((a) => a.role === 'primary').length;
          const responders = proposal.assignments.filter((a) => a.role !== 'support').length;
          expect(primaries).toBe(assigned.length === 0 && responders > 0 ? 1 : 0);
        },
      ),
    );
  });

  it('leaves a shortfall only when no unused fitting unit was available', () => {
    fc.assert(
      fc.property(incidentArb, fleetArb({ maxLength: 25 }), (incident, { units, estimates }) => {
        const plan = planFor(incident);
        const { ranked } = rankCandidates(incident, units, estimates);
        const proposal = planDispatch(incident, plan, ranked, []);
        const used = new Set(proposal.assignments.map((a) => a.unitId));
        for (const s of proposal.shortfalls) {
          const spare = ranked.filter(
            (r) =>
              !used.has(r.unit.id) &&
              s.kinds.includes(r.unit.kind) &&
              (s.role === 'support' || r.fitness === 'primary') &&
              (s.maxEtaSeconds === null || r.etaSeconds <= s.maxEtaSeconds),
          );
          expect(spare).toEqual([]);
        }
      }),
    );
  });
});
