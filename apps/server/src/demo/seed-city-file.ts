/**
 * `pnpm start --city FILE`: the demo on a real city. Into an empty database: the file's roads,
 * places and addresses (the import command's path, with its report), then grids tiling the
 * road network, posts and a fleet on its streets (`cityOnRoads`), and the demo users. A database
 * that already holds grids is left alone, so a restart keeps what was edited.
 */
import { cityOnRoads } from '@dispatch/demo-city';
import type { Database } from '../db/database.js';
import { importRoads, type ImportIo } from '../importers/run-import.js';
import { seedCity, type SeedSummary } from './seed-demo.js';

export class CityFileError extends Error {}

export async function seedCityFromFile(
  database: Database,
  file: string,
  timeZone: string,
  io: ImportIo,
): Promise<SeedSummary> {
  const { prisma } = database;
  if ((await prisma.grid.count()) > 0) {
    io.err(
      `the database already holds a city: ${file} was not imported (use a fresh DATA_DIR for another city)`,
    );
    return { seeded: false, grids: 0, posts: 0, units: 0, unitUsers: 0, roadFeatures: 0 };
  }
  const outcome = await importRoads({ file }, { database, timeZone, io });
  if (outcome.exitCode !== 0 || !outcome.network)
    throw new CityFileError(`cannot run on ${file}: its roads could not be imported (see above)`);
  const active = await prisma.roadNetwork.findFirstOrThrow({
    where: { active: true },
    orderBy: { importedAt: 'desc' },
  });
  const city = cityOnRoads(active.geojson as unknown as Parameters<typeof cityOnRoads>[0]);
  return seedCity(prisma, city, { roads: null });
}
