import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  incidentEventOnClear,
  incidentProgress,
  milestoneEventForIncident,
  releasesOnIncidentEnd,
} from './incident-progress.js';
import { initialMilestones } from './milestones.js';
import { ASSIGNMENT_STATUSES, INCIDENT_STATUSES } from './model.js';
import { evaluateResponseClocks } from './response-clocks.js';

const T0 = Date.UTC(2026, 11, 7, 2, 0, 0);

describe('incidentProgress', () => {
  const incident = (requiredUnits: number) => ({
    status: 'dispatched' as const,
    requiredUnits,
    milestones: { ...initialMilestones(T0), firstDispatchedAt: T0 + 10_000 },
    reinforcedAt: null,
  });

  it('sets reinforcedAt at the second distinct unit on scene, checkpoints not counted', () => {
    const assignments = [
      { unitId: 'u1', status: 'on_scene' as const, onSceneAt: T0 + 100_000 },
      { unitId: 'cp', status: 'on_scene' as const, role: 'checkpoint' as const, onSceneAt: T0 + 120_000 },
      { unitId: 'u2', status: 'on_scene' as const, onSceneAt: T0 + 200_000 },
      { unitId: 'u3', status: 'en_route' as const, onSceneAt: null },
    ];
    const p = incidentProgress(incident(3), assignments, ['assignment_on_scene'], T0 + 200_000);
    expect(p.status).toBe('on_scene');
    expect(p.reinforcedAt).toBe(T0 + 200_000);
    expect(p.milestones.firstOnSceneAt).toBe(T0 + 200_000);
    // The wall's reinforcement clock stops at the same instant.
    const clocks = evaluateResponseClocks(
      { milestones: p.milestones, requiredUnits: 3, assignments },
      T0 + 999_000,
    );
    expect(clocks.reinforcement.stoppedAt).toBe(p.reinforcedAt);
    expect(incidentProgress(incident(1), assignments, [], T0).reinforcedAt).toBeNull();
  });

  it('never moves a reinforcedAt already stored', () => {
    const stored = { ...incident(2), reinforcedAt: T0 + 50_000 };
    const p = incidentProgress(
      stored,
      [
        { unitId: 'a', status: 'on_scene', onSceneAt: T0 + 10_000 },
        { unitId: 'b', status: 'on_scene', onSceneAt: T0 + 20_000 },
      ],
      [],
      T0,
    );
    expect(p.reinforcedAt).toBe(T0 + 50_000);
  });
});

describe('releasesOnIncidentEnd', () => {
  const assignments = ASSIGNMENT_STATUSES.map((status, i) => ({ id: `a${i}`, unitId: `u${i}`, status }));

  it('cancels the units not yet on scene and clears the others when a call is cancelled', () => {
    expect(releasesOnIncidentEnd('cancel', assignments)).toEqual([
      { assignmentId: 'a0', unitId: 'u0', from: 'assigned', to: 'cancelled', unitStatus: 'available' },
      { assignmentId: 'a1', unitId: 'u1', from: 'accepted', to: 'cancelled', unitStatus: 'available' },
      { assignmentId: 'a2', unitId: 'u2', from: 'en_route', to: 'cancelled', unitStatus: 'returning' },
      { assignmentId: 'a3', unitId: 'u3', from: 'on_scene', to: 'cleared', unitStatus: 'returning' },
    ]);
  });

  it('releases the units of a resolved incident by the same rule as a cancelled one', () => {
    expect(releasesOnIncidentEnd('resolve', assignments)).toEqual(
      releasesOnIncidentEnd('cancel', assignments),
    );
  });

  it('clears every active unit on close and releases nothing on other events', () => {
    expect(releasesOnIncidentEnd('close', assignments).map((r) => r.to)).toEqual([
      'cleared',
      'cleared',
      'cleared',
      'cleared',
    ]);
    expect(releasesOnIncidentEnd('dispatch', assignments)).toEqual([]);
  });
});

describe('incidentEventOnClear', () => {
  it('resolves exactly the incidents a resolve may move', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INCIDENT_STATUSES), (status) => {
        const event = incidentEventOnClear(status, 'resolved_on_scene');
        const resolvable = ['dispatched', 'en_route', 'on_scene'].includes(status);
        expect(event).toEqual(resolvable ? { type: 'resolve', resolution: 'resolved_on_scene' } : null);
        expect(incidentEventOnClear(status, undefined)).toBeNull();
      }),
    );
  });

  it('names the milestone of each ending event', () => {
    expect(milestoneEventForIncident('resolve')).toBe('incident_resolved');
    expect(milestoneEventForIncident('close')).toBe('incident_closed');
    expect(milestoneEventForIncident('cancel')).toBe('incident_cancelled');
    expect(milestoneEventForIncident('dispatch')).toBeNull();
  });
});
