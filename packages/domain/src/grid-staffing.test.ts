import { describe, expect, it } from 'vitest';
import { evaluateGridStaffing } from './grid-staffing.js';
import type { UnitKind, UnitStatus } from './model.js';

const unit = (kind: UnitKind, status: UnitStatus, currentGridId: string | null) => ({
  kind,
  status,
  currentGridId,
});

describe('evaluateGridStaffing', () => {
  it('counts on-duty units by kind and reports shortfalls', () => {
    const [g] = evaluateGridStaffing(
      [{ id: 'g1', minStaffing: { patrol_car: 2, foot_patrol: 1 } }],
      [
        unit('patrol_car', 'available', 'g1'),
        unit('patrol_car', 'off_duty', 'g1'),
        unit('motorcycle', 'on_scene', 'g1'),
        unit('patrol_car', 'available', 'g2'),
      ],
    );
    expect(g).toEqual({
      gridId: 'g1',
      presentByKind: { patrol_car: 1, motorcycle: 1 },
      availableByKind: { patrol_car: 1 },
      shortfallByKind: { patrol_car: 1, foot_patrol: 1 },
      presentCount: 2,
      availableCount: 1,
      status: 'understaffed',
    });
  });

  it('is ok when every minimum is met by present units, busy ones included', () => {
    const [g] = evaluateGridStaffing(
      [{ id: 'g1', minStaffing: { patrol_car: 2 } }],
      [unit('patrol_car', 'available', 'g1'), unit('patrol_car', 'en_route', 'g1')],
    );
    expect(g?.status).toBe('ok');
    expect(g?.shortfallByKind).toEqual({});
  });

  it('is uncovered when no covering unit is free, even if minimums are met', () => {
    const [busy, onlyDrone, empty] = evaluateGridStaffing(
      [
        { id: 'g1', minStaffing: { patrol_car: 1 } },
        { id: 'g2', minStaffing: {} },
        { id: 'g3', minStaffing: {} },
      ],
      [
        unit('patrol_car', 'on_scene', 'g1'),
        unit('drone', 'available', 'g2'),
        unit('partner', 'available', 'g2'),
      ],
    );
    expect(busy?.status).toBe('uncovered');
    expect(onlyDrone?.status).toBe('uncovered');
    expect(onlyDrone?.availableCount).toBe(2);
    expect(empty?.status).toBe('uncovered');
  });

  it('counts returning units as available', () => {
    const [g] = evaluateGridStaffing([{ id: 'g1', minStaffing: {} }], [unit('post', 'returning', 'g1')]);
    expect(g?.status).toBe('ok');
  });
});
