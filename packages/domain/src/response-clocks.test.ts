import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialMilestones, type IncidentMilestones } from './milestones.js';
import {
  clockArrivals,
  detectNewBreaches,
  reviewClockOutcomes,
  evaluateResponseClocks,
  nextClockDeadline,
  type ClockIncident,
} from './response-clocks.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

function incident(
  milestones: Partial<IncidentMilestones> = {},
  requiredUnits = 1,
  onScene: [string, number | null][] = [],
): ClockIncident {
  return {
    milestones: { ...initialMilestones(T0), ...milestones },
    requiredUnits,
    assignments: onScene.map(([unitId, onSceneAt]) => ({ unitId, onSceneAt })),
  };
}

describe('evaluateResponseClocks', () => {
  it('runs the dispatch clock from receipt, turns amber at 40 s and breaches at exactly 60 s', () => {
    const inc = incident();
    const at = (ms: number) => evaluateResponseClocks(inc, T0 + ms).dispatch;

    expect(at(0)).toMatchObject({ state: 'running', warning: 'ok', elapsedSeconds: 0, remainingSeconds: 60 });
    expect(at(39_999)).toMatchObject({ state: 'running', warning: 'ok', elapsedSeconds: 39.999 });
    expect(at(40_000)).toMatchObject({ state: 'running', warning: 'amber', remainingSeconds: 20 });
    expect(at(59_999)).toMatchObject({ state: 'running', warning: 'amber', remainingSeconds: 0.001 });
    expect(at(60_000)).toMatchObject({
      state: 'breached',
      warning: 'red',
      remainingSeconds: 0,
      stoppedAt: null,
    });
    expect(at(75_500)).toMatchObject({ state: 'breached', elapsedSeconds: 75.5, remainingSeconds: -15.5 });
    expect(at(0).deadlineAt).toBe(T0 + 60_000);
    expect(at(0).amberAt).toBe(T0 + 40_000);
  });

  it('meets a clock stopped at or before the deadline, to the millisecond', () => {
    const onTime = evaluateResponseClocks(
      incident({ firstDispatchedAt: T0 + 60_000 }),
      T0 + 500_000,
    ).dispatch;
    expect(onTime).toMatchObject({
      state: 'met',
      warning: 'ok',
      stoppedAt: T0 + 60_000,
      elapsedSeconds: 60,
      remainingSeconds: 0,
    });
    const late = evaluateResponseClocks(incident({ firstDispatchedAt: T0 + 60_001 }), T0 + 500_000).dispatch;
    expect(late).toMatchObject({
      state: 'breached',
      warning: 'red',
      elapsedSeconds: 60.001,
      remainingSeconds: -0.001,
    });
  });

  it('uses the first on-scene milestone for the first-arrival clock (180 s)', () => {
    const clocks = evaluateResponseClocks(
      incident({ firstDispatchedAt: T0 + 30_000, firstOnSceneAt: T0 + 179_000 }),
      T0 + 200_000,
    );
    expect(clocks.first_arrival).toMatchObject({ state: 'met', elapsedSeconds: 179, remainingSeconds: 1 });
    expect(
      evaluateResponseClocks(incident({ firstDispatchedAt: T0 }), T0 + 180_000).first_arrival.state,
    ).toBe('breached');
    expect(
      evaluateResponseClocks(incident({ firstDispatchedAt: T0 }), T0 + 119_999).first_arrival.warning,
    ).toBe('ok');
    expect(
      evaluateResponseClocks(incident({ firstDispatchedAt: T0 }), T0 + 120_000).first_arrival.warning,
    ).toBe('amber');
  });

  it('stops the reinforcement clock at the second distinct unit on scene', () => {
    const inc = incident({ firstDispatchedAt: T0 + 20_000, firstOnSceneAt: T0 + 100_000 }, 3, [
      ['u1', T0 + 100_000],
      ['u1', T0 + 150_000], // same unit re-assigned: not a second unit
      ['u2', T0 + 290_000],
      ['u3', null],
    ]);
    const r = evaluateResponseClocks(inc, T0 + 400_000).reinforcement;
    expect(r).toMatchObject({
      state: 'met',
      stoppedAt: T0 + 290_000,
      elapsedSeconds: 290,
      remainingSeconds: 10,
    });

    const oneUnit = incident({ firstOnSceneAt: T0 + 100_000 }, 2, [['u1', T0 + 100_000]]);
    expect(evaluateResponseClocks(oneUnit, T0 + 299_999).reinforcement.state).toBe('running');
    expect(evaluateResponseClocks(oneUnit, T0 + 300_000).reinforcement.state).toBe('breached');
  });

  it('does not apply the reinforcement clock to one-unit plans', () => {
    const r = evaluateResponseClocks(incident({}, 1), T0 + 999_000).reinforcement;
    expect(r).toMatchObject({
      state: 'not_applicable',
      deadlineAt: null,
      elapsedSeconds: null,
      warning: 'ok',
    });
  });

  it('takes an on-scene assignment as first arrival even if the milestone lags', () => {
    const r = evaluateResponseClocks(incident({}, 1, [['u1', T0 + 90_000]]), T0 + 200_000).first_arrival;
    expect(r).toMatchObject({ state: 'met', stoppedAt: T0 + 90_000 });
  });

  it('drops clocks an incident ended before their deadline, and keeps breaches it ended after', () => {
    const cancelledEarly = evaluateResponseClocks(incident({ closedAt: T0 + 30_000 }), T0 + 999_000);
    expect(cancelledEarly.dispatch.state).toBe('not_applicable');
    expect(cancelledEarly.first_arrival.state).toBe('not_applicable');

    const cancelledLate = evaluateResponseClocks(
      incident({ firstDispatchedAt: T0 + 10_000, closedAt: T0 + 200_000 }),
      T0 + 999_000,
    );
    expect(cancelledLate.dispatch.state).toBe('met');
    expect(cancelledLate.first_arrival).toMatchObject({
      state: 'breached',
      stoppedAt: T0 + 200_000,
      elapsedSeconds: 200,
    });

    const resolvedBeforeArrival = evaluateResponseClocks(
      incident({ firstDispatchedAt: T0 + 10_000, resolvedAt: T0 + 120_000, closedAt: T0 + 900_000 }),
      T0 + 999_000,
    );
    expect(resolvedBeforeArrival.first_arrival.state).toBe('not_applicable');
  });

  it('honours custom targets', () => {
    const r = evaluateResponseClocks(incident(), T0 + 90_000, {
      dispatchSeconds: 120,
      firstArrivalSeconds: 600,
      reinforcementSeconds: 900,
    });
    expect(r.dispatch).toMatchObject({ state: 'running', warning: 'amber', deadlineAt: T0 + 120_000 });
    expect(r.first_arrival).toMatchObject({ state: 'running', warning: 'ok', deadlineAt: T0 + 600_000 });
  });

  it('classifies any stop time against the deadline, elapsed measured to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        (stop, extra) => {
          const c = evaluateResponseClocks(
            incident({ firstDispatchedAt: T0 + stop }),
            T0 + stop + extra,
          ).dispatch;
          expect(c.state).toBe(stop <= 60_000 ? 'met' : 'breached');
          expect(c.elapsedSeconds).toBe(stop / 1000);
          expect(c.remainingSeconds).toBe((60_000 - stop) / 1000);
        },
      ),
    );
  });
});

