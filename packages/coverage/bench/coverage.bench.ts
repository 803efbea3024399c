/**
 * Coverage benchmark on routing's synthetic city (~100k road nodes, 2,000 free units, 2 km grids).
 * Run: pnpm --filter @dispatch/coverage run bench
 *   or pnpm exec tsx packages/coverage/bench/coverage.bench.ts [runs=30] [dispatches=200]
 * Prints median and p99 of:
 * - live coverage recomputation (coverageTimes + zoneCoverage), against a baseline from the same
 *   run: one bounded search per unit, merged (what coverageTimes replaces);
 * - move-up after a dispatch (recommendMoveUp): the nearest unit goes to a random incident, for
 *   the 2,000-unit fleet (which covers the whole city: nothing to restore, the cost is the point)
 *   and for a thin fleet of 60 (3- and 5-minute holes, so moves are made);
 * and, once, the site sampling, the site reach build and standby points for both fleets.
 * Figures only: nothing here asserts a time. The load average is printed: the machine is shared.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { LngLat } from '@dispatch/domain';
import {
  buildRoadNetwork,
  coverageTimes,
  estimatePrepared,
  prepareCandidates,
  travelTimesFrom,
  vertexTimes,
  type RoadNetwork,
  type TravelCandidate,
} from '@dispatch/routing';
import { mulberry32, syntheticCity } from '../../routing/bench/synthetic-city.js';
import {
  coveredDemand,
  recommendMoveUp,
  sampleStandbySites,
  siteReach,
  standbyPoints,
  vertexDemandOf,
  vertexZoneOf,
  zoneCoverage,
  type MoveUpUnit,
} from '../src/index.js';

const RUNS = Number(process.argv[2] ?? 30);
const DISPATCHES = Number(process.argv[3] ?? 200);
const BASELINE_RUNS = 3;
const TARGETS = [180, 300];
const GRID_METERS = 2000;

function stats(samples: number[]): { median: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function row(label: string, samplesMs: number[]): void {
  const { median, p99, mean } = stats(samplesMs);
  const f = (x: number) => x.toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(52)} median ${f(median)} ms   p99 ${f(p99)} ms   mean ${f(mean)} ms   n=${samplesMs.length}`,
  );
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`load average at start (2 cores shared): ${load()}`);

const city = syntheticCity();
const [net, buildMs] = time(() => buildRoadNetwork(city.roads));
console.log(
  `synthetic city: ${net.vertexCount} road nodes (vertices), ${net.segmentCount} segments, ${net.nodeCount} junctions; built in ${buildMs.toFixed(0)} ms`,
);

// Grids: 2 km squares by segment midpoint, as the server's grid polygons would give.
function gridsOf(network: RoadNetwork): { segmentZone: Int32Array; zoneCount: number } {
  const [minLng, minLat, maxLng, maxLat] = city.bbox;
  const cols = Math.ceil(((maxLng - minLng) * 111_195 * Math.cos((39.9 * Math.PI) / 180)) / GRID_METERS);
  const rows = Math.ceil(((maxLat - minLat) * 111_195) / GRID_METERS);
  const segmentZone = new Int32Array(network.segmentCount);
  for (let s = 0; s < network.segmentCount; s++) {
    const a = network.segFrom[s]!;
    const b = network.segTo[s]!;
    const lng = (network.vertexLng[a]! + network.vertexLng[b]!) / 2;
    const lat = (network.vertexLat[a]! + network.vertexLat[b]!) / 2;
    const c = Math.min(cols - 1, Math.max(0, Math.floor(((lng - minLng) / (maxLng - minLng)) * cols)));
    const r = Math.min(rows - 1, Math.max(0, Math.floor(((lat - minLat) / (maxLat - minLat)) * rows)));
    segmentZone[s] = r * cols + c;
  }
  return { segmentZone, zoneCount: rows * cols };
}
const { segmentZone, zoneCount } = gridsOf(net);
const vertexZone = vertexZoneOf(net, segmentZone);

// Demand: a little everywhere (by length) plus 40 seeded hot spots (Gaussian, 300-900 m wide).
const rand = mulberry32(17);
const spots = Array.from({ length: 40 }, () => ({
  at: city.randomPoint(rand),
  weight: 2 + 8 * rand(),
  sigmaMeters: 300 + 600 * rand(),
}));
const segmentDemand = new Float64Array(net.segmentCount);
for (let s = 0; s < net.segmentCount; s++) {
  const a = net.segFrom[s]!;
  const lng = net.vertexLng[a]!;
  const lat = net.vertexLat[a]!;
  let w = 0.2;
  for (const h of spots) {
    const dx = (lng - h.at[0]) * 111_195 * Math.cos((39.9 * Math.PI) / 180);
    const dy = (lat - h.at[1]) * 111_195;
    w += h.weight * Math.exp(-(dx * dx + dy * dy) / (2 * h.sigmaMeters * h.sigmaMeters));
  }
  segmentDemand[s] = w * net.segMeters[s]!;
}
const vertexDemand = vertexDemandOf(net, segmentDemand);
console.log(
  `${zoneCount} grids of ${GRID_METERS / 1000} km, demand: by length plus ${spots.length} hot spots; ${city.units.length} free units`,
);

const cars: TravelCandidate[] = city.units.map((lngLat, i) => ({ id: `car-${i}`, lngLat }));
const mixed: TravelCandidate[] = city.units.map((lngLat, i) => ({
  id: `u-${i}`,
  lngLat,
  ...(i % 20 === 0
    ? { mode: 'fly' as const }
    : i % 10 === 0
      ? { mode: 'walk' as const, maxRangeMeters: 800 }
      : {}),
}));

// 1. Live coverage: one multi-source search per travel group, then the per-grid shares.
const recompute = (units: readonly TravelCandidate[]) => {
  const times = coverageTimes(net, units, { limitSeconds: TARGETS[1]! })!;
  return zoneCoverage(net, times.seconds, segmentZone, zoneCount, TARGETS, segmentDemand);
};
for (let i = 0; i < 3; i++) recompute(cars);
const coverMs: number[] = [];
const searchMs: number[] = [];
const zonesMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  coverMs.push(time(() => recompute(cars))[1]);
  const [times, ms] = time(() => coverageTimes(net, cars, { limitSeconds: TARGETS[1]! })!);
  searchMs.push(ms);
  zonesMs.push(
    time(() => zoneCoverage(net, times.seconds, segmentZone, zoneCount, TARGETS, segmentDemand))[1],
  );
}
const mixedMs: number[] = [];
for (let i = 0; i < RUNS; i++) mixedMs.push(time(() => recompute(mixed))[1]);

// Baseline: one bounded search per unit, merged into the per-vertex minimum.
const perUnit = (units: readonly TravelCandidate[]) => {
  const best = new Float64Array(net.vertexCount).fill(Infinity);
  for (const u of units) {
    const t = travelTimesFrom(net, [u.lngLat], { maxSeconds: TARGETS[1]! });
    if (!t) continue;
    const { seconds } = vertexTimes(t, TARGETS[1]!);
    for (let v = 0; v < best.length; v++) if (seconds[v]! < best[v]!) best[v] = seconds[v]!;
  }
  return best;
};
const baselineMs: number[] = [];
let baselineSeconds = new Float64Array(0);
for (let i = 0; i < BASELINE_RUNS; i++) {
  const [best, ms] = time(() => {
    const b = perUnit(cars);
    zoneCoverage(net, b, segmentZone, zoneCount, TARGETS, segmentDemand);
    return b;
  });
  baselineMs.push(ms);
  baselineSeconds = best;
}
const multi = coverageTimes(net, cars, { limitSeconds: TARGETS[1]! })!;
let differ = 0;
for (let v = 0; v < net.vertexCount; v++) {
  const a = multi.seconds[v]!;
  const b = baselineSeconds[v]!;
  if (a !== b && !(Math.abs(a - b) < 1e-6)) differ++;
}
const totalDemand = vertexDemand.reduce((a, b) => a + b, 0);
const covered = TARGETS.map((t) => coveredDemand(multi.seconds, vertexDemand, t) / totalDemand);

console.log('');
console.log('live coverage, 2,000 free units (target p99 < 100 ms)');
row('coverageTimes + zoneCoverage (2,000 cars)', coverMs);
row('  of which coverageTimes (1 search)', searchMs);
row(`  of which zoneCoverage (${zoneCount} grids, 2 targets)`, zonesMs);
row(`coverageTimes + zoneCoverage (mixed: 1800/100 post/100 drone)`, mixedMs);
row('baseline: one search per unit + zoneCoverage', baselineMs);
console.log(
  `  speed-up (median): ${(stats(baselineMs).median / stats(coverMs).median).toFixed(0)}x; vertices where the two differ: ${differ}; ` +
    `demand reached within 3/5 min: ${covered.map((x) => (100 * x).toFixed(1) + '%').join(' / ')}`,
);

// 2. Standby sites and their reach (once per network).
const [sites, sampleMs] = time(() => sampleStandbySites(net, vertexZone, { spacingMeters: 600 }));
const [reach, reachMs] = time(() => siteReach(net, sites, { targetsSeconds: TARGETS }));
console.log('');
console.log(
  `standby sites: ${sites.length} (600 m spacing, per grid) sampled in ${sampleMs.toFixed(0)} ms; reach built in ${(reachMs / 1000).toFixed(1)} s ` +
    `(${(reachMs / sites.length).toFixed(2)} ms a site), ${reach.vertices.length} entries, ${((reach.vertices.length * 5) / 2 ** 20).toFixed(0)} MB`,
);

// Free units with a home grid (where they stand) and a last move (a fifth moved in the last 30 min).
const NOW = Date.UTC(2026, 11, 7, 12);
/** Home grid of a unit: the grid of the site nearest in a straight line (cheap and stable). */
const nearestSiteZone = (lngLat: LngLat): number => {
  let best = -1;
  let bestD = Infinity;
  for (const s of sites) {
    const dx = s.lngLat[0] - lngLat[0];
    const dy = s.lngLat[1] - lngLat[1];
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = s.zone;
    }
  }
  return best;
};
const unitRand = mulberry32(23);
const fleetOf = (candidates: readonly TravelCandidate[]): MoveUpUnit[] =>
  candidates.map((candidate) => ({
    candidate,
    homeZone: nearestSiteZone(candidate.lngLat),
    lastMovedAt: unitRand() < 0.2 ? NOW - Math.floor(unitRand() * 30) * 60_000 : null,
  }));
