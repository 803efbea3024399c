/**
 * A trial deployment on a real city's roads (`pnpm start --city FILE`): grid cells tiling the
 * road network's extent (cells without a road dropped, 30-60 kept), precincts, street posts and
 * drone nests on junctions, and a fleet on the roads, the way the demo city places its own.
 * Everything is editable afterwards; nothing here is a rule of the console. Pure: same roads and
 * seed, same deployment.
 */
import type { LngLat } from '@dispatch/domain';
import { DEFAULT_SPEEDS_KMH, carAccess, roadClassRule } from '@dispatch/routing';
import { invalidOption } from './errors.js';
import { buildFrame, type CityFrame, type StarRing } from './frame.js';
import type { FeatureCollection, LineString, Position } from './geojson.js';
import { distance } from './geometry.js';
import { gridSpecs, gridsGeoJson, precinctSpecs } from './deployment.js';
import { gridCodeAt } from './grid-lookup.js';
import { buildGrids, type GridDraft, type PrecinctDraft } from './grids.js';
import { buildPosts } from './posts.js';
import { createRng } from './prng.js';
import { createProjection, type Projection } from './projection.js';
import type { RoadJunction } from './roads.js';
import { desiredStaffing } from './staffing.js';
import { HIGHWAY_CLASSES, type DemoCity, type HighwayClass, type RoadStats } from './types.js';
import { buildUnits } from './units.js';

export interface CityOnRoadsOptions {
  seed?: number;
  /** Grid cells to keep, 30-60; default from the area (about one per 0.5-1.5 km²). */
  grids?: number;
  /** Units, 50-1000; default four per grid. */
  units?: number;
}

/** A deployment on imported roads: a demo city without a river (the basemap draws the water). */
export interface CityOnRoads extends Omit<DemoCity, 'river'> {
  river: null;
}

/** Cars may use the road (routing's rules: its class, and its access tags). */
const drivable = (highway: string, props: Readonly<Record<string, unknown>>) =>
  roadClassRule(highway, DEFAULT_SPEEDS_KMH)?.drive === true && carAccess(props) === 'yes';
/** Where units and posts may stand: a drivable street, not a driveway or a track. */
const isStreet = (highway: string, props: Readonly<Record<string, unknown>>) =>
  drivable(highway, props) && highway !== 'service' && highway !== 'track';
const rank = (highway: string) => {
  const i = (HIGHWAY_CLASSES as readonly string[]).indexOf(highway);
  return i < 0 ? HIGHWAY_CLASSES.length : i;
};

interface RoadProps {
  highway?: string;
  name?: string | null;
  oneway?: unknown;
}

/** Junctions (degree >= 3) and dead ends of the streets, with their names and best class. */
function streetJunctions(
  roads: FeatureCollection<LineString, RoadProps>,
  projection: Projection,
): {
  junctions: RoadJunction[];
  /** Street vertices inside a way (degree 2): start points where a grid has no junction. */
  streetPoints: RoadJunction[];
  /** Vertices of roads cars may use (with repeats): the grids must cover them all. */
  drivableVertices: Position[];
  stats: RoadStats;
} {
  const at = new Map<string, { lngLat: Position; degree: number; names: Set<string>; highway: string }>();
  let segments = 0;
  const vertexKeys = new Set<string>();
  const drivableVertices: Position[] = [];
  let length = 0;
  let oneway = 0;
  for (const f of roads.features) {
    // The collection also holds barriers, signals and turn restrictions as Points.
    if (f.geometry?.type !== 'LineString') continue;
    const coords = f.geometry.coordinates;
    if (!coords || coords.length < 2) continue;
    const highway = f.properties?.highway ?? 'residential';
    if (f.properties?.oneway) oneway++;
    coords.forEach((c, i) => {
      const key = `${c[0]},${c[1]}`;
      vertexKeys.add(key);
      if (i > 0) {
        segments++;
        length += distance(projection.toXY(coords[i - 1] as LngLat), projection.toXY(c as LngLat));
      }
      const props = (f.properties ?? {}) as Record<string, unknown>;
      if (drivable(highway, props)) drivableVertices.push(c);
      if (!isStreet(highway, props)) return;
      const v = at.get(key) ?? { lngLat: c, degree: 0, names: new Set<string>(), highway };
      v.degree += i === 0 || i === coords.length - 1 ? 1 : 2;
      const name = f.properties?.name?.trim();
      if (name) v.names.add(name);
      if (rank(highway) < rank(v.highway)) v.highway = highway;
      at.set(key, v);
    });
  }
  const junctions: RoadJunction[] = [];
  const streetPoints: RoadJunction[] = [];
  for (const v of at.values())
    (v.degree !== 2 ? junctions : streetPoints).push({
      xy: projection.toXY(v.lngLat as LngLat),
      lngLat: v.lngLat,
      degree: v.degree,
      names: [...v.names],
      highway: ((HIGHWAY_CLASSES as readonly string[]).includes(v.highway)
        ? v.highway
        : 'residential') as HighwayClass,
    });
  return {
    junctions,
    streetPoints,
    drivableVertices,
    stats: {
      featureCount: roads.features.length,
      vertexCount: vertexKeys.size,
      segmentCount: segments,
      junctionCount: junctions.length,
      edgeCount: segments,
      lengthMeters: Math.round(length),
      bridgeCount: 0,
      onewayFeatureCount: oneway,
    },
  };
}

