import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T0, iso, makeIncident } from '../test/fixtures.js';
import { compareQueue, queueOf } from './incident-queue.js';

describe('incident queue order', () => {
  it('puts the most urgent priority first, then the oldest call, and hides ended incidents', () => {
    const incidents = [
      makeIncident({ id: 'p3-old', number: 'n1', priority: 3, receivedAt: iso(T0) }),
      makeIncident({ id: 'p1-new', number: 'n2', priority: 1, receivedAt: iso(T0 + 60_000) }),
      makeIncident({ id: 'p1-old', number: 'n3', priority: 1, receivedAt: iso(T0 + 10_000) }),
      makeIncident({ id: 'closed', number: 'n4', priority: 1, status: 'closed' }),
      makeIncident({ id: 'cancelled', number: 'n5', priority: 1, status: 'cancelled' }),
      makeIncident({ id: 'resolved', number: 'n6', priority: 4, status: 'resolved' }),
    ];
    expect(queueOf(incidents).map((i) => i.id)).toEqual(['p1-old', 'p1-new', 'p3-old', 'resolved']);
  });

  it('puts a pending call above every call in progress of the same or higher priority', () => {
    const onScene = Array.from({ length: 7 }, (_, i) =>
      makeIncident({
        id: `scene${i}`,
        number: `s${i}`,
        priority: 2,
        status: i % 2 ? 'on_scene' : 'dispatched',
        receivedAt: iso(T0 + i * 1000),
      }),
    );
    const pending = makeIncident({
      id: 'pending',
      number: 'p',
      priority: 2,
      status: 'received',
      receivedAt: iso(T0 + 60_000),
    });
    const pendingLow = makeIncident({ id: 'low', number: 'l', priority: 4, status: 'received' });
    const urgentInProgress = makeIncident({ id: 'p1', number: 'u', priority: 1, status: 'en_route' });
    const queue = queueOf([...onScene, urgentInProgress, pendingLow, pending]).map((i) => i.id);
    expect(queue.slice(0, 3)).toEqual(['pending', 'low', 'p1']);
    expect(queue.slice(3)).toEqual(onScene.map((i) => i.id));
  });

  it('is a total order: any input order gives the same queue', () => {
    const spec = fc.record({
      priority: fc.integer({ min: 1, max: 4 }),
      offset: fc.integer({ min: 0, max: 3600 }),
    });
    const lists = fc.array(spec, { maxLength: 30 }).chain((specs) => {
      const list = specs.map((s, i) =>
        makeIncident({
          id: `i${i}`,
          number: `n${String(i).padStart(3, '0')}`,
          priority: s.priority,
          receivedAt: iso(T0 + s.offset * 1000),
        }),
      );
      return fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      );
    });
    fc.assert(
      fc.property(lists, ([list, shuffled]) => {
        const queue = queueOf(list);
        expect(queueOf(shuffled).map((i) => i.id)).toEqual(queue.map((i) => i.id));
        for (let k = 1; k < queue.length; k += 1) {
          expect(
            compareQueue(queue[k - 1] as (typeof queue)[number], queue[k] as (typeof queue)[number]),
          ).toBeLessThan(0);
        }
      }),
    );
  });
});
