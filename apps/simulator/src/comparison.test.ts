import { describe, expect, it } from 'vitest';
import { formatComparison } from './comparison.js';
import { summarize, type PolicySummary } from './summary.js';

/** A run of 100 incidents, `late` of them never reached, the rest on scene after `sceneS`. */
function run(policy: string, late: number, sceneS: number, moves = 0): PolicySummary {
  const incidents = Array.from({ length: 100 }, (_, i) => ({
    receivedAt: 0,
    firstDispatchedAt: 30_000,
    firstOnSceneAt: i < late ? null : sceneS * 1000,
  }));
  return { ...summarize(policy, incidents), movesPerUnitHour: moves };
}

describe('formatComparison', () => {
  it('prints mean and t interval per policy, and the paired change against the first', () => {
    const seeds = [110, 111, 112];
    const closest = [run('closest', 4, 120), run('closest', 6, 120), run('closest', 5, 120)];
    // One point less late on every seed: a paired change of exactly -1 point, -20 % of 5 %.
    const standby = [run('s', 3, 120, 0.2), run('s', 5, 120, 0.2), run('s', 4, 120, 0.2)];
    const text = formatComparison(
      [
        { policy: 'closest', summaries: closest },
        { policy: 'closest+standby', summaries: standby },
      ],
      seeds,
    );
    // Late share 4, 6, 5 %: mean 5, sd 1, t(0.975, 2) = 4.3027 -> +-2.48.
    expect(text).toMatch(
      /late \(not within 5 min\)\s*\| 5\.00 % \[2\.52, 7\.48\]\s*\| 4\.00 % \[1\.52, 6\.48\]/,
    );
    expect(text).toMatch(/moves per unit-hour\s*\| 0\.000 \[0\.000, 0\.000\]\s*\| 0\.200 \[0\.200, 0\.200\]/);
    expect(text).toMatch(
      /closest\+standby - closest\s*\| -1\.00 pts \[-1\.00, -1\.00\]\s*\| -20\.0 % \[-20\.0, -20\.0\]/,
    );
    expect(text).toMatch(/seed 112\s*\| 5\.00 % \/ 2\.00 min\s*\| 4\.00 % \/ 2\.00 min/);
  });

  it('shows no interval for a single seed', () => {
    const text = formatComparison([{ policy: 'closest', summaries: [run('closest', 5, 90)] }], [110]);
    expect(text).toMatch(/call -> first on scene, mean\s*\| 1\.50 min\s*$/m);
    expect(text).not.toContain('paired');
  });
});
