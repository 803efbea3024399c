import { describe, expect, it } from 'vitest';
import { coverageAlertChanges } from './coverage-alerts.js';

describe('coverageAlertChanges', () => {
  it('raises once below the threshold and clears only past the margin', () => {
    const g = (share: number) => [{ gridId: 'g1', share, threshold: 0.8 }];
    expect(coverageAlertChanges(new Set(), g(0.79)).raise.map((x) => x.gridId)).toEqual(['g1']);
    expect(coverageAlertChanges(new Set(['g1']), g(0.7))).toEqual({ raise: [], clear: [] });
    // Back at the threshold but inside the margin: still alerted (no flicker).
    expect(coverageAlertChanges(new Set(['g1']), g(0.82))).toEqual({ raise: [], clear: [] });
    expect(coverageAlertChanges(new Set(['g1']), g(0.85)).clear.map((x) => x.gridId)).toEqual(['g1']);
    expect(coverageAlertChanges(new Set(), g(0.8))).toEqual({ raise: [], clear: [] });
  });

  it('clears a full-threshold alert at full coverage', () => {
    const full = [{ gridId: 'g1', share: 1, threshold: 1 }];
    expect(coverageAlertChanges(new Set(['g1']), full).clear).toHaveLength(1);
  });
});
