import { describe, expect, it } from 'vitest';
import { UNIT_STATUSES, type UnitStatus } from './model.js';
import {
  isUnitBusy,
  isUnitDispatchable,
  isUnitOnDuty,
  leftFreeFleet,
  standbyEndReason,
  transitionUnit,
  UNIT_TRANSITIONS,
} from './unit-state.js';

const LEGAL: readonly [UnitStatus, UnitStatus][] = [
  ['available', 'assigned'],
  ['available', 'off_duty'],
  ['available', 'out_of_service'],
  ['assigned', 'en_route'],
  ['assigned', 'available'],
  ['assigned', 'returning'],
  ['assigned', 'out_of_service'],
  ['en_route', 'on_scene'],
  ['en_route', 'available'],
  ['en_route', 'returning'],
  ['en_route', 'out_of_service'],
  ['on_scene', 'returning'],
  ['on_scene', 'available'],
  ['on_scene', 'out_of_service'],
  ['returning', 'available'],
  ['returning', 'assigned'],
  ['returning', 'off_duty'],
  ['returning', 'out_of_service'],
  ['off_duty', 'available'],
  ['out_of_service', 'available'],
  ['out_of_service', 'off_duty'],
];

describe('transitionUnit', () => {
  for (const from of UNIT_STATUSES) {
    for (const to of UNIT_STATUSES) {
      const legal = LEGAL.some(([f, t]) => f === from && t === to);
      it(`${from} -> ${to} is ${legal ? 'legal' : 'illegal'}`, () => {
        const result = transitionUnit(from, to);
        if (legal) expect(result).toEqual({ ok: true, value: to });
        else {
          expect(!result.ok && result.error.code).toBe('ILLEGAL_TRANSITION');
          expect(!result.ok && result.error.details).toEqual({ entity: 'unit', from, to });
        }
      });
    }
  }
});

describe('unit status classes', () => {
  it('dispatches only available and returning units', () => {
    expect(UNIT_STATUSES.filter(isUnitDispatchable)).toEqual(['available', 'returning']);
  });

  it('counts everything but off duty and out of service as on duty', () => {
    expect(UNIT_STATUSES.filter((s) => !isUnitOnDuty(s))).toEqual(['off_duty', 'out_of_service']);
  });
});

describe('standbyEndReason', () => {
  it('keeps the order while the unit is free, ends it as dispatched when busy, off duty otherwise', () => {
    for (const status of UNIT_STATUSES) {
      const reason = standbyEndReason(status);
      if (isUnitDispatchable(status)) expect(reason).toBeNull();
      else expect(reason).toBe(isUnitBusy(status) ? 'dispatched' : 'off_duty');
    }
    expect(standbyEndReason('out_of_service')).toBe('off_duty');
    expect(standbyEndReason('en_route')).toBe('dispatched');
  });
});

describe('leftFreeFleet', () => {
  it('is a free unit becoming busy or unavailable, and never a move between unfree statuses', () => {
    for (const before of UNIT_STATUSES)
      for (const next of UNIT_TRANSITIONS[before])
        expect(leftFreeFleet(before, next), `${before} -> ${next}`).toBe(
          isUnitDispatchable(before) && !isUnitDispatchable(next),
        );
  });

  it('knows an assignment always takes a free unit, even when the status seen before is stale', () => {
    expect(leftFreeFleet(null, 'assigned')).toBe(true);
    // Freed on another node since this status was seen: the assignment proves it was free.
    expect(leftFreeFleet('out_of_service', 'assigned')).toBe(true);
  });

  it('without the status before, is not sure of the others', () => {
    // Off duty may follow out of service; a breakdown may happen on an assignment.
    expect(leftFreeFleet(null, 'off_duty')).toBe(false);
    expect(leftFreeFleet(null, 'out_of_service')).toBe(false);
    expect(leftFreeFleet(null, 'en_route')).toBe(false);
    expect(leftFreeFleet(null, 'available')).toBe(false);
  });
});
