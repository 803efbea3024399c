import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridDto, IncidentDto, UnitDto } from '@dispatch/contracts';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

const ON_DUTY = ['available', 'assigned', 'en_route', 'on_scene', 'returning'];
const COVERING = ['patrol_car', 'motorcycle', 'foot_patrol', 'post'];

const square = (lng: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + size, lat],
      [lng + size, lat + size],
      [lng, lat + size],
      [lng, lat],
    ],
  ],
});

describe(`grids (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  const gridEvents: GridDto[] = [];

  beforeAll(async () => {
    h = await createHarness();
    h.app.services.bus.subscribe((e) => {
      if (e.name === 'grid:updated') gridEvents.push(e.payload as GridDto);
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const listGrids = async () => {
    const res = await h.call('supervisor', { method: 'GET', url: '/api/grids' });
    expect(res.statusCode).toBe(200);
    return res.json<GridDto[]>();
  };

  it('lists every grid with its staffing against the minimum, counted from the units', async () => {
    const grids = await listGrids();
    expect(grids).toHaveLength(30);
    const units = await h.db.prisma.unit.findMany();
    for (const grid of grids) {
      const here = units.filter((u) => u.currentGridId === grid.id && ON_DUTY.includes(u.status));
      const present: Record<string, number> = {};
      for (const u of here) present[u.kind] = (present[u.kind] ?? 0) + 1;
      const shortfall: Record<string, number> = {};
      for (const [kind, min] of Object.entries(grid.minStaffing)) {
        if (min > (present[kind] ?? 0)) shortfall[kind] = min - (present[kind] ?? 0);
      }
      const covered = here.some(
        (u) => COVERING.includes(u.kind) && (u.status === 'available' || u.status === 'returning'),
      );
      const status = !covered ? 'uncovered' : Object.keys(shortfall).length ? 'understaffed' : 'ok';
      expect(grid.staffing, grid.code).toMatchObject({ present, shortfall, status });
    }
    // The seeded city staffs most grids: the figures are not all empty.
    expect(grids.filter((g) => g.staffing.status === 'ok').length).toBeGreaterThan(0);
  });

  it('moves a unit between grids (supervisor), updating staffing on both and auditing it', async () => {
    const unit = await h.db.prisma.unit.findFirstOrThrow({
      where: { status: 'available', kind: 'patrol_car', currentGridId: { not: null } },
    });
    const from = unit.currentGridId!;
    const to = (await h.db.prisma.grid.findFirstOrThrow({ where: { id: { not: from } } })).id;
    const before = new Map((await listGrids()).map((g) => [g.id, g]));
    gridEvents.length = 0;
    const res = await h.call('supervisor', {
      method: 'POST',
      url: `/api/units/${unit.id}/grid`,
      payload: { gridId: to, version: unit.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UnitDto>()).toMatchObject({
      currentGridId: to,
      homeGridId: unit.homeGridId,
      version: unit.version + 1,
    });
    const after = new Map((await listGrids()).map((g) => [g.id, g]));
    const count = (m: Map<string, GridDto>, id: string) => m.get(id)!.staffing.present.patrol_car ?? 0;
    expect(count(after, from)).toBe(count(before, from) - 1);
    expect(count(after, to)).toBe(count(before, to) + 1);
    expect(gridEvents.map((g) => g.id).sort()).toEqual([from, to].sort());
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: unit.id, action: 'unit.move_grid' },
    });
    expect(audit).toMatchObject({ actorName: 'supervisor', before: { gridId: from }, after: { gridId: to } });

    // A move based on a stale version, or to a grid that does not exist, changes nothing.
    errorOf(
      await h.call('supervisor', {
        method: 'POST',
        url: `/api/units/${unit.id}/grid`,
        payload: { gridId: from, version: unit.version },
      }),
      409,
      'CONFLICT',
    );
    errorOf(
      await h.call('admin', {
        method: 'POST',
        url: `/api/units/${unit.id}/grid`,
        payload: { gridId: '00000000-0000-4000-8000-000000000000' },
      }),
      404,
      'NOT_FOUND',
      'body.gridId',
    );
    expect((await h.db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).currentGridId).toBe(to);
  });

  it('edits a grid minimum with optimistic locking', async () => {
    const [grid] = await listGrids();
    const res = await h.call('supervisor', {
      method: 'PATCH',
      url: `/api/grids/${grid!.id}`,
      payload: { minStaffing: { patrol_car: 9, drone: 0 }, version: grid!.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<GridDto>();
    expect(edited.minStaffing).toEqual({ patrol_car: 9, drone: 0 });
    expect(edited.staffing.shortfall.patrol_car).toBe(9 - (edited.staffing.present.patrol_car ?? 0));
    expect(edited.version).toBe(grid!.version + 1);
    const stale = await h.call('supervisor', {
      method: 'PATCH',
      url: `/api/grids/${grid!.id}`,
      payload: { name: 'x', version: grid!.version },
    });
    errorOf(stale, 409, 'CONFLICT');
    expect((await h.db.prisma.grid.findUniqueOrThrow({ where: { id: grid!.id } })).name).toBe(grid!.name);
  });

  it('imports grids from GeoJSON: new codes created, known codes updated, new cells located', async () => {
    const known = (await listGrids())[1]!;
    const res = await h.call('admin', {
      method: 'POST',
      url: '/api/grids/import',
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'ISL-1', name: '岛一', minStaffing: { patrol_car: 1 }, station: '海岛所' },
            geometry: square(10, 10),
          },
          { type: 'Feature', properties: { code: 'ISL-2' }, geometry: square(10.02, 10) },
          { type: 'Feature', properties: { code: known.code, name: '改名' }, geometry: known.polygon },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 1, rejected: [] });
    const grids = await listGrids();
    expect(grids).toHaveLength(32);
    const isl1 = grids.find((g) => g.code === 'ISL-1')!;
    expect(isl1).toMatchObject({ name: '岛一', stationName: '海岛所', minStaffing: { patrol_car: 1 } });
    expect(isl1.staffing.status).toBe('uncovered');
    expect(grids.find((g) => g.code === 'ISL-2')!.name).toBe('ISL-2');
    expect(grids.find((g) => g.id === known.id)!.name).toBe('改名');
    // The grid index is reloaded: an incident inside the new cell belongs to it.
    const created = await h.call('dispatcher', {
      method: 'POST',
      url: '/api/incidents',
      payload: { type: 'theft', priority: 3, location: { lng: 10.005, lat: 10.005 }, autoDispatch: false },
    });
    expect(created.json<IncidentDto>().gridId).toBe(isl1.id);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'grid.import' } })).toBe(1);
  });
});
