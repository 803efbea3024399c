/**
 * Move-up on the server's path, on routing's synthetic bench city (~100k road nodes, 2,000 free
 * patrol cars, 2 km grids, stations of 2x2 grids, demand from 40 hot spots as in the coverage bench):
 * after each of `dispatches` dispatches (the nearest free car goes to a random incident), the whole
 * recommendation `MoveUpService.plan` computes: the settings and each free unit's last standby order
 * (two queries on a fresh PostgreSQL database holding a fifth of the fleet moved in the last 30
 * minutes), the cover planner's zones, site reach (built once, timed apart), free units from the
 * roster and the hour's demand, then `recommendMoveUp`. Beside it, from the same run: the same
 * `recommendMoveUp` call alone, and one `coverageTimes` of the fleet (what live coverage does every
 * second). Writing the rows is not timed (one transaction after the computation).
 *
 *   pnpm --filter @dispatch/server bench:move-up [dispatches=200]
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): the server a database is
 * created on and dropped from. Figures only: nothing here asserts a time. The load average is
 * printed: the machine is shared.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_MAX_MOVES,
  DEFAULT_MIN_MOVE_INTERVAL_SECONDS,
  DEFAULT_MOVE_UP_SHORTLIST,
  type MoveUpUnit,
} from '@dispatch/coverage';
import { DEFAULT_CLOCK_TARGETS, type LngLat } from '@dispatch/domain';
import {
  buildRoadNetwork,
  coverageTimes,
  estimatePrepared,
  prepareCandidates,
  type RoadNetwork,
} from '@dispatch/routing';
import { mulberry32, syntheticCity } from '../../../packages/routing/bench/synthetic-city.js';
import { InlinePlanning, WorkerPlanning } from '../src/planning/planning-client.js';
import { CoverPlanner } from '../src/services/cover-planner.js';
import type { ServiceContext } from '../src/services/context.js';
import { EventBus } from '../src/services/event-bus.js';
import { GridIndex } from '../src/services/grid-index.js';
import type { HotspotService } from '../src/services/hotspot-service.js';
import { MoveUpService } from '../src/services/move-up-service.js';
import { RecommendationService } from '../src/services/recommendation-service.js';
import type { RoadNetworkService } from '../src/services/road-network-service.js';
import type { StandbyService } from '../src/services/standby-service.js';
import type { RosterUnit, UnitRoster } from '../src/services/unit-roster.js';
import { createTestDatabase } from '../src/test/test-database.js';
import { summarize } from './lib/stats.js';

process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const DISPATCHES = Number(process.argv[2] ?? 200);
const WARM_UP = 10;
const GRID_METERS = 2000;
const NOW = Date.UTC(2026, 11, 7, 12);

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
};
function row(label: string, samples: number[]): void {
  const s = summarize(samples);
  const f = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  console.log(`${label.padEnd(58)} median ${f(s.median)}  p90 ${f(s.p90)}  p99 ${f(s.p99)}  n=${s.n}`);
}

console.log(`move-up service benchmark, ${new Date().toISOString()}`);
console.log(`load average at start (1 / 5 / 15 min, 2 cores shared): ${load()}`);

// The city, its grids (2 km squares, four to a station) and its demand.
const city = syntheticCity();
const network: RoadNetwork = buildRoadNetwork(city.roads);
const [minLng, minLat, maxLng, maxLat] = city.bbox;
const cols = Math.ceil(((maxLng - minLng) * 111_195 * Math.cos((39.9 * Math.PI) / 180)) / GRID_METERS);
const rows = Math.ceil(((maxLat - minLat) * 111_195) / GRID_METERS);
const dLng = (maxLng - minLng) / cols;
const dLat = (maxLat - minLat) / rows;
const gridRows: { id: string; code: string; stationId: string; polygon: unknown }[] = [];
for (let r = 0; r < rows; r++)
  for (let c = 0; c < cols; c++) {
    const [w, s] = [minLng + c * dLng, minLat + r * dLat];
    gridRows.push({
      id: randomUUID(),
      code: `G${r}-${c}`,
      stationId: `S${Math.floor(r / 2)}-${Math.floor(c / 2)}`,
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [w, s],
            [w + dLng, s],
            [w + dLng, s + dLat],
            [w, s + dLat],
            [w, s],
          ],
        ],
      },
    });
  }
const grids = new GridIndex();
await grids.load({ grid: { findMany: async () => gridRows } } as never);
const rand = mulberry32(17);
const spots = Array.from({ length: 40 }, () => ({
  at: city.randomPoint(rand),
  weight: 2 + 8 * rand(),
  sigmaMeters: 300 + 600 * rand(),
}));
const segmentDemand = new Float64Array(network.segmentCount);
for (let s = 0; s < network.segmentCount; s++) {
  const a = network.segFrom[s]!;
  let w = 0.2;
  for (const h of spots) {
    const dx = (network.vertexLng[a]! - h.at[0]) * 111_195 * Math.cos((39.9 * Math.PI) / 180);
    const dy = (network.vertexLat[a]! - h.at[1]) * 111_195;
    w += h.weight * Math.exp(-(dx * dx + dy * dy) / (2 * h.sigmaMeters * h.sigmaMeters));
  }
  segmentDemand[s] = w * network.segMeters[s]!;
}

// The fleet, as the roster holds it: cars with a home grid where they stand.
const roster = new Map<string, RosterUnit>();
city.units.forEach((lngLat, i) => {
  const grid = grids.locate(lngLat);
  roster.set(`car-${i}`, {
    id: randomUUID(),
    callSign: `巡${i}`,
    kind: 'patrol_car',
    status: 'available',
    homeGridId: grid,
    currentGridId: grid,
    capabilities: [],
    lastLng: lngLat[0],
    lastLat: lngLat[1],
    postRangeMeters: null,
    version: 1,
  });
});
const units = [...roster.values()];
console.log(
  `synthetic city: ${network.vertexCount} road nodes, ${network.segmentCount} segments; ${gridRows.length} grids of ` +
    `${GRID_METERS / 1000} km in ${new Set(gridRows.map((g) => g.stationId)).size} stations; ${units.length} free cars; ` +
    `demand by length plus ${spots.length} hot spots`,
);

// A fresh database with the standby orders plan() reads: a fifth of the fleet moved recently.
// As on the server: the searches run in the planning worker, which builds the network from GeoJSON.
const roadsText = JSON.stringify(city.roads);
const planning = new WorkerPlanning((n) => (n === network ? roadsText : null));
const inline = new InlinePlanning();
const db = await createTestDatabase();
try {
  const moved = mulberry32(23);
  await db.prisma.standbyOrder.createMany({
    data: units
      .filter(() => moved() < 0.2)
      .map((u) => ({
        unitId: u.id,
        lng: u.lastLng!,
        lat: u.lastLat!,
        reason: 'move_up',
        createdAt: new Date(NOW - Math.floor(moved() * 30) * 60_000),
        status: 'ended',
      })),
  });
  const ctx: ServiceContext = {
    prisma: db.prisma,
    bus: new EventBus(),
    now: () => NOW,
    timeZone: 'Asia/Shanghai',
  };
  const roads = { network } as unknown as RoadNetworkService;
  const recommendations = new RecommendationService(ctx, roads, {
    all: async () => roster,
  } as unknown as UnitRoster);
  const hotspots = { segmentDemand: () => segmentDemand } as unknown as HotspotService;
  const planner = new CoverPlanner(
    roads,
    grids,
    recommendations,
    async () => DEFAULT_CLOCK_TARGETS,
    hotspots,
    planning,
  );
  const moveUp = new MoveUpService(ctx, planner, grids, {} as StandbyService, { all: async () => roster });

  const [built, reachMs] = await time(() => planner.reach());
  console.log(
    `cover planner: ${built!.sites.length} standby sites, reach built in ${(reachMs / 1000).toFixed(1)} s (once per network and grids)`,
  );

  /**
   * `DISPATCHES` dispatches over the first `fleetSize` cars (the rest off duty): the nearest free
   * car goes to a random incident (the hole) and is busy while move-up is planned.
   */
  async function run(label: string, fleetSize: number): Promise<void> {
    const fleet = units.slice(0, fleetSize);
    for (const u of units.slice(fleetSize)) u.status = 'off_duty';
    const prepared = prepareCandidates(
      network,
      fleet.map((u) => ({ id: u.id, lngLat: [u.lastLng!, u.lastLat!] as LngLat })),
    );
    const incidents = mulberry32(7);
    const trials = Array.from({ length: DISPATCHES + WARM_UP }, () => {
      const first = estimatePrepared(prepared, city.randomPoint(incidents), { k: 1 })[0]!;
      const unit = fleet.find((u) => u.id === first.id)!;
      return { unit, hole: [unit.lastLng!, unit.lastLat!] as LngLat };
    });
    const servicePath: number[] = [];
    const pureOnly: number[] = [];
    const baseline: number[] = [];
    let moves = 0;
    let gain5 = 0;
    let travel = 0;
    for (const [i, t] of trials.entries()) {
      t.unit.status = 'assigned';
      const departure = {
        unitId: t.unit.id,
        version: i,
        kind: 'dispatch' as const,
        incidentId: null,
        lngLat: t.hole,
      };
      const [plan, planMs] = await time(() => moveUp.plan([departure]));
      // The same engine call on the main thread (no worker round trip; its own reach, built at warm-up).
      const { zones } = built!;
      const free = (await planner.units(zones)).map((u): MoveUpUnit => u);
      const { demand } = planner.vertexDemand(zones.network);
      const [, pureMs] = await time(() =>
        inline.moveUp(zones, {
          targetsSeconds: built!.targetsSeconds,
          units: free,
          vertexDemand: demand,
          holes: [t.hole],
          now: NOW,
          maxMoves: DEFAULT_MAX_MOVES,
          minMoveIntervalSeconds: DEFAULT_MIN_MOVE_INTERVAL_SECONDS,
          shortlist: DEFAULT_MOVE_UP_SHORTLIST,
          mayLeaveStationArea: false,
        }),
      );
      const [, coverMs] = await time(() =>
        coverageTimes(
          network,
          free.map((u) => u.candidate),
          { limitSeconds: DEFAULT_CLOCK_TARGETS.reinforcementSeconds },
        ),
      );
      t.unit.status = 'available';
      if (i < WARM_UP) continue;
      servicePath.push(planMs);
      pureOnly.push(pureMs);
      baseline.push(coverMs);
      moves += plan!.moves.length;
      for (const m of plan!.moves) {
        gain5 += m.gainShare5;
        travel += m.travelSeconds;
      }
    }
    for (const u of units) u.status = 'available';
    console.log('');
    console.log(`move-up after a dispatch, ${label}, ${DISPATCHES} dispatches (target p99 < 200 ms)`);
    row('MoveUpService.plan (2 queries + planner + recommendMoveUp in the worker)', servicePath);
    row('  recommendMoveUp on the main thread (same fleet, no recent moves)', pureOnly);
    row('baseline: one coverageTimes of the same fleet', baseline);
    console.log(
      `  ${(moves / DISPATCHES).toFixed(2)} moves per dispatch; per move: 5-min gain ${moves ? ((100 * gain5) / moves).toFixed(3) : '0'}% ` +
        `of the city's demand, drive ${moves ? (travel / moves).toFixed(0) : 0} s`,
    );
  }

  await run(`${units.length - 1} free cars`, units.length);
  await run('thin fleet: 59 free cars', 60);
  console.log(`load average at the end (1 / 5 / 15 min): ${load()}`);
} finally {
  await planning.close();
  await db.close();
}
