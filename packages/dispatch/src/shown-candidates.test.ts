import { describe, expect, it } from 'vitest';
import type { RankedCandidate } from './ranking.js';
import { shownCandidates } from './shown-candidates.js';

const ranked = (ids: string[]) =>
  ids.map((id, i) => ({ rank: i + 1, unit: { id } }) as unknown as RankedCandidate);

describe('shownCandidates', () => {
  it('puts the plan’s units first, then the rest by rank up to the limit', () => {
    const shown = shownCandidates(
      ranked(['a', 'b', 'c', 'd', 'e']),
      { assignments: [{ unitId: 'd', tier: 1, role: 'primary' }] as never },
      3,
    );
    expect(shown.map((s) => s.candidate.unit.id)).toEqual(['d', 'a', 'b']);
    expect(shown.map((s) => s.planned?.role ?? null)).toEqual(['primary', null, null]);
  });
});
