/**
 * How soon the nearest of many units can reach every point of the road network: the input of
 * live coverage. One multi-source search per travel group (drivers at one speed factor, walkers
 * at one speed and range), not one per unit; drones fly straight. The result is per line vertex,
 * so a road's coverage can be measured along its length.
 */
import { EARTH_RADIUS_METERS } from './geo.js';
import { modeOf, positive, usableNetwork, walkSpec } from './candidates.js';
import type { RoadNetwork } from './network.js';
import { travelTimesFrom } from './travel-times.js';
import { DEFAULT_TRAVEL_PARAMS, type TravelCandidate, type TravelParams } from './travel-types.js';
import { vertexCells } from './vertex-cells.js';
import { vertexTimesInto } from './vertex-times.js';

const RAD = Math.PI / 180;
const LOWER_BOUND_METERS_PER_RAD = EARTH_RADIUS_METERS * 0.999;

export interface CoverageTimes {
  readonly network: RoadNetwork;
  /** Per vertex: seconds for the fastest unit to get there; Infinity beyond `limitSeconds`. */
  readonly seconds: Float64Array;
  readonly limitSeconds: number;
  /** Searches run (one per travel group), for the benchmarks. */
  readonly searches: number;
}

interface Group {
  mode: 'drive' | 'walk';
  speedFactor: number;
  walkSpeedMps: number;
  maxSeconds: number;
  origins: TravelCandidate['lngLat'][];
}

/**
 * Seconds from the nearest candidate to every vertex of `network`, up to `limitSeconds` (e.g. the
 * 5-minute target). Adding a candidate never raises any vertex's time. Null without a network.
 */
export function coverageTimes(
  network: RoadNetwork | null | undefined,
  candidates: readonly TravelCandidate[],
  options: { limitSeconds: number; params?: Partial<TravelParams> },
): CoverageTimes | null {
  if (!usableNetwork(network)) return null;
  const net = network;
  const p: TravelParams = { ...DEFAULT_TRAVEL_PARAMS, ...options.params };
  const limit = options.limitSeconds;
  const groups = new Map<string, Group>();
  const flyers: TravelCandidate[] = [];
  for (const c of candidates) {
    const mode = modeOf(c);
    if (mode === 'fly') {
      flyers.push(c);
      continue;
    }
    if (mode === 'walk') {
      const { speedMps, rangeMeters } = walkSpec(c, p);
      // A walker's range caps its search: beyond it the post does not answer on foot.
      const maxSeconds = Math.min(limit, rangeMeters / speedMps);
      const key = `walk|${speedMps}|${maxSeconds}`;
      const group = groups.get(key) ?? {
        mode,
        speedFactor: 1,
        walkSpeedMps: speedMps,
        maxSeconds,
        origins: [],
      };
      group.origins.push(c.lngLat);
      groups.set(key, group);
      continue;
    }
    const speedFactor = positive(c.speedFactor, 1);
    const key = `drive|${speedFactor}`;
    const group = groups.get(key) ?? { mode, speedFactor, walkSpeedMps: 0, maxSeconds: limit, origins: [] };
    group.origins.push(c.lngLat);
    groups.set(key, group);
  }

  const best = new Float64Array(net.vertexCount).fill(Infinity);
  const seconds = new Float64Array(net.vertexCount);
  const origin = new Int32Array(net.vertexCount);
  let searches = 0;
  for (const g of groups.values()) {
    const times = travelTimesFrom(net, g.origins, {
      direction: 'outbound',
      mode: g.mode,
      maxSeconds: g.maxSeconds,
      speedFactor: g.speedFactor,
      params: g.mode === 'walk' ? { ...p, walkSpeedMps: g.walkSpeedMps } : p,
    });
    if (!times) continue;
    searches += 1;
    seconds.fill(Infinity);
    origin.fill(-1);
    vertexTimesInto(times, g.maxSeconds, seconds, origin);
    for (let v = 0; v < best.length; v++) if (seconds[v]! < best[v]!) best[v] = seconds[v]!;
  }
  for (const c of flyers) flyInto(net, c, p, limit, best);
  return { network: net, seconds: best, limitSeconds: limit, searches };
}

/** A drone reaches every vertex within range straight, after its take-off. */
function flyInto(
  net: RoadNetwork,
  c: TravelCandidate,
  p: TravelParams,
  limit: number,
  best: Float64Array,
): void {
  const speed = positive(c.speedMps, p.flySpeedMps);
  const takeoff =
    c.takeoffSeconds !== undefined && c.takeoffSeconds >= 0 ? c.takeoffSeconds : p.flyTakeoffSeconds;
  const reach = Math.min(c.maxRangeMeters ?? p.flyMaxRangeMeters, (limit - takeoff) * speed);
  if (!(reach > 0)) return;
  const [lng, lat] = c.lngLat;
  // Cheap box test before the haversine: degrees of latitude are ~111 km everywhere.
  const dLat = reach / 110_000;
  const dLng = dLat / Math.max(0.05, Math.cos(lat * RAD));
  const { vertexLng, vertexLat } = net;
  const cells = vertexCells(net);
  const { cols, offsets, vertices, cosLat } = cells;
  const col0 = Math.max(0, Math.floor((lng - dLng - cells.minLng) / cells.cellLng));
  const col1 = Math.min(cols - 1, Math.floor((lng + dLng - cells.minLng) / cells.cellLng));
  const row0 = Math.max(0, Math.floor((lat - dLat - cells.minLat) / cells.cellLat));
  const row1 = Math.min(cells.rows - 1, Math.floor((lat + dLat - cells.minLat) / cells.cellLat));
  // haversineRaw(lng, lat, vLng, vLat), term by term (so the seconds are the same to the bit),
  // with the vertex's cosine precomputed and the arcsine only for vertices inside the reach.
  const cos1 = Math.cos(lat * RAD);
  const sMax = Math.sin(Math.min(Math.PI / 2, reach / (2 * EARTH_RADIUS_METERS))) ** 2 * (1 + 1e-9);
  for (let row = row0; row <= row1; row++) {
    for (let cell = row * cols + col0, end = row * cols + col1; cell <= end; cell++) {
      for (let i = offsets[cell]!; i < offsets[cell + 1]!; i++) {
        const v = vertices[i]!;
        const vLat = vertexLat[v]!;
        const vLng = vertexLng[v]!;
        const aLat = Math.abs(vLat - lat);
        const aLng = Math.abs(vLng - lng);
        if (aLat > dLat || aLng > dLng) continue;
        // Skip what this drone cannot beat, by a flat-earth lower bound (0.1% short of the
        // haversine, far more than its error over a city): the trigonometry is the cost here.
        const x = aLng * Math.min(cos1, cosLat[v]!);
        if (takeoff + (LOWER_BOUND_METERS_PER_RAD * RAD * Math.sqrt(aLat * aLat + x * x)) / speed >= best[v]!)
          continue;
        const s =
          Math.sin(((vLat - lat) * RAD) / 2) ** 2 +
          cos1 * cosLat[v]! * Math.sin(((vLng - lng) * RAD) / 2) ** 2;
        if (s > sMax) continue;
        const meters = 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(s)));
        if (meters > reach) continue;
        const t = takeoff + meters / speed;
        if (t < best[v]!) best[v] = t;
      }
    }
  }
}
