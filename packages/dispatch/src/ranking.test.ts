import { UNIT_STATUSES, isUnitDispatchable } from '@dispatch/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_RULES, unitFitness } from './dispatch-rules.js';
import { rankCandidates } from './ranking.js';
import { DEFAULT_RESPONSE_PLANS } from './default-response-plans.js';
import { BUILTIN_FALLBACK_PLAN, resolveResponsePlan } from './response-plan.js';
import { eta, fleetArb, incidentArb, incidentAt, unit } from './test-support.js';

describe('rankCandidates', () => {
  it('ranks by ETA outside the tolerance', () => {
    const units = [unit('slow', 'patrol_car', { homeGridId: 'g1' }), unit('fast', 'patrol_car')];
    const estimates = new Map([
      ['slow', eta(200)],
      ['fast', eta(100)],
    ]);
    const { ranked } = rankCandidates(incidentAt('theft'), units, estimates);
    expect(ranked.map((r) => r.unit.id)).toEqual(['fast', 'slow']);
    expect(ranked[0]?.reasons[0]).toEqual({
      code: 'ETA',
      etaSeconds: 100,
      distanceMeters: 800,
      method: 'road',
    });
  });

  it('puts the own-grid unit first within the tolerance and explains the jump', () => {
    const units = [
      unit('other', 'patrol_car', { homeGridId: 'g2' }),
      unit('local', 'patrol_car', { homeGridId: 'g1' }),
    ];
    const estimates = new Map([
      ['other', eta(100)],
      ['local', eta(112)],
    ]);
    const { ranked } = rankCandidates(incidentAt('theft', 3, 'g1'), units, estimates);
    expect(ranked.map((r) => r.unit.id)).toEqual(['local', 'other']);
    expect(ranked[0]?.ownGrid).toBe(true);
    expect(ranked[0]?.reasons).toContainEqual({ code: 'OWN_GRID', gridId: 'g1' });
    expect(ranked[0]?.reasons).toContainEqual({
      code: 'TIE_BREAK',
      criterion: 'OWN_GRID',
      overUnitId: 'other',
      etaDeltaSeconds: 12,
    });
    expect(ranked[1]?.reasons.some((r) => r.code === 'TIE_BREAK')).toBe(false);
  });

  it('prefers the armed unit for a knife attack within the tolerance, then the preferred kind', () => {
    const units = [
      unit('foot', 'foot_patrol'),
      unit('moto', 'motorcycle'),
      unit('armed', 'motorcycle', { capabilities: ['armed'] }),
    ];
    const estimates = new Map([
      ['foot', eta(60)],
      ['moto', eta(70)],
      ['armed', eta(74)],
    ]);
    const { ranked } = rankCandidates(incidentAt('knife_attack'), units, estimates);
    expect(ranked.map((r) => r.unit.id)).toEqual(['armed', 'moto', 'foot']);
    expect(ranked[0]?.reasons).toContainEqual({ code: 'CAPABILITY_MATCH', capability: 'armed' });
    expect(ranked[0]?.reasons).toContainEqual(
      expect.objectContaining({ code: 'TIE_BREAK', criterion: 'CAPABILITY_MATCH', overUnitId: 'foot' }),
    );
    expect(ranked[1]?.reasons).toContainEqual(
      expect.objectContaining({ code: 'TIE_BREAK', criterion: 'KIND_PREFERENCE', overUnitId: 'foot' }),
    );
  });

  it('before the type is chosen ranks every police unit by ETA alone, partners and drones left out', () => {
    const units = [
      unit('armed', 'motorcycle', { capabilities: ['armed'] }),
      unit('foot', 'foot_patrol'),
      unit('drone', 'drone'),
      unit('guard', 'partner'),
      unit('car', 'patrol_car'),
    ];
    const estimates = new Map([
      ['armed', eta(74)],
      ['foot', eta(60)],
      ['drone', eta(20)],
      ['guard', eta(30)],
      ['car', eta(300)],
    ]);
    const { ranked } = rankCandidates({ ...incidentAt('knife_attack'), type: null }, units, estimates);
    expect(ranked.map((r) => r.unit.id)).toEqual(['foot', 'armed', 'car']);
    expect(ranked.flatMap((r) => r.reasons).map((r) => r.code)).not.toContain('CAPABILITY_MATCH');
    expect(resolveResponsePlan(DEFAULT_RESPONSE_PLANS, null, 1)).toEqual({
      plan: BUILTIN_FALLBACK_PLAN,
      match: 'untyped',
    });
  });

  it('flags rough estimates, returning units and support-only units', () => {
    const units = [unit('d', 'drone'), unit('r', 'patrol_car', { status: 'returning' })];
    const estimates = new Map([
      ['d', eta(40, { method: 'flight' })],
      ['r', eta(90, { method: 'straight_line' })],
    ]);
    const { ranked } = rankCandidates(incidentAt('missing_person', 2), units, estimates);
    const byId = new Map(ranked.map((r) => [r.unit.id, r.reasons.map((x) => x.code)]));
    expect(byId.get('d')).toContain('SUPPORT_ONLY');
    expect(byId.get('r')).toEqual(expect.arrayContaining(['RETURNING', 'STRAIGHT_LINE_ESTIMATE']));
  });

  it('never ranks a unit ahead of one more than the tolerance faster', () => {
    fc.assert(
      fc.property(
        incidentArb,
        fleetArb({ minLength: 10, maxLength: 60 }),
        (incident, { units, estimates }) => {
          const { ranked } = rankCandidates(incident, units, estimates);
          const tol = DEFAULT_DISPATCH_RULES.etaToleranceSeconds;
          for (let i = 0; i < ranked.length; i++) {
            for (let j = i + 1; j < ranked.length; j++) {
              expect((ranked[i]?.etaSeconds as number) <= (ranked[j]?.etaSeconds as number) + tol).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('only ranks dispatchable, reachable units fit for the incident, and accounts for every unit', () => {
    fc.assert(
      fc.property(incidentArb, fleetArb(), (incident, { units, estimates }) => {
        const { ranked, excluded } = rankCandidates(incident, units, estimates);
        for (const r of ranked) {
          expect(isUnitDispatchable(r.unit.status)).toBe(true);
          expect(estimates.get(r.unit.id)?.reachable).toBe(true);
          expect(unitFitness(DEFAULT_DISPATCH_RULES, incident.type, incident.priority, r.unit.kind)).toBe(
            r.fitness,
          );
        }
        const seen = [...ranked.map((r) => r.unit.id), ...excluded.map((e) => e.unitId)].sort();
        expect(seen).toEqual(units.map((u) => u.id).sort());
        expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
      }),
    );
  });

  it('is deterministic whatever the order of the units', () => {
    fc.assert(
      fc.property(
        incidentArb,
        fleetArb({ statuses: UNIT_STATUSES }).chain((fleet) =>
          fc.tuple(fc.constant(fleet), fc.shuffledSubarray(fleet.units, { minLength: fleet.units.length })),
        ),
        (incident, [{ units, estimates }, shuffled]) => {
          const a = rankCandidates(incident, units, estimates).ranked;
          const b = rankCandidates(incident, shuffled, estimates).ranked;
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('orders strictly by ETA, then id, when the tolerance is zero and no tie-break applies', () => {
    fc.assert(
      fc.property(fleetArb({ statuses: ['available'] }), ({ units, estimates }) => {
        const plain = units.map((u) => ({
          ...u,
          kind: 'patrol_car' as const,
          homeGridId: null,
          capabilities: [],
        }));
        const rules = { ...DEFAULT_DISPATCH_RULES, etaToleranceSeconds: 0 };
        const { ranked } = rankCandidates(incidentAt('theft', 3), plain, estimates, { rules });
        const keys = ranked.map((r) => [r.etaSeconds, r.unit.id] as const);
        const sorted = [...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
        expect(keys).toEqual(sorted);
      }),
    );
  });
  it('explains each jump by the fastest unit it was placed ahead of in its tie group', () => {
    const tolerance = DEFAULT_DISPATCH_RULES.etaToleranceSeconds;
    fc.assert(
      fc.property(incidentArb, fleetArb({ minLength: 5 }), (incident, { units, estimates: spread }) => {
        // ETAs squeezed into a minute: tie groups of several units, where explanations differ.
        const estimates = new Map(
          [...spread].map(([id, e]) => [id, { ...e, etaSeconds: e.etaSeconds % 40 }]),
        );
        const { ranked } = rankCandidates(incident, units, estimates);
        // Tie groups, as the module defines them: anchored on the fastest remaining unit.
        const byEta = [...ranked].sort(
          (a, b) => a.etaSeconds - b.etaSeconds || (a.unit.id < b.unit.id ? -1 : 1),
        );
        const groupOf = new Map<string, number>();
        for (let i = 0, g = 0; i < byEta.length; g++) {
          const anchor = byEta[i]!.etaSeconds;
          while (i < byEta.length && byEta[i]!.etaSeconds <= anchor + tolerance)
            groupOf.set(byEta[i++]!.unit.id, g);
        }
        ranked.forEach((r, i) => {
          const overtaken = ranked
            .slice(i + 1)
            .filter((o) => groupOf.get(o.unit.id) === groupOf.get(r.unit.id) && o.etaSeconds < r.etaSeconds)
            .sort((a, b) => a.etaSeconds - b.etaSeconds || (a.unit.id < b.unit.id ? -1 : 1))[0];
          const tieBreak = r.reasons.find((x) => x.code === 'TIE_BREAK');
          if (!overtaken) expect(tieBreak).toBeUndefined();
          if (tieBreak) {
            expect(tieBreak).toMatchObject({
              overUnitId: overtaken!.unit.id,
              etaDeltaSeconds: r.etaSeconds - overtaken!.etaSeconds,
            });
          }
        });
      }),
    );
  });
  it('ranks a prefix with atLeast: the start of the full ranking, nothing left within the tolerance of its frontier', () => {
    const tolerance = DEFAULT_DISPATCH_RULES.etaToleranceSeconds;
    fc.assert(
      fc.property(
        incidentArb,
        fleetArb({ minLength: 5, maxLength: 60 }),
        fc.integer({ min: 0, max: 40 }),
        (incident, { units, estimates }, atLeast) => {
          const full = rankCandidates(incident, units, estimates);
          const prefix = rankCandidates(incident, units, estimates, { atLeast });
          expect(prefix.ranked).toEqual(full.ranked.slice(0, prefix.ranked.length));
          expect(prefix.excluded).toEqual(full.excluded);
          expect(prefix.ranked.length).toBeGreaterThanOrEqual(Math.min(atLeast, full.ranked.length));
          expect(prefix.complete).toBe(prefix.ranked.length === full.ranked.length);
          const frontier = prefix.frontierEtaSeconds;
          if (prefix.complete) expect(frontier).toBe(Infinity);
          // Enough units ahead of the frontier, and nothing left out within the tolerance of it.
          const ahead = prefix.ranked.filter((r) => r.etaSeconds < frontier);
          expect(ahead.length).toBeGreaterThanOrEqual(Math.min(atLeast, prefix.complete ? 0 : atLeast));
          for (const left of full.ranked.slice(prefix.ranked.length))
            expect(left.etaSeconds).toBeGreaterThan(frontier + tolerance);
          // Units ahead of the frontier are ranked before every unit at or behind it.
          const firstBehind = prefix.ranked.findIndex((r) => r.etaSeconds >= frontier);
          if (firstBehind >= 0)
            expect(prefix.ranked.slice(firstBehind).every((r) => r.etaSeconds >= frontier)).toBe(true);
        },
      ),
    );
  });
});
