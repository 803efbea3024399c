import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeocodeSearchDto, ReverseGeocodeDto, StandardAddressImportDto } from '@dispatch/contracts';
import { intersectionEntries, normalizeText } from '@dispatch/gazetteer';
import { createHarness, errorOf, type Harness } from '../test/app-harness.js';

describe(`geocoding routes (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  let h: Harness;
  let station: { name: string; lng: number; lat: number };

  beforeAll(async () => {
    h = await createHarness();
    station = await h.db.prisma.gazetteerPlace.findFirstOrThrow({
      where: { source: 'demo', keyPlace: 'station' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const search = async (q: string, extra = '') => {
    const res = await h.call('dispatcher', {
      method: 'GET',
      url: `/api/geocode/search?q=${encodeURIComponent(q)}${extra}`,
    });
    expect(res.statusCode).toBe(200);
    return res.json<GeocodeSearchDto>().hits;
  };

  it('finds a demo place from part of its name, as the call-taker types', async () => {
    const part = station.name.slice(0, 2);
    const hits = await search(part, `&near=${station.lng},${station.lat}`);
    expect(hits[0]).toMatchObject({ name: station.name, kind: 'place', keyPlace: 'station' });
    expect(hits[0]?.distanceMeters).toBe(0);
  });

  it('finds a junction written as 「A路B路口」 and posts by name', async () => {
    const junction = intersectionEntries(h.app.services.roads.network!)[0]!;
    const [a, b] = junction.name.replace(/交叉口$/, '').split('与') as [string, string];
    const hits = await search(`${a}${b}口`);
    const hit = hits.find((x) => x.kind === 'intersection');
    expect(hit).toBeDefined();
    expect(normalizeText(hit!.name)).toContain(normalizeText(a));
    const post = await h.db.prisma.post.findFirstOrThrow();
    expect((await search(post.name)).some((x) => x.name === post.name && x.kind === 'place')).toBe(true);
  });

  it('names the road and the place near a point', async () => {
    const res = await h.call('unit001', {
      method: 'GET',
      url: `/api/geocode/reverse?lng=${station.lng + 0.0003}&lat=${station.lat}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<ReverseGeocodeDto>();
    expect(body.road?.name).toBeTruthy();
    expect(body.near?.name).toBe(station.name);
    expect(body.text?.zh).toContain(`近${station.name}`);
    expect(body.text?.en).toMatch(/near .* \(\d+ m\)$/);
  });

  it('answers bad queries with 400 naming the field', async () => {
    const bad = async (url: string, field: string) =>
      errorOf(await h.call('dispatcher', { method: 'GET', url }), 400, 'VALIDATION_FAILED', field);
    await bad('/api/geocode/search?q=', 'querystring.q');
    await bad('/api/geocode/search?q=a&near=200,1', 'querystring.near');
    await bad('/api/geocode/search?q=a&near=Infinity,1', 'querystring.near');
    await bad('/api/geocode/search?q=a&limit=Infinity', 'querystring.limit');
    await bad('/api/geocode/reverse?lng=1', 'querystring.lat');
    expect((await h.call(null, { method: 'GET', url: '/api/geocode/search?q=a' })).statusCode).toBe(401);
  });

  describe('standard addresses', () => {
    const csv = (rows: string[]) => ['code,name,address,aliases,lng,lat,key_place', ...rows].join('\n');
    const post = (body: string, query = '', user = 'admin') =>
      h.call(user, {
        method: 'POST',
        url: `/api/geocode/standard-addresses${query}`,
        payload: { csv: body },
      });
    const rows = () => [
      `SA-1,城站派出所东侧小区,解放路1号,东侧小区;城东小区,${station.lng + 0.001},${station.lat},`,
      `SA-2,实验小学,人民路5号,,${station.lng - 0.001},${station.lat},school`,
      `SA-3,没有经度,,,abc,${station.lat},`,
      `SA-4,在城外,,,${station.lng + 1},${station.lat},`,
    ];

    it('reports every bad row and writes nothing under --strict or a dry run', async () => {
      const before = await h.digest();
      for (const query of ['?strict=true', '?dryRun=true']) {
        const res = await post(csv(rows()), query);
        expect(res.statusCode).toBe(200);
        const report = res.json<StandardAddressImportDto>();
        expect(report).toMatchObject({ parsed: 4, valid: 2, written: false });
        expect(report.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
          [4, 'lng', 'not_a_number'],
          [5, null, 'out_of_range'],
        ]);
      }
      expect(await h.digest()).toEqual(before);
    });

    it('imports the good rows, makes them searchable at once, and adds nothing twice', async () => {
      const first = (await post(csv(rows()))).json<StandardAddressImportDto>();
      expect(first).toMatchObject({ created: 2, updated: 0, written: true });
      expect((await search('城东小区'))[0]).toMatchObject({
        name: '城站派出所东侧小区',
        kind: 'standard_address',
        matched: '城东小区',
      });
      expect((await search('实验小学'))[0]).toMatchObject({ keyPlace: 'school' });
      const again = (await post(csv(rows()))).json<StandardAddressImportDto>();
      expect(again).toMatchObject({ created: 0, updated: 2 });
      expect(await h.db.prisma.gazetteerPlace.count({ where: { source: 'standard' } })).toBe(2);
      const audit = await h.db.prisma.auditEvent.findMany({
        where: { action: 'gazetteer.standard_addresses' },
      });
      expect(audit).toHaveLength(2);
    });

    it('with replace removes the addresses missing from the file', async () => {
      const res = await post(csv([rows()[1]!]), '?replace=true');
      expect(res.json<StandardAddressImportDto>()).toMatchObject({ updated: 1, removed: 1 });
      expect(await search('城东小区')).not.toContainEqual(
        expect.objectContaining({ kind: 'standard_address' }),
      );
    });

    it('is for admins only, and a body without csv is a 400', async () => {
      expect((await post(csv(rows()), '', 'dispatcher')).statusCode).toBe(403);
      const res = await h.call('admin', {
        method: 'POST',
        url: '/api/geocode/standard-addresses',
        payload: { file: 'x' },
      });
      errorOf(res, 400, 'VALIDATION_FAILED');
    });

    it('another node picks up addresses imported elsewhere on its next poll', async () => {
      const other = await h.secondNode();
      await post(csv([rows()[0]!]));
      expect(other.services.gazetteer.search('城东小区', null, 5)).toHaveLength(0);
      // The first node rebuilt on its own write; the other sees the fingerprint move.
      expect(await other.services.gazetteer.refreshIfChanged()).toBe(true);
      expect(other.services.gazetteer.search('城东小区', null, 5)[0]?.kind).toBe('standard_address');
      expect(await other.services.gazetteer.refreshIfChanged()).toBe(false);
    });
  });
});
