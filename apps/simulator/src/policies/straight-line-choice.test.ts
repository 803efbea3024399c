import { describe, expect, it } from 'vitest';
import type { UnitDto } from '@dispatch/contracts';
import { straightLineChoice } from './straight-line-choice.js';

let n = 0;
function unit(kind: UnitDto['kind'], lngLat: [number, number], extra: Partial<UnitDto> = {}): UnitDto {
  n += 1;
  return {
    id: `u${n}`,
    callSign: `U${n}`,
    kind,
    status: 'available',
    homeGridId: 'g1',
    currentGridId: 'g1',
    postId: null,
    capabilities: [],
    position: { lngLat, headingDeg: null, speedMps: null, at: '2026-01-01T00:00:00Z' },
    activeAssignmentId: null,
    activeIncidentId: null,
    version: 0,
    ...extra,
  };
}

const here: [number, number] = [120.15, 30.27];
const metresEast = (m: number): [number, number] => [here[0] + m / 96_000, here[1]];

describe('straightLineChoice', () => {
  it('sends the nearest car by straight line for a one-unit plan', () => {
    const near = unit('patrol_car', metresEast(400));
    const far = unit('patrol_car', metresEast(1500));
    const choice = straightLineChoice({ type: 'theft', priority: 3, lngLat: here, gridId: 'g1' }, [
      far,
      near,
    ]);
    expect(choice).toEqual([near.id]);
  });

  it('fills the plan size, skipping busy and unlocated units', () => {
    const a = unit('patrol_car', metresEast(300));
    const b = unit('patrol_car', metresEast(600));
    const busy = unit('patrol_car', metresEast(100), { status: 'en_route' });
    const lost = unit('patrol_car', metresEast(50), { position: null });
    const choice = straightLineChoice({ type: 'fight', priority: 2, lngLat: here, gridId: 'g1' }, [
      busy,
      lost,
      b,
      a,
    ]);
    expect(new Set(choice)).toEqual(new Set([a.id, b.id]));
  });

  it('leaves out units already on the incident and gives nothing when nobody is free', () => {
    const a = unit('patrol_car', metresEast(300));
    const b = unit('patrol_car', metresEast(600));
    const incident = { type: 'theft' as const, priority: 3 as const, lngLat: here, gridId: 'g1' };
    expect(straightLineChoice(incident, [a, b], { alreadyAssignedUnitIds: [a.id] })).toEqual([b.id]);
    expect(straightLineChoice(incident, [])).toEqual([]);
  });
});
