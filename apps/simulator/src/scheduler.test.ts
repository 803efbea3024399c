import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler.js';

describe('Scheduler', () => {
  it('runs due tasks in time order, ties in insertion order', () => {
    const s = new Scheduler();
    const ran: string[] = [];
    s.at(20, () => void ran.push('b'));
    s.at(10, () => void ran.push('a'));
    s.at(20, () => void ran.push('c'));
    s.at(30, () => void ran.push('d'));
    expect(s.runDue(25)).toBe(3);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(s.size).toBe(1);
    expect(s.nextAt).toBe(30);
  });

  it('hands out one due task at a time and nothing before its time', () => {
    const s = new Scheduler();
    s.at(5, () => undefined);
    expect(s.takeDue(4)).toBeUndefined();
    expect(s.takeDue(5)).toBeTypeOf('function');
    expect(s.nextAt).toBe(Infinity);
    expect(() => s.at(Infinity, () => undefined)).toThrow();
  });

  it('reports failing tasks instead of throwing (live mode)', async () => {
    const s = new Scheduler();
    const errors: unknown[] = [];
    s.at(1, () => {
      throw new Error('sync');
    });
    s.at(1, () => Promise.reject(new Error('async')));
    s.runDue(1, (e) => errors.push(e));
    await Promise.resolve();
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
  });

  it('orders any schedule by (time, insertion) like a stable sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (times) => {
        const s = new Scheduler();
        const ran: number[] = [];
        times.forEach((t, i) => s.at(t, () => void ran.push(i)));
        s.runDue(Infinity);
        const expected = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(ran).toEqual(expected.map(([, i]) => i));
      }),
    );
  });
});
