import { describe, expect, it } from 'vitest';
import {
  deriveIncidentStatus,
  isIncidentOpen,
  transitionIncident,
  type IncidentEvent,
  type IncidentEventType,
} from './incident-state.js';
import { INCIDENT_STATUSES, type AssignmentStatus, type IncidentStatus } from './model.js';

// The specification, written out independently of INCIDENT_TRANSITIONS.
const LEGAL: readonly [IncidentStatus, IncidentEventType, IncidentStatus][] = [
  ['received', 'dispatch', 'dispatched'],
  ['received', 'cancel', 'cancelled'],
  ['dispatched', 'unit_en_route', 'en_route'],
  ['dispatched', 'unit_on_scene', 'on_scene'],
  ['dispatched', 'resolve', 'resolved'],
  ['dispatched', 'cancel', 'cancelled'],
  ['en_route', 'unit_on_scene', 'on_scene'],
  ['en_route', 'resolve', 'resolved'],
  ['en_route', 'cancel', 'cancelled'],
  ['on_scene', 'resolve', 'resolved'],
  ['on_scene', 'cancel', 'cancelled'],
  ['resolved', 'close', 'closed'],
];

const EVENTS: Record<IncidentEventType, IncidentEvent> = {
  dispatch: { type: 'dispatch' },
  unit_en_route: { type: 'unit_en_route' },
  unit_on_scene: { type: 'unit_on_scene' },
  resolve: { type: 'resolve', resolution: 'resolved_on_scene' },
  close: { type: 'close' },
  cancel: { type: 'cancel' },
};

describe('transitionIncident', () => {
  for (const from of INCIDENT_STATUSES) {
    for (const [eventType, event] of Object.entries(EVENTS)) {
      const legal = LEGAL.find(([f, e]) => f === from && e === eventType);
      it(`${from} + ${eventType} -> ${legal ? legal[2] : 'error'}`, () => {
        const result = transitionIncident(from, event);
        if (legal) {
          expect(result.ok && result.value.status).toBe(legal[2]);
        } else {
          expect(result.ok).toBe(false);
          const expectedCode =
            from === 'closed' || from === 'cancelled' ? 'INCIDENT_CLOSED' : 'ILLEGAL_TRANSITION';
          expect(!result.ok && result.error.code).toBe(expectedCode);
          expect(!result.ok && result.error.details).toMatchObject({
            entity: 'incident',
            from,
            event: eventType,
          });
        }
      });
    }
  }

  it('keeps the resolution given when resolving', () => {
    const result = transitionIncident('on_scene', { type: 'resolve', resolution: 'transferred_to_case' });
    expect(result).toEqual({ ok: true, value: { status: 'resolved', resolution: 'transferred_to_case' } });
  });

  it('requires a known resolution when resolving', () => {
    const event = { type: 'resolve', resolution: 'fixed' } as unknown as IncidentEvent;
    const result = transitionIncident('on_scene', event);
    expect(!result.ok && result.error.code).toBe('VALIDATION_FAILED');
    expect(!result.ok && result.error.details).toMatchObject({ field: 'resolution' });
  });

  it('marks a cancelled incident with the cancelled resolution', () => {
    expect(transitionIncident('en_route', { type: 'cancel' })).toEqual({
      ok: true,
      value: { status: 'cancelled', resolution: 'cancelled' },
    });
  });

  it('treats exactly the four pre-resolution statuses as open', () => {
    expect(INCIDENT_STATUSES.filter(isIncidentOpen)).toEqual([
      'received',
      'dispatched',
      'en_route',
      'on_scene',
    ]);
  });
});

describe('deriveIncidentStatus', () => {
  const derive = (status: IncidentStatus, statuses: AssignmentStatus[]) =>
    deriveIncidentStatus(
      { status },
      statuses.map((s) => ({ status: s })),
    );

  it('follows the most advanced unit', () => {
    expect(derive('received', [])).toBe('received');
    expect(derive('received', ['assigned'])).toBe('dispatched');
    expect(derive('received', ['accepted', 'assigned'])).toBe('dispatched');
    expect(derive('dispatched', ['assigned', 'en_route'])).toBe('en_route');
    expect(derive('en_route', ['en_route', 'on_scene', 'assigned'])).toBe('on_scene');
    expect(derive('dispatched', ['cleared'])).toBe('on_scene');
  });

  it('never goes backwards', () => {
    expect(derive('on_scene', ['assigned'])).toBe('on_scene');
    expect(derive('en_route', ['cancelled'])).toBe('en_route');
    expect(derive('dispatched', ['cancelled', 'cancelled'])).toBe('dispatched');
  });

  it('ignores cancelled assignments when moving forward', () => {
    expect(derive('received', ['cancelled'])).toBe('received');
  });

  it('leaves resolved and terminal incidents alone', () => {
    for (const status of ['resolved', 'closed', 'cancelled'] as const) {
      expect(derive(status, ['on_scene', 'en_route'])).toBe(status);
    }
  });
});

describe('deriveIncidentStatus with checkpoint units', () => {
  it('a checkpoint unit at its road block leaves the incident dispatched, a scene unit moves it on', () => {
    const checkpoint = { status: 'on_scene' as const, role: 'checkpoint' as const };
    expect(deriveIncidentStatus({ status: 'dispatched' }, [checkpoint])).toBe('dispatched');
    expect(deriveIncidentStatus({ status: 'received' }, [checkpoint])).toBe('dispatched');
    expect(
      deriveIncidentStatus({ status: 'dispatched' }, [checkpoint, { status: 'en_route', role: 'primary' }]),
    ).toBe('en_route');
  });
});