describe('nextClockDeadline', () => {
  it('returns the earliest deadline among running clocks', () => {
    const clocks = evaluateResponseClocks(incident({}, 2), T0 + 1000);
    expect(nextClockDeadline(clocks, T0 + 1000)).toBe(T0 + 60_000);
    const dispatched = evaluateResponseClocks(incident({ firstDispatchedAt: T0 + 5000 }, 2), T0 + 10_000);
    expect(nextClockDeadline(dispatched, T0 + 10_000)).toBe(T0 + 180_000);
  });

  it('skips breached and finished clocks and can include amber instants', () => {
    const clocks = evaluateResponseClocks(incident({}, 1), T0 + 60_000);
    // dispatch breached at 60 s; first arrival still running
    expect(nextClockDeadline(clocks, T0 + 60_000)).toBe(T0 + 180_000);
    expect(nextClockDeadline(clocks, T0 + 60_000, { includeAmber: true })).toBe(T0 + 120_000);
    const done = evaluateResponseClocks(incident({ firstDispatchedAt: T0, firstOnSceneAt: T0 + 1 }), T0 + 2);
    expect(nextClockDeadline(done, T0 + 2)).toBeNull();
  });

  it('points at an instant where re-evaluation shows a change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_000 }), (offset) => {
        const inc = incident({}, 2);
        const now = T0 + offset;
        const before = evaluateResponseClocks(inc, now);
        const next = nextClockDeadline(before, now);
        if (next === null) return;
        const after = evaluateResponseClocks(inc, next);
        expect(detectNewBreaches(before, after).length).toBeGreaterThan(0);
        expect(detectNewBreaches(before, evaluateResponseClocks(inc, next - 1))).toEqual([]);
      }),
    );
  });
});

describe('detectNewBreaches', () => {
  it('reports only clocks that became breached', () => {
    const inc = incident({}, 2);
    const a = evaluateResponseClocks(inc, T0 + 59_999);
    const b = evaluateResponseClocks(inc, T0 + 60_000);
    const c = evaluateResponseClocks(inc, T0 + 180_000);
    expect(detectNewBreaches(a, b)).toEqual(['dispatch']);
    expect(detectNewBreaches(b, b)).toEqual([]);
    expect(detectNewBreaches(b, c)).toEqual(['first_arrival']);
    expect(detectNewBreaches(null, c)).toEqual(['dispatch', 'first_arrival']);
  });
});

describe('clockArrivals and reviewClockOutcomes', () => {
  it('counts each scene unit once at its first arrival, never a checkpoint', () => {
    expect(
      clockArrivals([
        { unitId: 'b', onSceneAt: T0 + 30 },
        { unitId: 'a', onSceneAt: T0 + 20 },
        { unitId: 'a', onSceneAt: T0 + 10 },
        { unitId: 'cp', onSceneAt: T0 + 5, role: 'checkpoint' },
        { unitId: 'c', onSceneAt: null },
      ]),
    ).toEqual([T0 + 10, T0 + 30]);
  });

  it('judges met, missed and not counted as the clocks do, arrivals of cancelled incidents not counted', () => {
    const late = incident({ firstDispatchedAt: T0 + 30_000, closedAt: T0 + 400_000 }, 2);
    expect(reviewClockOutcomes({ ...late, cancelled: false }, T0 + 999_000)).toEqual({
      dispatch: 'met',
      first_arrival: 'missed',
      reinforcement: 'missed',
    });
    expect(reviewClockOutcomes({ ...late, cancelled: true }, T0 + 999_000)).toEqual({
      dispatch: 'met',
      first_arrival: null,
      reinforcement: null,
    });
    // Still waiting before the deadline: not counted yet.
    expect(reviewClockOutcomes({ ...incident({}, 1), cancelled: false }, T0 + 10_000)).toEqual({
      dispatch: null,
      first_arrival: null,
      reinforcement: null,
    });
  });
});
