import { describe, expect, it } from 'vitest';
import { formatSummaryTable, summarize } from './summary.js';

const at = (received: number, dispatchS: number | null, sceneS: number | null) => ({
  receivedAt: received,
  firstDispatchedAt: dispatchS === null ? null : received + dispatchS * 1000,
  firstOnSceneAt: sceneS === null ? null : received + sceneS * 1000,
});

describe('summarize', () => {
  it('computes medians, p90 and shares (unreached incidents count as late)', () => {
    const s = summarize('closest', [at(0, 60, 120), at(5000, 60, 200), at(9000, 90, 400), at(10, 30, null)]);
    expect(s.incidents).toBe(4);
    expect(s.callToDispatch.medianSeconds).toBe(60);
    expect(s.callToOnScene.count).toBe(3);
    expect(s.callToOnScene.medianSeconds).toBe(200);
    expect(s.callToOnScene.p90Seconds).toBeCloseTo(360, 6);
    expect(s.onSceneWithin3Min).toBe(0.25);
    expect(s.onSceneWithin5Min).toBe(0.5);
    expect(s.lateShare).toBe(0.5);
    expect(s.meanOnSceneSeconds).toBeCloseTo((120 + 200 + 400) / 3, 9);
  });

  it('gives nulls for an empty run', () => {
    const s = summarize('closest', []);
    expect(s.callToDispatch.medianSeconds).toBeNull();
    expect(s.onSceneWithin3Min).toBeNull();
    expect(s.lateShare).toBeNull();
    expect(s.meanOnSceneSeconds).toBeNull();
  });

  it('prints one column per policy and the difference of two', () => {
    const closest = summarize('closest', [at(0, 60, 120)]);
    const straight = summarize('straight', [at(0, 60, 180)]);
    const table = formatSummaryTable([closest, straight]);
    expect(table).toContain('straight - closest');
    expect(table).toMatch(/call -> first on scene, median\s*\| 2\.00 min\s*\| 3\.00 min\s*\| \+1\.00 min/);
    expect(table).toMatch(/on scene within 3 min\s*\| 100\.0 %\s*\| 100\.0 %\s*\| \+0\.0 pts/);
  });
});
