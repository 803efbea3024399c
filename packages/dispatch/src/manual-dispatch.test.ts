import { describe, expect, it } from 'vitest';
import { manualDispatchRoles } from './manual-dispatch.js';

describe('manualDispatchRoles', () => {
  it('makes the first unit primary on an incident nobody is on yet, the rest backup', () => {
    expect(manualDispatchRoles(3, { incidentHasActiveUnits: false })).toEqual([
      'primary',
      'backup',
      'backup',
    ]);
  });

  it('sends only backup to an incident that already has units', () => {
    expect(manualDispatchRoles(2, { incidentHasActiveUnits: true })).toEqual(['backup', 'backup']);
  });

  it('applies a requested role to every unit', () => {
    expect(manualDispatchRoles(2, { requestedRole: 'support', incidentHasActiveUnits: false })).toEqual([
      'support',
      'support',
    ]);
  });
});
