import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler.js';

describe('Scheduler', () => {
  it('runs due tasks in time order, ties in insertion order', () => {
    const s = new Scheduler();
    const ran: string[] = [];
    s.at(20, () => ran.push('b'));
    s.at(10, () => ran.push('a'));
    s.at(20, () => ran.push('c'));
    s.at(30, () => ran.push('d'));
    expect(s.runDue(25)).toBe(3);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(s.size).toBe(1);
  });
});
