import { describe, expect, it } from 'vitest';
import { isAssignmentActive, transitionAssignment, unitStatusForAssignment } from './assignment-state.js';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './model.js';
import { transitionUnit } from './unit-state.js';

const LEGAL: readonly [AssignmentStatus, AssignmentStatus][] = [
  ['assigned', 'accepted'],
  ['assigned', 'en_route'],
  ['assigned', 'cancelled'],
  ['accepted', 'en_route'],
  ['accepted', 'cancelled'],
  ['en_route', 'on_scene'],
  ['en_route', 'cancelled'],
  ['on_scene', 'cleared'],
  ['on_scene', 'cancelled'],
];

describe('transitionAssignment', () => {
  for (const from of ASSIGNMENT_STATUSES) {
    for (const to of ASSIGNMENT_STATUSES) {
      const legal = LEGAL.some(([f, t]) => f === from && t === to);
      it(`${from} -> ${to} is ${legal ? 'legal' : 'illegal'}`, () => {
        const result = transitionAssignment(from, to);
        if (legal) expect(result).toEqual({ ok: true, value: to });
        else {
          expect(!result.ok && result.error.code).toBe('ILLEGAL_TRANSITION');
          expect(!result.ok && result.error.details).toEqual({ entity: 'assignment', from, to });
        }
      });
    }
  }

  it('treats assigned, accepted, en_route and on_scene as active', () => {
    expect(ASSIGNMENT_STATUSES.filter(isAssignmentActive)).toEqual([
      'assigned',
      'accepted',
      'en_route',
      'on_scene',
    ]);
  });
});

describe('unitStatusForAssignment', () => {
  it('maps each assignment step to the unit status', () => {
    expect(ASSIGNMENT_STATUSES.map((s) => unitStatusForAssignment(s))).toEqual([
      'assigned',
      'assigned',
      'en_route',
      'on_scene',
      'returning',
      'available',
    ]);
    expect(unitStatusForAssignment('cancelled', true)).toBe('returning');
  });

  it('keeps the unit machine legal along every legal assignment move', () => {
    // The server applies both machines together; they must never disagree.
    for (const [from, to] of LEGAL) {
      const unitFrom = unitStatusForAssignment(from);
      const unitTo = unitStatusForAssignment(to);
      if (unitFrom === unitTo) continue;
      expect(transitionUnit(unitFrom, unitTo).ok, `${from}->${to}`).toBe(true);
    }
  });
});
