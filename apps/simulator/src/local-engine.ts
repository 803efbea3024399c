/**
 * `--engine local`: the demo city the server would seed (`generateDemoCity()`, the same login
 * order, record ids and post ranges), run against the in-process console (local-console.ts) on the stepped
 * clock. No server, no sockets, no real time: the same seed and options give the same result,
 * to the digit, on any machine and however busy it is.
 */
import type { PostDto } from '@dispatch/contracts';
import {
  demoRecordId,
  generateDemoCity,
  gridCodeAt,
  postRangeMeters,
  unitsInLoginOrder,
  type DemoCity,
} from '@dispatch/demo-city';
import { buildRoadNetwork, type RoadFeatureCollection, type RoadNetwork } from '@dispatch/routing';
import type { BackgroundPlace } from './call-generator.js';
import { patrolVertices, type RoadFeature } from './city-geometry.js';
import type { CrewedUnit, Engine } from './engine.js';
import { fleetOnDuty } from './fleet.js';
import { LocalConsole, type LocalUnitSeed } from './local-console.js';

export interface LocalEngineOptions {
  /** Crew only the first N units in login order (the others are booked off duty). */
  terminals?: number;
  /** Of those, crew only this share, chosen by `seed` (fleet.ts); default all. */
  fleetShare?: number;
  seed?: number;
  utcOffsetHours: number;
  now: () => number;
  log: (line: string) => void;
}

/** The demo city and its road graph, built once per process (nothing of them is changed). */
let built: { city: DemoCity; network: RoadNetwork; places: BackgroundPlace[] } | null = null;

function demoCity() {
  if (!built) {
    const city = generateDemoCity();
    built = {
      city,
      network: buildRoadNetwork(city.roads as unknown as RoadFeatureCollection),
      places: patrolVertices(city.roads.features as unknown as RoadFeature[]),
    };
  }
  return built;
}

export async function openLocalEngine(options: LocalEngineOptions): Promise<Engine> {
  const { city, network, places } = demoCity();
  // The ids a fresh demo server gives them (dispatch breaks exact ETA ties by id).
  const seed = city.options.seed;
  const gridId = (code: string) => demoRecordId(seed, 'grid', code);
  const posts: PostDto[] = city.posts.map((p) => ({
    id: demoRecordId(seed, 'post', p.code),
    code: p.code,
    name: p.name,
    kind: p.kind,
    lngLat: [p.lngLat[0], p.lngLat[1]],
    gridId: gridId(p.gridCode),
    rangeMeters: postRangeMeters(p.kind),
  }));
  const ordered = unitsInLoginOrder(city.units);
  const crewCount = Math.min(options.terminals ?? ordered.length, ordered.length);
  const onDuty = fleetOnDuty(crewCount, options.fleetShare ?? 1, options.seed ?? 0);
  const crewed = (i: number) => i < crewCount && onDuty.has(i);
  // Uncrewed free units are off duty, as the server run books them.
  const seeds: LocalUnitSeed[] = ordered.map((u, i) => ({
    id: demoRecordId(seed, 'unit', u.callSign),
    callSign: u.callSign,
    kind: u.kind,
    status: crewed(i) ? u.status : 'off_duty',
    homeGridId: gridId(u.homeGridCode),
    postId: u.postCode === undefined ? null : demoRecordId(seed, 'post', u.postCode),
    capabilities: [...u.capabilities],
    lngLat: u.lngLat,
  }));
  if (options.terminals !== undefined || (options.fleetShare ?? 1) < 1)
    options.log(`${ordered.length - onDuty.size} units without a simulated crew booked off duty`);
  const console = new LocalConsole(
    {
      units: seeds,
      posts,
      gridAt: (lngLat) => {
        const code = gridCodeAt(city, lngLat);
        return code === null ? null : gridId(code);
      },
    },
    network.report.nodeCount > 0 ? network : null,
    options.now,
    options.utcOffsetHours,
  );
  const units = await console.units();
  const byId = new Map(units.map((u) => [u.id, u]));
  const crews: CrewedUnit[] = seeds
    .filter((s, i) => crewed(i) && s.status === 'available')
    .map((s) => ({ unit: byId.get(s.id)!, terminal: console.terminal(), events: console.eventsFor(s.id) }));
  return {
    name: 'local',
    network: network.report.nodeCount > 0 ? network : null,
    places,
    grids: city.grids.map((g) => ({ id: gridId(g.code), polygon: g.polygon, station: g.precinct })),
    hotspots: city.hotspots,
    dispatcher: console,
    dispatcherEvents: console.eventsFor('wall'),
    crews,
    start(_world, agents) {
      for (const agent of agents) console.trackPosition(agent.id, (now) => agent.position(now));
    },
    beforeDecision: async () => undefined,
    beforeStep: async () => undefined,
    async incidentTimes(ids) {
      const records = await Promise.all(ids.map((id) => console.incident(id)));
      const ms = (s: string | null) => (s === null ? null : Date.parse(s));
      return records.map((i) => ({
        receivedAt: Date.parse(i.receivedAt),
        firstDispatchedAt: ms(i.firstDispatchedAt),
        firstOnSceneAt: ms(i.firstOnSceneAt),
      }));
    },
    stop: async () => undefined,
  };
}
