import { describe, expect, it } from 'vitest';
import { fleetOnDuty } from './fleet.js';

describe('fleetOnDuty', () => {
  it('keeps the share of the logins, the same for a seed and another for another seed', () => {
    const a = fleetOnDuty(220, 0.6, 110);
    expect(a.size).toBe(132);
    expect([...a].every((i) => Number.isInteger(i) && i >= 0 && i < 220)).toBe(true);
    expect(fleetOnDuty(220, 0.6, 110)).toEqual(a);
    expect(fleetOnDuty(220, 0.6, 111)).not.toEqual(a);
    expect(fleetOnDuty(5, 1, 1)).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(() => fleetOnDuty(5, 0, 1)).toThrow(RangeError);
  });
});
