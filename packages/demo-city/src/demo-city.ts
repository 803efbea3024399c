/**
 * The demo city generator: a pure function of its options. Each step draws from its own named
 * random stream, so the same seed always yields the same (deep-equal) city.
 */
import type { LngLat } from '@dispatch/domain';
import { invalidOption } from './errors.js';
import { buildFrame } from './frame.js';
import { gridSpecs, gridsGeoJson, precinctSpecs } from './deployment.js';
import { gridCodeAt } from './grid-lookup.js';
import { buildGrids } from './grids.js';
import { buildHotspots } from './hotspots.js';
import { RIVER_NAME } from './names.js';
import { buildPosts } from './posts.js';
import { createRng } from './prng.js';
import { createProjection } from './projection.js';
import { riverPolyline } from './river.js';
import { buildRoads, type RoadJunction } from './roads.js';
import { desiredStaffing } from './staffing.js';
import type { DemoCity, DemoCityOptions } from './types.js';
import { buildUnits } from './units.js';

/** Centre of the demo city (Hangzhou-like coordinates; the city itself is fictional). */
export const DEMO_CITY_CENTER: LngLat = [120.15, 30.27];

export const DEFAULT_DEMO_CITY_OPTIONS: Required<DemoCityOptions> = {
  seed: 110,
  grids: 42,
  units: 220,
  scale: 1,
};

function validate(options: DemoCityOptions): Required<DemoCityOptions> {
  const o = { ...DEFAULT_DEMO_CITY_OPTIONS, ...options };
  if (!Number.isSafeInteger(o.seed)) throw invalidOption('seed', 'seed must be an integer', o.seed);
  if (!Number.isInteger(o.grids) || o.grids < 30 || o.grids > 51)
    throw invalidOption('grids', 'grids must be an integer from 30 to 51', o.grids);
  if (!Number.isInteger(o.units) || o.units < 100 || o.units > 1000)
    throw invalidOption('units', 'units must be an integer from 100 to 1000', o.units);
  if (!Number.isFinite(o.scale) || o.scale < 0.25 || o.scale > 30)
    throw invalidOption('scale', 'scale must be a number from 0.25 to 30', o.scale);
  return o;
}

/**
 * Generates the demo city: roads (OSM-style GeoJSON), river, grids, precincts, posts, units
 * and hot spots. Throws a `DomainErrorException` (`VALIDATION_FAILED`) on invalid options.
 */
export function generateDemoCity(options: DemoCityOptions = {}): DemoCity {
  const opts = validate(options);
  const rng = createRng(opts.seed);
  const projection = createProjection(DEMO_CITY_CENTER);
  const frame = buildFrame(rng.fork('frame'), opts.scale);
  const network = buildRoads(rng.fork('roads'), frame, projection);
  const { grids: gridDrafts, precincts: precinctDrafts } = buildGrids(
    rng.fork('grids'),
    frame,
    projection,
    opts.grids,
  );

  const lookup = { grids: gridDrafts };
  const gridByCode = new Map(gridDrafts.map((g) => [g.code, g]));
  const junctionsByGrid = new Map<string, RoadJunction[]>();
  const gridOfJunction = new Map<RoadJunction, { code: string; name: string }>();
  for (const j of network.junctions) {
    const code = gridCodeAt(lookup, j.lngLat);
    const grid = code === null ? undefined : gridByCode.get(code);
    if (!grid) continue;
    gridOfJunction.set(j, grid);
    junctionsByGrid.set(grid.code, [...(junctionsByGrid.get(grid.code) ?? []), j]);
  }
  const junctions = network.junctions.filter((j) => gridOfJunction.has(j));
  const gridOf = (j: RoadJunction): { code: string; name: string } =>
    gridOfJunction.get(j) as { code: string; name: string };

  const hotspots = buildHotspots(rng.fork('hotspots'), frame, junctions, gridOf);
  const minima = desiredStaffing(gridDrafts, hotspots);
  const posts = buildPosts(rng.fork('posts'), opts.grids, junctions, hotspots, precinctDrafts, gridOf);
  const units = buildUnits(rng.fork('units'), {
    total: opts.units,
    grids: gridDrafts,
    precincts: precinctDrafts,
    posts,
    hotspots,
    junctionsByGrid,
    minima,
  });

  const grids = gridSpecs(gridDrafts, minima);
  const precincts = precinctSpecs(precinctDrafts, junctions, gridOf, projection);
  const [minLng, minLat] = projection.toLngLat([-frame.halfWidth, -frame.halfHeight]);
  const [maxLng, maxLat] = projection.toLngLat([frame.halfWidth, frame.halfHeight]);

  return {
    options: opts,
    center: DEMO_CITY_CENTER,
    bbox: [minLng, minLat, maxLng, maxLat],
    roads: network.roads,
    river: {
      type: 'Feature',
      id: 'river',
      properties: { name: RIVER_NAME, waterway: 'river', widthMeters: 2 * frame.river.halfWidthMeters },
      geometry: {
        type: 'LineString',
        coordinates: riverPolyline(frame.river).map((p) => projection.toLngLat(p)),
      },
    },
    grids,
    gridsGeoJson: gridsGeoJson(grids),
    precincts,
    posts,
    units,
    hotspots,
    roadStats: network.stats,
  };
}
