import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMilestones,
  attendsScene,
  initialMilestones,
  milestoneEventForAssignment,
  type IncidentMilestones,
  type MilestoneEvent,
} from './milestones.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const EVENTS: MilestoneEvent[] = [
  'assignment_created',
  'assignment_en_route',
  'assignment_on_scene',
  'incident_resolved',
  'incident_closed',
  'incident_cancelled',
];

describe('applyMilestones', () => {
  it('sets each milestone from its event', () => {
    let m = initialMilestones(T0);
    m = applyMilestones(m, 'assignment_created', T0 + 40_000);
    m = applyMilestones(m, 'assignment_en_route', T0 + 55_000);
    m = applyMilestones(m, 'assignment_on_scene', T0 + 170_000);
    m = applyMilestones(m, 'incident_resolved', T0 + 900_000);
    m = applyMilestones(m, 'incident_closed', T0 + 1_000_000);
    expect(m).toEqual({
      receivedAt: T0,
      firstDispatchedAt: T0 + 40_000,
      firstEnRouteAt: T0 + 55_000,
      firstOnSceneAt: T0 + 170_000,
      resolvedAt: T0 + 900_000,
      closedAt: T0 + 1_000_000,
    });
  });

  it('never overwrites a milestone and returns the same object when nothing changes', () => {
    const m = applyMilestones(initialMilestones(T0), 'assignment_created', T0 + 10_000);
    const again = applyMilestones(m, 'assignment_created', T0 + 20_000);
    expect(again).toBe(m);
    expect(again.firstDispatchedAt).toBe(T0 + 10_000);
  });

  it('fills earlier steps implied by a later one', () => {
    const m = applyMilestones(initialMilestones(T0), 'assignment_on_scene', T0 + 5_000);
    expect(m.firstDispatchedAt).toBe(T0 + 5_000);
    expect(m.firstEnRouteAt).toBe(T0 + 5_000);
    expect(m.firstOnSceneAt).toBe(T0 + 5_000);
    expect(m.resolvedAt).toBeNull();
  });

  it('records a cancellation as the close time', () => {
    expect(applyMilestones(initialMilestones(T0), 'incident_cancelled', T0 + 1).closedAt).toBe(T0 + 1);
  });

  it('does not mutate its input', () => {
    const m = initialMilestones(T0);
    applyMilestones(m, 'assignment_created', T0 + 1);
    expect(m.firstDispatchedAt).toBeNull();
  });

  it('keeps, for any event sequence, the first time each milestone was reached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...EVENTS), fc.integer({ min: 0, max: 3_600_000 })), {
          maxLength: 30,
        }),
        (steps) => {
          let m: IncidentMilestones = initialMilestones(T0);
          const firstSeen = new Map<string, number>();
          for (const [event, offset] of steps) {
            m = applyMilestones(m, event, T0 + offset);
            if (!firstSeen.has(event)) firstSeen.set(event, T0 + offset);
          }
          const first = (e: MilestoneEvent) => firstSeen.get(e) ?? null;
          const firstOf = (...es: MilestoneEvent[]) => {
            // Sequence order decides, not the timestamp: the earliest *event* in the list wins.
            const idx = steps.findIndex(([e]) => es.includes(e));
            return idx < 0 ? null : T0 + (steps[idx] as [MilestoneEvent, number])[1];
          };
          expect(m.firstOnSceneAt).toBe(first('assignment_on_scene'));
          expect(m.firstEnRouteAt).toBe(firstOf('assignment_en_route', 'assignment_on_scene'));
          expect(m.firstDispatchedAt).toBe(
            firstOf('assignment_created', 'assignment_en_route', 'assignment_on_scene'),
          );
          expect(m.resolvedAt).toBe(first('incident_resolved'));
          expect(m.closedAt).toBe(firstOf('incident_closed', 'incident_cancelled'));
          expect(m.receivedAt).toBe(T0);
        },
      ),
    );
  });
});

describe('milestoneEventForAssignment', () => {
  it('maps the assignment steps that start milestones', () => {
    expect(milestoneEventForAssignment('assigned')).toBe('assignment_created');
    expect(milestoneEventForAssignment('en_route')).toBe('assignment_en_route');
    expect(milestoneEventForAssignment('on_scene')).toBe('assignment_on_scene');
    expect(milestoneEventForAssignment('accepted')).toBeNull();
    expect(milestoneEventForAssignment('cleared')).toBeNull();
    expect(milestoneEventForAssignment('cancelled')).toBeNull();
  });
});

describe('checkpoint assignments', () => {
  it('count as a dispatch but never as an arrival on scene', () => {
    expect(attendsScene({ role: 'checkpoint' })).toBe(false);
    expect(attendsScene({ role: 'backup' })).toBe(true);
    expect(milestoneEventForAssignment('assigned', 'checkpoint')).toBe('assignment_created');
    expect(milestoneEventForAssignment('en_route', 'checkpoint')).toBeNull();
    expect(milestoneEventForAssignment('on_scene', 'checkpoint')).toBeNull();
    expect(milestoneEventForAssignment('on_scene', 'primary')).toBe('assignment_on_scene');
  });
});
