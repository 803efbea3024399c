import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './model.js';
import { authorize, can, PERMISSION_ACTIONS, readScope, type PermissionAction } from './permissions.js';

const allowed = (action: PermissionAction) => ROLES.filter((r) => can(r, action));

describe('can', () => {
  it('lets the control room run incidents', () => {
    for (const action of [
      'incident.create',
      'incident.dispatch',
      'incident.cancel',
      'incident.close',
    ] as const) {
      expect(allowed(action)).toEqual(['admin', 'dispatcher', 'shift_leader']);
    }
  });

  it('keeps grid and deployment changes with supervisors and admins', () => {
    expect(allowed('unit.move_grid')).toEqual(['admin', 'supervisor']);
    expect(allowed('grid.edit')).toEqual(['admin', 'supervisor']);
    expect(allowed('grid.import')).toEqual(['admin']);
  });

  it('limits reports, audit and plans', () => {
    expect(allowed('report.read')).toEqual(['admin', 'shift_leader', 'supervisor']);
    expect(allowed('audit.read')).toEqual(['admin', 'shift_leader']);
    expect(allowed('plan.edit')).toEqual(['admin', 'shift_leader']);
  });

  it('shows coverage to every staff role and lets dispatchers and supervisors order standby', () => {
    expect(allowed('coverage.read')).toEqual(['admin', 'dispatcher', 'shift_leader', 'supervisor']);
    expect(allowed('standby.order')).toEqual(['admin', 'dispatcher', 'supervisor']);
  });

  it('lets a unit act only on itself', () => {
    for (const action of ['unit.status', 'unit.position', 'assignment.update'] as const) {
      expect(can('unit', action)).toBe(false);
      expect(can('unit', action, { actorUnitId: 'u1', targetUnitId: 'u1' })).toBe(true);
      expect(can('unit', action, { actorUnitId: 'u1', targetUnitId: 'u2' })).toBe(false);
      expect(can('unit', action, { actorUnitId: '', targetUnitId: '' })).toBe(false);
      expect(can('unit', action, { actorUnitId: null, targetUnitId: null })).toBe(false);
    }
  });

  it('lets a unit resolve only an incident it is assigned to', () => {
    expect(can('unit', 'incident.resolve', { actorUnitId: 'u1' })).toBe(false);
    expect(can('unit', 'incident.resolve', { actorUnitId: 'u1', actorAssignedToIncident: true })).toBe(true);
    expect(can('unit', 'incident.dispatch', { actorUnitId: 'u1', actorAssignedToIncident: true })).toBe(
      false,
    );
  });

  it('gives the admin everything and lets every staff role read all incidents, units and routes', () => {
    for (const action of PERMISSION_ACTIONS) expect(can('admin', action)).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'unit')) {
      for (const action of ['incident.read', 'incident.read_caller', 'unit.read', 'unit.route'] as const) {
        expect(can(role, action)).toBe(true);
        expect(readScope(role, action)).toBe('all');
      }
    }
    for (const role of ROLES) expect(can(role, 'grid.read')).toBe(true);
  });

  it('lets a unit read only its own unit and route, its incidents, and callers only while assigned', () => {
    for (const action of ['unit.read', 'unit.route'] as const) {
      expect(readScope('unit', action)).toBe('own');
      expect(can('unit', action)).toBe(false);
      expect(can('unit', action, { actorUnitId: 'u1', targetUnitId: 'u1' })).toBe(true);
      expect(can('unit', action, { actorUnitId: 'u1', targetUnitId: 'u2' })).toBe(false);
    }
    expect(readScope('unit', 'incident.read')).toBe('own');
    expect(can('unit', 'incident.read', { actorUnitId: 'u1' })).toBe(false);
    expect(can('unit', 'incident.read', { actorUnitId: 'u1', actorHadIncident: true })).toBe(true);
    expect(can('unit', 'incident.read', { actorUnitId: null, actorHadIncident: true })).toBe(false);
    // A recent (cleared) assignment shows the incident, not the caller.
    expect(can('unit', 'incident.read_caller', { actorUnitId: 'u1', actorHadIncident: true })).toBe(false);
    expect(can('unit', 'incident.read_caller', { actorUnitId: 'u1', actorAssignedToIncident: true })).toBe(
      true,
    );
  });

  it('never lets a unit dispatch, edit plans or read audit logs', () => {
    const ctx = { actorUnitId: 'u1', targetUnitId: 'u1', actorAssignedToIncident: true };
    const unitRole: Role = 'unit';
    for (const action of [
      'incident.dispatch',
      'plan.edit',
      'audit.read',
      'grid.edit',
      'user.manage',
    ] as const) {
      expect(can(unitRole, action, ctx)).toBe(false);
    }
  });
});

describe('authorize', () => {
  it('returns FORBIDDEN naming role and action', () => {
    const r = authorize('dispatcher', 'grid.import');
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.any(String),
        details: { role: 'dispatcher', action: 'grid.import' },
      },
    });
    expect(authorize('admin', 'grid.import').ok).toBe(true);
  });
});