const circle = (radius: number): StarRing => ({ radii: Array.from({ length: 64 }, () => radius) });

/** The demo frame resized to the roads' extent, with round "rings" for the grids' zones. */
function frameFor(halfWidth: number, halfHeight: number): CityFrame {
  const base = buildFrame(createRng(1).fork('frame'), 1);
  const r = Math.min(halfWidth, halfHeight);
  return {
    ...base,
    halfWidth,
    halfHeight,
    inner: circle(r * 0.3),
    outer: circle(r * 0.75),
    innerHalfAxes: [r * 0.3, r * 0.3],
    outerHalfAxes: [r * 0.75, r * 0.75],
  };
}

function checkOptions(options: CityOnRoadsOptions) {
  const seed = options.seed ?? 110;
  if (!Number.isSafeInteger(seed)) throw invalidOption('seed', 'seed must be an integer', seed);
  if (
    options.grids !== undefined &&
    (!Number.isInteger(options.grids) || options.grids < 30 || options.grids > 60)
  )
    throw invalidOption('grids', 'grids must be an integer from 30 to 60', options.grids);
  if (
    options.units !== undefined &&
    (!Number.isInteger(options.units) || options.units < 50 || options.units > 1000)
  )
    throw invalidOption('units', 'units must be an integer from 50 to 1000', options.units);
  return { seed, grids: options.grids, units: options.units };
}

/** Grid cells over the roads' extent, keeping those a road for cars runs through; renumbered G01... */
function gridsOnRoads(
  seed: number,
  frame: CityFrame,
  projection: Projection,
  vertices: readonly Position[],
  wanted: number,
): { grids: GridDraft[]; precincts: PrecinctDraft[] } {
  let best: { grids: GridDraft[]; precincts: PrecinctDraft[] } | null = null;
  // More cells than wanted are tiled, as some fall on water or empty land; a few tries find the count.
  let tiled = wanted;
  for (let attempt = 0; attempt < 6; attempt++) {
    const { grids, precincts } = buildGrids(
      createRng(seed).fork(`grids-${attempt}`),
      frame,
      projection,
      tiled,
    );
    const used = new Set<string>();
    for (const v of vertices) {
      const code = gridCodeAt({ grids }, v as LngLat);
      if (code) used.add(code);
    }
    const kept = grids.filter((g) => used.has(g.code));
    const renamed = new Map(kept.map((g, i) => [g.code, `G${String(i + 1).padStart(2, '0')}`]));
    const result = {
      grids: kept.map((g) => ({ ...g, code: renamed.get(g.code)! })),
      precincts: precincts
        .map((p) => ({
          ...p,
          gridCodes: p.gridCodes.filter((c) => renamed.has(c)).map((c) => renamed.get(c)!),
        }))
        .filter((p) => p.gridCodes.length > 0),
    };
    if (!best || Math.abs(kept.length - wanted) < Math.abs(best.grids.length - wanted)) best = result;
    if (kept.length >= Math.min(wanted, 30) && kept.length <= 60) return result;
    tiled = Math.min(90, Math.max(30, Math.round((tiled * wanted) / Math.max(1, kept.length))));
  }
  return best!;
}

