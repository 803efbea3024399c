import { DEFAULT_CLOCK_TARGETS } from '@dispatch/domain';
import { describe, expect, it } from 'vitest';
import { makeIncident, makeUnit, T0 } from '../test/fixtures.js';
import { liveKpi } from './live-kpi.js';

describe('liveKpi', () => {
  it('counts open incidents as the server does: a resolved one awaiting close is on the board, not open', () => {
    const incidents = [
      makeIncident({ id: 'a', status: 'received' }),
      makeIncident({ id: 'b', status: 'on_scene' }),
      makeIncident({ id: 'c', status: 'resolved' }),
      makeIncident({ id: 'd', status: 'closed' }),
    ];
    const units = [
      makeUnit({ id: 'u1', status: 'available' }),
      makeUnit({ id: 'u2', status: 'returning' }),
      makeUnit({ id: 'u3', status: 'en_route' }),
      makeUnit({ id: 'u4', status: 'off_duty' }),
    ];
    expect(liveKpi(incidents, units, T0, DEFAULT_CLOCK_TARGETS)).toMatchObject({
      openIncidents: 2,
      unitsFree: 2,
      unitsBusy: 1,
    });
  });
});