const pct = (xs: readonly number[], of: number, digits = 1) =>
  xs.map((x) => ((100 * x) / of).toFixed(digits) + '%').join(' / ');
const coverageOf = (units: readonly TravelCandidate[]) => {
  const seconds = coverageTimes(net, units, { limitSeconds: TARGETS[1]! })!.seconds;
  return TARGETS.map((t) => coveredDemand(seconds, vertexDemand, t));
};

/** Standby points for the fleet, each unit in its home grid (off the request path: timed once). */
function standby(label: string, fleet: readonly MoveUpUnit[]): void {
  const [plan, ms] = time(() => standbyPoints(reach, fleet, vertexDemand, { busyFraction: 0.3 }));
  const now = coverageOf(fleet.map((u) => u.candidate));
  console.log(
    `standby points, ${label} in their home grids (MEXCLP greedy, q = 0.3): ${(ms / 1000).toFixed(2)} s; demand within 3/5 min ` +
      `at the points ${pct(plan.coveredWithin, totalDemand)}, where they stand now ${pct(now, totalDemand)}`,
  );
}

/** Move-up after each of `DISPATCHES` dispatches: the nearest unit goes to a random incident. */
function moveUpAfterDispatch(label: string, fleet: readonly MoveUpUnit[]): void {
  const prepared = prepareCandidates(
    net,
    fleet.map((u) => u.candidate),
  );
  const incidentRand = mulberry32(7);
  const trials: { units: MoveUpUnit[]; hole: LngLat }[] = [];
  for (let i = 0; i < DISPATCHES + 10; i++) {
    const first = estimatePrepared(prepared, city.randomPoint(incidentRand), { k: 1 })[0]!;
    const index = fleet.findIndex((u) => u.candidate.id === first.id);
    trials.push({ units: fleet.filter((_, j) => j !== index), hole: fleet[index]!.candidate.lngLat });
  }
  const moveUp = (t: (typeof trials)[number]) =>
    recommendMoveUp({ reach, units: t.units, vertexDemand, holes: [t.hole], now: NOW });
  for (const t of trials.slice(0, 10)) moveUp(t); // warm-up
  const ms: number[] = [];
  let moves = 0;
  let dispatchesWithMoves = 0;
  let pairs = 0;
  let evaluated = 0;
  let gain5 = 0;
  let travel = 0;
  const before = TARGETS.map(() => 0);
  const after = TARGETS.map(() => 0);
  for (const t of trials.slice(10)) {
    const [result, elapsed] = time(() => moveUp(t));
    ms.push(elapsed);
    TARGETS.forEach((_, i) => {
      before[i] = before[i]! + result.coveredBefore[i]! / DISPATCHES;
      after[i] = after[i]! + result.coveredAfter[i]! / DISPATCHES;
    });
    moves += result.moves.length;
    if (result.moves.length > 0) dispatchesWithMoves++;
    pairs += result.considered.pairs;
    evaluated += result.considered.pairsEvaluated;
    for (const m of result.moves) {
      gain5 += m.gainWithin[1]!;
      travel += m.travelSeconds;
    }
  }
  const scale: number[] = [];
  for (const t of trials.slice(10, 10 + Math.min(RUNS, DISPATCHES)))
    scale.push(time(() => coverageOf(t.units.map((u) => u.candidate)))[1]);
  console.log('');
  console.log(`move-up after a dispatch, ${label} (12 shortlisted; target p99 < 200 ms)`);
  row('recommendMoveUp (at most 2 moves)', ms);
  row('  for scale: one coverageTimes of the same fleet', scale);
  const n = DISPATCHES;
  console.log(
    `  ${dispatchesWithMoves} of ${n} dispatches got moves, ${(moves / n).toFixed(2)} moves each; (unit, site) pairs ${(pairs / n).toFixed(0)} ` +
      `per dispatch, ${(evaluated / n).toFixed(1)} evaluated exactly; per move: 5-min gain ` +
      `${moves ? ((100 * gain5) / moves / totalDemand).toFixed(3) : '0'}% of the city's demand, drive ${moves ? (travel / moves).toFixed(0) : 0} s`,
  );
  console.log(
    `  demand within 3/5 min (mean): before the dispatch ${pct(coverageOf(fleet.map((u) => u.candidate)), totalDemand, 2)}, ` +
      `after it ${pct(before, totalDemand, 2)}, after the moves ${pct(after, totalDemand, 2)}`,
  );
}

const fleet = fleetOf(cars);
const thin = fleetOf(cars.slice(0, 60));
console.log('');
standby(`${thin.length} units`, thin);
standby(`${fleet.length} units`, fleet);
moveUpAfterDispatch(`${fleet.length - 1} free units`, fleet);
moveUpAfterDispatch(`thin fleet: ${thin.length - 1} free units`, thin);
console.log('');
console.log(`load average at the end (2 cores shared): ${load()}`);
