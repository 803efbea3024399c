import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignCheckpoints, type CheckpointCandidate, type CheckpointPlan } from './checkpoints.js';
import { eta, unit } from './test-support.js';
import type { DispatchUnit, TravelEstimate } from './types.js';

const cp = (
  id: string,
  suspectEtaSeconds: number | null,
  etas: Record<string, number | TravelEstimate>,
): CheckpointCandidate => ({
  id,
  lngLat: [121.5, 31.2],
  suspectEtaSeconds,
  etaToCheckpointByUnit: new Map(
    Object.entries(etas).map(([u, e]) => [u, typeof e === 'number' ? eta(e) : e] as const),
  ),
});

describe('assignCheckpoints', () => {
  it('gives up a little ETA to hold both exits before the suspect', () => {
    // Greedy by ETA would send A to north (60 s) and leave south to B, too late (300 > 200).
    const units = [unit('A', 'patrol_car'), unit('B', 'patrol_car')];
    const plan = assignCheckpoints(
      [cp('north', 120, { A: 60, B: 100 }), cp('south', 200, { A: 150, B: 300 })],
      units,
    );
    expect(plan.assignments.map((a) => [a.checkpointId, a.unitId, a.inTime, a.marginSeconds])).toEqual([
      ['north', 'B', true, 20],
      ['south', 'A', true, 50],
    ]);
    expect(plan.uncovered).toEqual([]);
  });

  it('still posts a late unit unless told not to, and says why checkpoints stay open', () => {
    const units = [
      unit('A', 'patrol_car'),
      unit('B', 'motorcycle', { status: 'on_scene' }),
      unit('D', 'drone'),
    ];
    const checkpoints = [
      cp('east', 60, { A: 90, B: 10, D: 5 }),
      cp('west', 60, { A: 100 }),
      cp('island', null, { A: eta(10, { reachable: false }) }),
    ];
    const late = assignCheckpoints(checkpoints, units);
    expect(late.assignments).toEqual([
      expect.objectContaining({ checkpointId: 'east', unitId: 'A', inTime: false, marginSeconds: -30 }),
    ]);
    expect(late.uncovered).toEqual([
      { checkpointId: 'west', reason: 'UNITS_NEEDED_ELSEWHERE' },
      { checkpointId: 'island', reason: 'NO_REACHABLE_UNIT' },
    ]);

    const strict = assignCheckpoints(checkpoints, units, { allowLate: false });
    expect(strict.assignments).toEqual([]);
    expect(strict.uncovered.map((u) => u.reason)).toEqual([
      'NO_REACHABLE_UNIT',
      'NO_REACHABLE_UNIT',
      'NO_REACHABLE_UNIT',
    ]);
    expect(strict.unusedUnitIds).toEqual(['A']);
  });

  it('applies the safety margin', () => {
    const checkpoints = [cp('x', 100, { A: 95 })];
    expect(assignCheckpoints(checkpoints, [unit('A', 'post')]).assignments[0]?.inTime).toBe(true);
    expect(
      assignCheckpoints(checkpoints, [unit('A', 'post')], { safetyMarginSeconds: 10 }).assignments[0]?.inTime,
    ).toBe(false);
  });

  const instanceArb = fc
    .record({
      unitCount: fc.integer({ min: 0, max: 5 }),
      checkpointCount: fc.integer({ min: 0, max: 4 }),
    })
    .chain(({ unitCount, checkpointCount }) =>
      fc.record({
        units: fc.constant(Array.from({ length: unitCount }, (_, i) => unit(`u${i}`, 'patrol_car'))),
        checkpoints: fc.array(
          fc.record({
            suspect: fc.option(fc.integer({ min: 0, max: 400 })),
            etas: fc.array(fc.option(fc.integer({ min: 0, max: 400 }), { freq: 4 }), {
              minLength: unitCount,
              maxLength: unitCount,
            }),
          }),
          { minLength: checkpointCount, maxLength: checkpointCount },
        ),
      }),
    )
    .map(({ units, checkpoints }) => ({
      units,
      checkpoints: checkpoints.map((c, i) =>
        cp(
          `c${i}`,
          c.suspect,
          Object.fromEntries(c.etas.flatMap((e, j) => (e === null ? [] : [[`u${j}`, e]]))),
        ),
      ),
    }));

  type Score = [inTime: number, covered: number, totalEta: number];
  const score = (plan: Pick<CheckpointPlan, 'assignments'>): Score => [
    plan.assignments.filter((a) => a.inTime).length,
    plan.assignments.length,
    plan.assignments.reduce((s, a) => s + a.etaSeconds, 0),
  ];
  const better = (a: Score, b: Score) => a[0] - b[0] || a[1] - b[1] || b[2] - a[2];

  function bestByEnumeration(checkpoints: CheckpointCandidate[], units: DispatchUnit[]): Score {
    let best: Score = [0, 0, 0];
    const go = (i: number, used: Set<string>, acc: { inTime: boolean; etaSeconds: number }[]) => {
      if (i === checkpoints.length) {
        const s: Score = [
          acc.filter((a) => a.inTime).length,
          acc.length,
          acc.reduce((x, a) => x + a.etaSeconds, 0),
        ];
        if (better(s, best) > 0) best = s;
        return;
      }
      const c = checkpoints[i] as CheckpointCandidate;
      go(i + 1, used, acc);
      for (const u of units) {
        const e = c.etaToCheckpointByUnit.get(u.id);
        if (used.has(u.id) || !e) continue;
        used.add(u.id);
        const inTime = c.suspectEtaSeconds === null || e.etaSeconds <= c.suspectEtaSeconds;
        go(i + 1, used, [...acc, { inTime, etaSeconds: e.etaSeconds }]);
        used.delete(u.id);
      }
    };
    go(0, new Set(), []);
    return best;
  }

  it('matches exhaustive search: most in time, then most covered, then least ETA', () => {
    fc.assert(
      fc.property(instanceArb, ({ units, checkpoints }) => {
        const plan = assignCheckpoints(checkpoints, units);
        expect(score(plan)).toEqual(bestByEnumeration(checkpoints, units));
      }),
    );
  });

  it('uses each unit once and accounts for every checkpoint and unit', () => {
    fc.assert(
      fc.property(instanceArb, ({ units, checkpoints }) => {
        const plan = assignCheckpoints(checkpoints, units);
        const used = plan.assignments.map((a) => a.unitId);
        expect(new Set(used).size).toBe(used.length);
        expect([...used, ...plan.unusedUnitIds].sort()).toEqual(units.map((u) => u.id).sort());
        expect(plan.assignments.length + plan.uncovered.length).toBe(checkpoints.length);
        for (const a of plan.assignments) {
          const c = checkpoints.find((x) => x.id === a.checkpointId);
          expect(c?.etaToCheckpointByUnit.get(a.unitId)?.etaSeconds).toBe(a.etaSeconds);
        }
      }),
    );
  });
});