/** `[minLng, minLat, maxLng, maxLat]` of the roads' lines; null when there is none. */
function linesBBox(roads: FeatureCollection<LineString, RoadProps>): [number, number, number, number] | null {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of roads.features) {
    // The collection also holds barriers, signals and turn restrictions as Points.
    if (f.geometry?.type !== 'LineString') continue;
    for (const c of f.geometry.coordinates ?? []) {
      bbox[0] = Math.min(bbox[0], c[0]!);
      bbox[1] = Math.min(bbox[1], c[1]!);
      bbox[2] = Math.max(bbox[2], c[0]!);
      bbox[3] = Math.max(bbox[3], c[1]!);
    }
  }
  return bbox[0] <= bbox[2] ? bbox : null;
}

/** Grids, precincts, posts and a fleet for imported roads (see the module comment). */
export function cityOnRoads(
  roads: FeatureCollection<LineString, RoadProps>,
  options: CityOnRoadsOptions = {},
): CityOnRoads {
  const opts = checkOptions(options);
  const bbox = linesBBox(roads);
  if (!bbox) throw invalidOption('roads', 'the road network is empty', 0);
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const center: LngLat = [(minLng + maxLng) / 2, (minLat + maxLat) / 2];
  const projection = createProjection(center);
  const { junctions, streetPoints, drivableVertices, stats } = streetJunctions(roads, projection);
  if (junctions.length < 30)
    throw invalidOption('roads', 'too few street junctions for a deployment', junctions.length);
  const [x0, y0] = projection.toXY([minLng, minLat]);
  const [x1, y1] = projection.toXY([maxLng, maxLat]);
  // A margin so that no junction sits on the outer edge of the tiling.
  const halfWidth = (x1 - x0) / 2 + 150;
  const halfHeight = (y1 - y0) / 2 + 150;
  const frame = frameFor(halfWidth, halfHeight);
  const areaKm2 = (4 * halfWidth * halfHeight) / 1e6;
  const wanted = opts.grids ?? Math.min(60, Math.max(30, Math.round(areaKm2 / 1)));
  const rng = createRng(opts.seed);
  const { grids: drafts, precincts: precinctDrafts } = gridsOnRoads(
    opts.seed,
    frame,
    projection,
    drivableVertices,
    wanted,
  );

  const byCode = new Map(drafts.map((g) => [g.code, g]));
  const gridOfJunction = new Map<RoadJunction, { code: string; name: string }>();
  const junctionsByGrid = new Map<string, RoadJunction[]>();
  for (const j of junctions) {
    const code = gridCodeAt({ grids: drafts }, j.lngLat as LngLat);
    const grid = code === null ? undefined : byCode.get(code);
    if (!grid) continue;
    gridOfJunction.set(j, grid);
    junctionsByGrid.set(grid.code, [...(junctionsByGrid.get(grid.code) ?? []), j]);
  }
  // A grid crossed by streets without a junction in it (a long road through a valley) starts
  // its units on those streets; one with only driveways or tracks on any of its road points.
  for (const g of drafts) {
    if (junctionsByGrid.has(g.code)) continue;
    const inGrid = (p: RoadJunction) => gridCodeAt({ grids: [g] }, p.lngLat as LngLat) !== null;
    let points = streetPoints.filter(inGrid);
    if (points.length === 0)
      points = drivableVertices
        .map((v) => ({
          xy: projection.toXY(v as LngLat),
          lngLat: v,
          degree: 2,
          names: [],
          highway: 'residential' as const,
        }))
        .filter(inGrid);
    if (points.length > 0) junctionsByGrid.set(g.code, points);
  }
  const placed = junctions.filter((j) => gridOfJunction.has(j));
  const gridOf = (j: RoadJunction) => gridOfJunction.get(j)!;
  const minima = desiredStaffing(drafts, []);
  const posts = buildPosts(rng.fork('posts'), drafts.length, placed, [], precinctDrafts, gridOf);
  const units = buildUnits(rng.fork('units'), {
    total: opts.units ?? Math.min(1000, Math.max(50, drafts.length * 4)),
    grids: drafts,
    precincts: precinctDrafts,
    posts,
    hotspots: [],
    junctionsByGrid,
    minima,
  });
  const grids = gridSpecs(drafts, minima);
  const precincts = precinctSpecs(precinctDrafts, placed, gridOf, projection);
  return {
    options: { seed: opts.seed, grids: grids.length, units: units.length, scale: 1 },
    center,
    bbox,
    roads: roads as DemoCity['roads'],
    river: null,
    grids,
    gridsGeoJson: gridsGeoJson(grids),
    precincts,
    posts,
    units,
    hotspots: [],
    roadStats: stats,
  };
}
