import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventDto, IncidentDto } from '@dispatch/contracts';
import { createHarness, type Harness } from '../test/app-harness.js';

describe(`audit trail (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let incident: IncidentDto;
  let unitId: string;
  const times: number[] = [];

  beforeAll(async () => {
    h = await createHarness();
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car' },
    });
    unitId = unit.id;
    // Three actors, a minute apart: dispatcher creates, dispatcher2 dispatches, supervisor moves.
    h.clock.advance(60_000);
    times.push(h.clock.ms);
    incident = (
      await h.call('dispatcher', {
        method: 'POST',
        url: '/api/incidents',
        payload: { type: 'theft', priority: 3, location: { lng: unit.lastLng, lat: unit.lastLat } },
      })
    ).json<IncidentDto>();
    times.push(h.clock.advance(60_000));
    await h.call('dispatcher2', {
      method: 'POST',
      url: `/api/incidents/${incident.id}/dispatch`,
      payload: { unitIds: [unitId] },
    });
    times.push(h.clock.advance(60_000));
    const other = await h.db.prisma.grid.findFirstOrThrow({ where: { id: { not: unit.currentGridId! } } });
    await h.call('supervisor', {
      method: 'POST',
      url: `/api/units/${unitId}/grid`,
      payload: { gridId: other.id },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const query = async (qs: string) => {
    const res = await h.call('leader', { method: 'GET', url: `/api/audit?${qs}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AuditEventDto[]>();
  };

  it('finds the history of one entity, newest first', async () => {
    const events = await query(`entityType=incident&entityId=${incident.id}`);
    expect(events.map((e) => e.action)).toEqual(['incident.dispatch', 'incident.create']);
    expect(events.map((e) => e.actorName)).toEqual(['dispatcher2', 'dispatcher']);
    expect(events[1]).toMatchObject({
      entityType: 'incident',
      at: new Date(times[0]!).toISOString(),
      before: null,
    });
    expect((events[1]!.after as IncidentDto).id).toBe(incident.id);
    const unitEvents = await query(`entityId=${unitId}`);
    expect(unitEvents.map((e) => e.action)).toEqual(['unit.move_grid', 'unit.status']);
  });

  it('finds what one actor did', async () => {
    const { userId } = await h.login('dispatcher2');
    const events = await query(`actorId=${userId}`);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.actorId === userId && e.actorName === 'dispatcher2')).toBe(true);
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(['incident.dispatch', 'assignment.create', 'unit.status']),
    );
  });

  it('finds what happened in a time window (from inclusive, to exclusive)', async () => {
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const second = await query(`from=${iso(times[1]!)}&to=${iso(times[2]!)}`);
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((e) => e.at === new Date(times[1]!).toISOString())).toBe(true);
    expect(second.map((e) => e.actorName)).not.toContain('dispatcher');
    const first = await query(`from=${iso(times[0]!)}&to=${iso(times[1]!)}`);
    expect(first.map((e) => e.action)).toEqual(['incident.create']);
    expect(await query(`from=${iso(times[2]! + 1)}`)).toEqual([]);
    expect(await query(`limit=1`)).toHaveLength(1);
  });
});
