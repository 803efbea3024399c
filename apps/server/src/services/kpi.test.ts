import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDto, IncidentDto } from '@dispatch/contracts';
import { createHarness, unitLogins, type Harness } from '../test/app-harness.js';

describe(`today's KPI (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let logins: Map<string, string>;
  let here: { lng: number; lat: number };

  beforeAll(async () => {
    h = await createHarness();
    logins = await unitLogins(h.db);
    const me = await h.login('unit001');
    const unit = await h.db.prisma.unit.findUniqueOrThrow({ where: { id: me.unitId! } });
    here = { lng: unit.lastLng!, lat: unit.lastLat! };
  });
  afterAll(async () => {
    await h?.close();
  });

  const create = async () => {
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, autoDispatch: false, location: here },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IncidentDto>();
  };
  const dispatch = async (incident: IncidentDto) => {
    const res = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { auto: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ assignments: AssignmentDto[] }>().assignments[0]!;
  };
  const act = async (a: AssignmentDto, action: string) => {
    const res = await h.call(logins.get(a.unitId)!, {
      method: 'POST',
      url: `/api/assignments/${a.id}/actions`,
      payload: { action },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('judges the on-scene shares as the 1-3-5 clocks do: a call ended early without arrival owed none', async () => {
    const endedEarly = await create();
    const arrived = await create();
    const waiting = await create();
    h.clock.advance(10_000);
    await dispatch(endedEarly);
    const a = await dispatch(arrived);
    await dispatch(waiting);
    h.clock.advance(50_000);
    // Handled without anybody on scene a minute into the call (a unit's radio report, say).
    const resolved = await h.call('dispatcher', {
      method: 'POST',
      url: `/api/incidents/${endedEarly.id}/resolve`,
      payload: { resolution: 'transferred_to_case' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    await act(a, 'en_route');
    h.clock.advance(60_000);
    await act(a, 'on_scene');
    h.clock.advance(120_000); // 4 minutes after the calls

    const kpi = (await h.call('dispatcher', { method: 'GET', url: '/api/kpi/today' })).json<{
      shareOnSceneWithin3: number | null;
      shareOnSceneWithin5: number | null;
    }>();
    // Within 3 min: one met, one still waiting past 3 min (missed); the early-ended call not counted.
    expect(kpi.shareOnSceneWithin3).toBe(0.5);
    // Within 5 min: the waiting call still has a minute to go: not counted yet.
    expect(kpi.shareOnSceneWithin5).toBe(1);
  });
});
