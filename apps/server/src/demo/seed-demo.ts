/**
 * Seeds the generated demo city into an empty database: stations, grids, posts, units at their
 * start positions, the road network, the river (map layer) and one demo user per role plus one
 * terminal login per unit. Runs only in demo mode and only when no grid exists yet, so it never
 * touches a real centre's data.
 */
import { hash } from '@node-rs/argon2';
import {
  demoRecordId,
  generateDemoCity,
  postRangeMeters,
  unitsInLoginOrder,
  unitUsername,
  type DemoCity,
  type DemoCityOptions,
} from '@dispatch/demo-city';
import type { Role } from '@dispatch/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { storeBasemap } from '../services/basemap-service.js';
import { demoBasemap } from './demo-basemap.js';

export interface DemoCredential {
  username: string;
  password: string;
  role: Role;
  displayName: string;
}

/** Printed at start-up; the same in the README. Passwords are for the demo only. */
export const DEMO_STAFF: readonly DemoCredential[] = [
  { username: 'admin', password: 'admin123', role: 'admin', displayName: '系统管理员' },
  { username: 'dispatcher', password: 'dispatcher123', role: 'dispatcher', displayName: '接警调度员 1' },
  { username: 'dispatcher2', password: 'dispatcher123', role: 'dispatcher', displayName: '接警调度员 2' },
  { username: 'leader', password: 'leader123', role: 'shift_leader', displayName: '值班长' },
  { username: 'supervisor', password: 'supervisor123', role: 'supervisor', displayName: '勤务督导' },
];
export const DEMO_UNIT_PASSWORD = 'unit123';

export interface SeedSummary {
  seeded: boolean;
  grids: number;
  posts: number;
  units: number;
  unitUsers: number;
  roadFeatures: number;
}

export async function seedDemo(
  prisma: PrismaClient,
  options: DemoCityOptions = {},
  now = new Date(),
): Promise<SeedSummary> {
  if ((await prisma.grid.count()) > 0) {
    return { seeded: false, grids: 0, posts: 0, units: 0, unitUsers: 0, roadFeatures: 0 };
  }
  const city = generateDemoCity(options);
  return seedCity(prisma, city, { roads: `demo city (seed ${city.options.seed})` }, now);
}

/** A city to seed: the demo city, or a deployment on imported roads (no river, roads stored already). */
export type SeedableCity = Omit<DemoCity, 'river'> & { river: DemoCity['river'] | null };

/**
 * Seeds a city's stations, grids, posts, units with their users, demo staff and named places,
 * in one transaction. `roads`: the name to store the city's road network under, or null when
 * the roads were imported already (a real city).
 */
