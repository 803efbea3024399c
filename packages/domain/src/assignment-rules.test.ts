import { describe, expect, it } from 'vitest';
import { checkAssignable, type AssignmentCheckInput } from './assignment-rules.js';

const base: AssignmentCheckInput = {
  incident: { id: 'i1', status: 'dispatched' },
  unit: { id: 'u1', status: 'available' },
  unitAssignments: [],
};

describe('checkAssignable', () => {
  it('accepts a free unit on an open incident', () => {
    expect(checkAssignable(base)).toEqual({ ok: true, value: undefined });
    expect(checkAssignable({ ...base, unit: { id: 'u1', status: 'returning' } }).ok).toBe(true);
  });

  it('rejects closed, cancelled and resolved incidents', () => {
    for (const status of ['resolved', 'closed', 'cancelled'] as const) {
      const r = checkAssignable({ ...base, incident: { id: 'i1', status } });
      expect(!r.ok && r.error.code).toBe('INCIDENT_CLOSED');
    }
  });

  it('rejects a unit with an active assignment and names the incident', () => {
    const r = checkAssignable({
      ...base,
      unitAssignments: [
        { incidentId: 'i0', status: 'cleared' },
        { incidentId: 'i9', status: 'en_route' },
      ],
    });
    expect(!r.ok && r.error.code).toBe('UNIT_ALREADY_ASSIGNED');
    expect(!r.ok && r.error.details).toMatchObject({ incidentId: 'i9', sameIncident: false });
  });

  it('ignores finished assignments', () => {
    const r = checkAssignable({
      ...base,
      unitAssignments: [
        { incidentId: 'i0', status: 'cleared' },
        { incidentId: 'i1', status: 'cancelled' },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('rejects units that are not dispatchable', () => {
    for (const status of ['off_duty', 'out_of_service', 'on_scene'] as const) {
      const r = checkAssignable({ ...base, unit: { id: 'u1', status } });
      expect(!r.ok && r.error.code).toBe('UNIT_NOT_AVAILABLE');
    }
  });
});
