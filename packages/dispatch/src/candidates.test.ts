import { describe, expect, it } from 'vitest';
import { filterCandidates } from './candidates.js';
import { DEFAULT_DISPATCH_RULES, unitFitness } from './dispatch-rules.js';
import { eta, incidentAt, unit } from './test-support.js';

describe('filterCandidates', () => {
  it('names the first failed check for every excluded unit', () => {
    const units = [
      unit('ok', 'patrol_car'),
      unit('busy', 'patrol_car', { status: 'on_scene' }),
      unit('guard', 'partner'),
      unit('nodata', 'motorcycle'),
      unit('island', 'motorcycle'),
      unit('farpost', 'post'),
      unit('mine', 'patrol_car'),
    ];
    const estimates = new Map([
      ['ok', eta(100)],
      ['busy', eta(10)],
      ['guard', eta(10)],
      ['island', eta(Number.POSITIVE_INFINITY, { reachable: false })],
      ['farpost', eta(600, { distanceMeters: 1600, method: 'walk' })],
      ['mine', eta(5)],
    ]);
    const { candidates, excluded } = filterCandidates(
      incidentAt('knife_attack'),
      units,
      estimates,
      DEFAULT_DISPATCH_RULES,
      ['mine'],
    );
    expect(candidates.map((c) => c.unit.id)).toEqual(['ok']);
    expect(excluded).toEqual([
      { unitId: 'busy', reason: 'NOT_DISPATCHABLE' },
      { unitId: 'guard', reason: 'KIND_NOT_FIT' },
      { unitId: 'nodata', reason: 'NO_ESTIMATE' },
      { unitId: 'island', reason: 'UNREACHABLE' },
      { unitId: 'farpost', reason: 'BEYOND_KIND_LIMIT' },
      { unitId: 'mine', reason: 'EXCLUDED' },
    ]);
  });

  it('keeps returning units and posts close by', () => {
    const { candidates } = filterCandidates(
      incidentAt('theft', 3),
      [unit('r', 'motorcycle', { status: 'returning' }), unit('p', 'post')],
      new Map([
        ['r', eta(200)],
        ['p', eta(300, { distanceMeters: 400, method: 'walk' })],
      ]),
    );
    expect(candidates.map((c) => [c.unit.id, c.fitness])).toEqual([
      ['r', 'primary'],
      ['p', 'primary'],
    ]);
  });
});

describe('default fitness table', () => {
  const fit = (
    type: Parameters<typeof unitFitness>[1],
    priority: 1 | 2 | 3 | 4,
    kind: Parameters<typeof unitFitness>[3],
  ) => unitFitness(DEFAULT_DISPATCH_RULES, type, priority, kind);

  it('never sends partner forces to knife attacks, robberies or fights', () => {
    for (const type of ['knife_attack', 'robbery', 'fight'] as const) {
      for (const p of [1, 2, 3, 4] as const) expect(fit(type, p, 'partner')).toBeNull();
    }
  });

  it('lets partners lead low-priority help requests and only support urgent ones', () => {
    expect(fit('help_request', 4, 'partner')).toBe('primary');
    expect(fit('help_request', 1, 'partner')).toBe('support');
    expect(fit('dispute', 3, 'partner')).toBe('support');
  });

  it('uses drones only as support, for video-worthy incidents', () => {
    for (const type of ['missing_person', 'fight', 'traffic_accident', 'knife_attack'] as const) {
      expect(fit(type, 1, 'drone')).toBe('support');
    }
    expect(fit('noise', 3, 'drone')).toBeNull();
    expect(fit('dispute', 3, 'drone')).toBeNull();
  });
});