export async function seedCity(
  prisma: PrismaClient,
  city: SeedableCity,
  options: { roads: string | null },
  now = new Date(),
): Promise<SeedSummary> {
  // One hash per distinct password (argon2 is deliberately slow); each hash carries its own salt.
  const passwords = [...new Set([...DEMO_STAFF.map((s) => s.password), DEMO_UNIT_PASSWORD])];
  const hashes = new Map(await Promise.all(passwords.map(async (p) => [p, await hash(p)] as const)));
  const hashOf = (password: string) => hashes.get(password) as string;

  return prisma.$transaction(
    async (tx) => {
      const stationIds = await insertStations(tx, city);
      const gridIds = await insertGrids(tx, city, stationIds);
      const postIds = await insertPosts(tx, city, gridIds);
      // Login order (unit001 crews the first available patrol car), shared with the simulator.
      const units = unitsInLoginOrder(city.units);
      const unitRows = units.map((unit) => ({
        id: demoRecordId(city.options.seed, 'unit', unit.callSign),
        callSign: unit.callSign,
        kind: unit.kind,
        status: unit.status,
        homeGridId: gridIds.get(unit.homeGridCode) ?? null,
        currentGridId: gridIds.get(unit.homeGridCode) ?? null,
        postId: unit.postCode ? (postIds.get(unit.postCode) ?? null) : null,
        capabilities: unit.capabilities,
        lastLng: unit.lngLat[0],
        lastLat: unit.lngLat[1],
        lastPositionAt: now,
      }));
      await tx.unit.createMany({ data: unitRows });
      await tx.user.createMany({
        data: [
          ...DEMO_STAFF.map((s) => ({
            username: s.username,
            passwordHash: hashOf(s.password),
            displayName: s.displayName,
            role: s.role,
          })),
          ...unitRows.map((unit, i) => ({
            username: unitUsername(i),
            passwordHash: hashOf(DEMO_UNIT_PASSWORD),
            displayName: unit.callSign,
            role: 'unit' as const,
            unitId: unit.id,
          })),
        ],
      });
      if (options.roads !== null)
        await tx.roadNetwork.create({
          data: {
            name: options.roads,
            geojson: city.roads as unknown as Prisma.InputJsonValue,
            nodeCount: city.roadStats.vertexCount,
          },
        });
      // The demo's named places (station, markets, hospital...) for the call-taker's search.
      await tx.gazetteerPlace.createMany({ data: demoPlaces(city) });
      if (city.river)
        await tx.setting.upsert({
          where: { key: 'map.river' },
          create: { key: 'map.river', value: city.river as unknown as Prisma.InputJsonValue },
          update: { value: city.river as unknown as Prisma.InputJsonValue },
        });
      // The generated city's basemap (river, zones, names); a real city's came with its import.
      if (city.river)
        await storeBasemap(tx, demoBasemap({ ...city, river: city.river }), options.roads ?? 'city');
      return {
        seeded: true,
        grids: city.grids.length,
        posts: city.posts.length,
        units: unitRows.length,
        unitUsers: unitRows.length,
        roadFeatures: city.roads.features.length,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Key-place class (重点部位) of a demo hot spot, as the gazetteer names them. */
const KEY_PLACE: Partial<Record<DemoCity['hotspots'][number]['kind'], string>> = {
  railway_station: 'station',
  bus_station: 'station',
  market: 'market',
  night_market: 'night_market',
  university: 'school',
  hospital: 'hospital',
};

function demoPlaces(city: SeedableCity) {
  return city.hotspots.map((h) => ({
    source: 'demo',
    sourceId: h.code,
    kind: 'place',
    name: h.name,
    aliases: [],
    lng: h.lngLat[0],
    lat: h.lngLat[1],
    category: `demo=${h.kind}`,
    keyPlace: KEY_PLACE[h.kind] ?? null,
  }));
}

/** `unit001`, `unit002`, ... in the order units are seeded. */
export { unitUsername };

async function insertStations(
  tx: Prisma.TransactionClient,
  city: SeedableCity,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const precinct of city.precincts) {
    const row = await tx.station.create({ data: { code: precinct.code, name: precinct.name } });
    ids.set(precinct.name, row.id);
  }
  return ids;
}

async function insertGrids(
  tx: Prisma.TransactionClient,
  city: SeedableCity,
  stationIds: Map<string, string>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const rows = city.grids.map((grid) => {
    // Ids from the city seed, not random: dispatch breaks ETA ties by id (see demoRecordId).
    const id = demoRecordId(city.options.seed, 'grid', grid.code);
    ids.set(grid.code, id);
    return {
      id,
      code: grid.code,
      name: grid.name,
      polygon: grid.polygon as unknown as Prisma.InputJsonValue,
      minStaffing: grid.minStaffing as Prisma.InputJsonValue,
      stationId: stationIds.get(grid.precinct) ?? null,
    };
  });
  await tx.grid.createMany({ data: rows });
  return ids;
}

async function insertPosts(
  tx: Prisma.TransactionClient,
  city: SeedableCity,
  gridIds: Map<string, string>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const rows = city.posts.map((post) => {
    const id = demoRecordId(city.options.seed, 'post', post.code);
    ids.set(post.code, id);
    return {
      id,
      code: post.code,
      name: post.name,
      kind: post.kind,
      lng: post.lngLat[0],
      lat: post.lngLat[1],
      gridId: gridIds.get(post.gridCode) ?? null,
      rangeMeters: postRangeMeters(post.kind),
    };
  });
  await tx.post.createMany({ data: rows });
  return ids;
}
