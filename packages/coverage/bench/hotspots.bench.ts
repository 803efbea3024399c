/**
 * Hot-spot benchmark. Run: pnpm --filter @dispatch/coverage run bench
 *
 * 1. Prediction: a seeded 4-week history of the demo city drawn by the simulator's own call
 *    generator (its hot spots with their hour profiles and incident mix, the rest on the road
 *    network), trained on weeks 1-3, scored on week 4 by the PAI at 5% of the area (the study area
 *    is the city's grids in H3 cells), beside the naive baseline: last week's counts per cell.
 * 2. Speed: the surface for a 28-day window holding 1,000,000 incidents, median / p99 of several
 *    builds, beside a naive build that asks h3-js for every incident.
 * Figures only, no assertions: the machine is shared, timings vary with its load (printed).
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateDemoCity } from '@dispatch/demo-city';
import { zonedMidnight } from '@dispatch/domain';
import { buildRoadNetwork, type RoadFeatureCollection } from '@dispatch/routing';
import { cellArea, latLngToCell, polygonToCells } from 'h3-js';
// The simulator's call stream is the history: the same generator the live demo draws calls from.
// Benchmarks may read an app (packages' src may not): this is a measuring tool, not a dependency.
import { generateCalls } from '../../../apps/simulator/src/call-generator.js';
import { patrolVertices, type RoadFeature } from '../../../apps/simulator/src/city-geometry.js';
import {
  buildDemandSurface,
  CellLocator,
  DEFAULT_SMOOTHING,
  expectedDemand,
  HOURS_PER_WEEK,
  hourOfWeekReader,
  NO_SMOOTHING,
  predictionAccuracyIndex,
  segmentCells,
  segmentMidpoints,
  shiftOfWeek,
  spreadDemandOverSegments,
  type DemandMeasure,
  type DemandSurface,
  type IncidentRecord,
  type SmoothingOptions,
} from '../src/index.js';

const TZ = 'Asia/Shanghai';
const RES = 9;
const WEEK_MS = 7 * 86_400_000;
/** A Monday: week 1 starts at its local midnight. */
const ORIGIN = zonedMidnight('2026-11-02', TZ);
const CALLS_PER_HOUR = 40; // the simulator's default
const HOTSPOT_SHARE = 0.5; // the simulator's default
const TUNING_SEED = 1;
const SCORED_SEEDS = [110, 111, 112, 113, 114];
/** The centre's default shifts (apps/server/src/reports/shifts.ts): day 08-20, night 20-08. */
const SHIFTS = [
  { id: 'day', startMinute: 480, endMinute: 1200 },
  { id: 'night', startMinute: 1200, endMinute: 480 },
];

const city = generateDemoCity();
const background = patrolVertices(city.roads.features as unknown as RoadFeature[]);

function history(seed: number, hours: number, callsPerHour: number): IncidentRecord[] {
  return generateCalls({
    seed,
    startHour: 0,
    hours,
    callsPerHour,
    hotspotShare: HOTSPOT_SHARE,
    hotspots: city.hotspots,
    background,
  }).map((c) => ({
    lngLat: c.lngLat,
    receivedAt: ORIGIN + c.atSeconds * 1000,
    priority: c.priority,
    type: c.type,
  }));
}

// The study area: every H3 cell of the city's grids (plus any cell an incident falls in outside them).
const studyCells: string[] = [];
const studyIndex = new Map<string, number>();
const addStudyCell = (cell: string) => {
  if (!studyIndex.has(cell)) {
    studyIndex.set(cell, studyCells.length);
    studyCells.push(cell);
  }
  return studyIndex.get(cell)!;
};
for (const g of city.gridsGeoJson.features)
  for (const cell of polygonToCells(g.geometry.coordinates as number[][][], RES, true)) addStudyCell(cell);
const gridCellCount = studyCells.length;

interface Scored {
  cell: Int32Array;
  hour: Int16Array;
}
function place(records: readonly IncidentRecord[]): Scored {
  const hourOf = hourOfWeekReader(TZ);
  const cell = new Int32Array(records.length);
  const hour = new Int16Array(records.length);
  records.forEach((r, i) => {
    cell[i] = addStudyCell(latLngToCell(r.lngLat[1], r.lngLat[0], RES));
    hour[i] = hourOf(r.receivedAt);
  });
  return { cell, hour };
}

/** Counts per study cell of the incidents in the hours of week of `slice`. */
function countsIn(s: Scored, slice: Slice): Float64Array {
  const inSlice = new Uint8Array(HOURS_PER_WEEK);
  for (const h of slice.hours) inSlice[h.hourOfWeek] = 1;
  const out = new Float64Array(studyCells.length);
  for (let i = 0; i < s.cell.length; i++) if (inSlice[s.hour[i]!]) out[s.cell[i]!]! += 1;
  return out;
}

function onStudyCells(surface: DemandSurface, values: Float64Array): Float64Array {
  const out = new Float64Array(studyCells.length);
  surface.cells.forEach((cell, c) => {
    const i = studyIndex.get(cell);
    if (i !== undefined) out[i] = values[c]!;
  });
  return out;
}

/** Hours of week flagged and scored together (the test and last week each cover one week). */
interface Slice {
  hours: { hourOfWeek: number; weight: number }[];
}
const week4 = ORIGIN + 3 * WEEK_MS;
const allHours = Array.from({ length: HOURS_PER_WEEK }, (_, h) => ({ hourOfWeek: h, weight: 1 }));
const wholeWeek: Slice[] = [{ hours: allHours }];
const shifts: Slice[] = SHIFTS.flatMap((s) =>
  Array.from({ length: 7 }, (_, day) => ({ hours: shiftOfWeek(s, day).hours })),
);
const hours: Slice[] = allHours.map((h) => ({ hours: [h] }));

/** Pooled PAI over slices: incidents caught in all slices / all incidents, over the area share. */
function pooledPai(
  slices: Slice[],
  predict: (slice: Slice) => Float64Array,
  test: Scored,
  area: Float64Array,
) {
  let caught = 0;
  let total = 0;
  let share = 0;
  for (const slice of slices) {
    const actual = countsIn(test, slice);
    const n = actual.reduce((a, b) => a + b, 0);
    const r = predictionAccuracyIndex(predict(slice), actual, area, 0.05);
    caught += r.hitRate * n;
    total += n;
    share += r.areaShare / slices.length;
  }
  return { pai: total > 0 ? caught / total / share : 0, hitRate: caught / total };
}

interface SeedRun {
  train: IncidentRecord[];
  test: Scored;
  lastWeek: Scored;
}
function seedRun(seed: number, callsPerHour = CALLS_PER_HOUR): SeedRun {
  const all = history(seed, 4 * HOURS_PER_WEEK, callsPerHour);
  const train = all.filter((r) => r.receivedAt < week4);
  const test = place(all.filter((r) => r.receivedAt >= week4));
  const lastWeek = place(train.filter((r) => r.receivedAt >= week4 - WEEK_MS));
  return { train, test, lastWeek };
}

function areas(): Float64Array {
  return Float64Array.from(studyCells, (c) => cellArea(c, 'm2'));
}

function modelPai(run: SeedRun, smoothing: SmoothingOptions, measure: DemandMeasure) {
  const surface = buildDemandSurface(run.train, { now: week4, windowDays: 21, timeZone: TZ, smoothing });
  const area = areas();
  const predict = (slice: Slice) => onStudyCells(surface, expectedDemand(surface, slice.hours, measure));
  return {
    week: pooledPai(wholeWeek, predict, run.test, area),
    shift: pooledPai(shifts, predict, run.test, area),
    hour: pooledPai(hours, predict, run.test, area),
  };
}

function baselinePai(run: SeedRun) {
  const area = areas();
  // Last week's counts: of the same slice one week earlier (whole week, same shift, same hour).
  const predict = (slice: Slice) => countsIn(run.lastWeek, slice);
  const allLastWeek = countsIn(run.lastWeek, wholeWeek[0]!);
  return {
    week: pooledPai(wholeWeek, predict, run.test, area),
    shift: pooledPai(shifts, predict, run.test, area),
    hour: pooledPai(hours, predict, run.test, area),
    shiftAllHours: pooledPai(shifts, () => allLastWeek, run.test, area),
    hourAllHours: pooledPai(hours, () => allLastWeek, run.test, area),
  };
}

const fmt = (x: number) => x.toFixed(2).padStart(6);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

console.log(`Hot-spot benchmark, ${new Date().toISOString()}`);
console.log(
  `Machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min); Node ${process.version}`,
);
console.log(
  `Demo city seed ${city.options.seed}: ${city.gridsGeoJson.features.length} grids, ${city.hotspots.length} hot spots, ${gridCellCount} H3 cells (res ${RES}) in the grids`,
);
console.log(
  `History: simulator call generator, ${CALLS_PER_HOUR} calls/h (day mean), ${HOTSPOT_SHARE * 100}% at hot spots, 4 weeks from ${new Date(ORIGIN).toISOString()} (Monday 00:00 ${TZ})`,
);
console.log('Train weeks 1-3 (21-day window), score week 4; PAI at 5% of the study area.\n');

// Smoothing, chosen on a seed not reported below, at the simulator's volume and at a quarter of it.
const tuning = seedRun(TUNING_SEED);
const tuningThin = seedRun(TUNING_SEED, CALLS_PER_HOUR / 4);
console.log(
  `Tuning seed ${TUNING_SEED} (${tuning.train.length} and ${tuningThin.train.length} training incidents at ${CALLS_PER_HOUR} and ${CALLS_PER_HOUR / 4} calls/h): PAI by smoothing, measure 'incidents'`,
);
console.log(
  `${'hourKernel'.padEnd(16)} ${'dayPool'.padStart(7)} ${'prior'.padStart(7)} ${'nbShare'.padStart(7)}   week  shift   hour | 1/4 calls: week  shift   hour`,
);
const candidates: SmoothingOptions[] = [];
for (const hourKernel of [[1], [1, 0.5, 0.25]])
  for (const dayPooling of [0, 0.5, 0.8, 1])
    for (const profilePrior of [0, 10, 30, 100, 300])
      for (const neighbourShare of [0, 0.15, 0.3])
        candidates.push({ hourKernel, dayPooling, profilePrior, neighbourShare });
let best: { s: SmoothingOptions; score: number } | null = null;
for (const s of candidates) {
  const r = modelPai(tuning, s, 'incidents');
  const thin = modelPai(tuningThin, s, 'incidents');
  // The console shows hours (time slider) and shifts: pick by both, at both volumes. The
  // simulator repeats one day seven times a week, so it always rewards pooling the days fully;
  // real weeks differ (Friday and Saturday nights), so the choice keeps a fifth of each day's own
  // pattern (dayPooling <= 0.8).
  const score = (r.shift.pai + r.hour.pai + thin.shift.pai + thin.hour.pai) / 4;
  if (s.dayPooling <= 0.8 && (!best || score > best.score)) best = { s, score };
  console.log(
    `${JSON.stringify(s.hourKernel).padEnd(16)} ${String(s.dayPooling).padStart(7)} ${String(s.profilePrior).padStart(7)} ${String(s.neighbourShare).padStart(7)} ${fmt(r.week.pai)} ${fmt(r.shift.pai)} ${fmt(r.hour.pai)} |           ${fmt(thin.week.pai)} ${fmt(thin.shift.pai)} ${fmt(thin.hour.pai)}`,
  );
}
console.log(
  `Best on the tuning seed (mean of shift and hour PAI at both volumes, dayPooling <= 0.8): ${JSON.stringify(best!.s)}; package default: ${JSON.stringify(DEFAULT_SMOOTHING)}\n`,
);

type Pai = { pai: number; hitRate: number };
type Row = { week: Pai; shift: Pai; hour: Pai };

/**
 * A reference: per-slice counts of a 50-week history from the same generator (another seed).
 * Near the true rates for weeks and shifts; a single hour still holds only ~50 incidents a cell-week.
 */
function fiftyWeeks(callsPerHour: number): (run: SeedRun) => Row {
  const long = place(history(9_999, 50 * HOURS_PER_WEEK, callsPerHour));
  return (run) => {
    const area = areas();
    const predict = (slice: Slice) => countsIn(long, slice);
    return {
      week: pooledPai(wholeWeek, predict, run.test, area),
      shift: pooledPai(shifts, predict, run.test, area),
      hour: pooledPai(hours, predict, run.test, area),
    };
  };
}

function scoreTable(callsPerHour: number): void {
  console.log(
    `Scored seeds ${SCORED_SEEDS.join(', ')}, ${callsPerHour} calls/h: PAI at 5% of the area (hit rate), mean over seeds, range`,
  );
  const rows: Record<string, Row[]> = {};
  const add = (label: string, r: Row) => (rows[label] ??= []).push(r);
  const reference = fiftyWeeks(callsPerHour);
  for (const seed of SCORED_SEEDS) {
    const run = seedRun(seed, callsPerHour);
    add('model, default smoothing, incidents', modelPai(run, DEFAULT_SMOOTHING, 'incidents'));
    add('model, default smoothing, P-weighted', modelPai(run, DEFAULT_SMOOTHING, 'demand'));
    add('model, no smoothing, incidents', modelPai(run, NO_SMOOTHING, 'incidents'));
    const b = baselinePai(run);
    add('baseline: last week, all hours', { week: b.week, shift: b.shiftAllHours, hour: b.hourAllHours });
    add('baseline: last week, same slice', b);
    add('reference: 50 weeks of counts, same slice', reference(run));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${''.padEnd(42)} ${'week'.padEnd(26)} ${'shift (14 a week)'.padEnd(26)} hour (168 a week)`);
  for (const [label, list] of Object.entries(rows)) {
    const cell = (k: keyof Row) => {
      const p = list.map((r) => r[k].pai);
      const h = list.map((r) => r[k].hitRate);
      return `${fmt(mean(p))} (${pct(mean(h))}) ${Math.min(...p).toFixed(2)}-${Math.max(...p).toFixed(2)}`.padEnd(
        26,
      );
    };
    console.log(`${label.padEnd(42)} ${cell('week')} ${cell('shift')} ${cell('hour')}`);
  }
  console.log('');
}
scoreTable(CALLS_PER_HOUR);
// A quieter centre (a quarter of the calls): where the history is thin, smoothing matters more.
scoreTable(CALLS_PER_HOUR / 4);
console.log(
  "(week: flag 5% of the area for the whole week; shift / hour: flag 5% for each slice, incidents caught pooled over the week's slices)\n",
);

// Speed: 1,000,000 incidents within one 28-day window.
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return `median ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, min ${s[0]!.toFixed(0)} ms (n=${s.length})`;
}
const t0 = performance.now();
const big = history(7, 4 * HOURS_PER_WEEK, 1_000_000 / (4 * HOURS_PER_WEEK));
const bigNow = ORIGIN + 4 * WEEK_MS;
console.log(
  `Speed: ${big.length.toLocaleString('en')} incidents in the 28 days before now (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
const builds: number[] = [];
let surface: DemandSurface | null = null;
for (let run = 0; run < 11; run++) {
  const start = performance.now();
  surface = buildDemandSurface(big, { now: bigNow, timeZone: TZ });
  if (run > 0) builds.push(performance.now() - start); // the first run warms up the JIT
}
console.log(`buildDemandSurface, 1M incidents, 28 days      ${stats(builds)}  (target < 2000 ms)`);
console.log(
  `  ${surface!.incidentCount.toLocaleString('en')} counted, ${surface!.dataCellCount} cells with incidents, ${surface!.cells.length} with neighbours; load average now ${loadavg()[0]!.toFixed(2)}`,
);

// Baseline: the same counting with one h3-js call per incident (what the cell locator saves).
const naive: number[] = [];
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  const hourOf = hourOfWeekReader(TZ);
  const counts = new Map<string, Float64Array>();
  for (const r of big) {
    if (r.receivedAt < bigNow - 28 * 86_400_000 || r.receivedAt >= bigNow) continue;
    const cell = latLngToCell(r.lngLat[1], r.lngLat[0], RES);
    let row = counts.get(cell);
    if (!row) counts.set(cell, (row = new Float64Array(HOURS_PER_WEEK)));
    row[hourOf(r.receivedAt)]! += 1;
  }
  naive.push(performance.now() - start);
}
console.log(`baseline: h3-js latLngToCell per incident, counts only   ${stats(naive)}`);

// The locator gives h3-js's answer: check every incident.
const locator = new CellLocator(RES);
let mismatches = 0;
for (const r of big) {
  const c = locator.locate(r.lngLat[0], r.lngLat[1]);
  if (locator.cells[c] !== latLngToCell(r.lngLat[1], r.lngLat[0], RES)) mismatches++;
}
console.log(
  `  cell locator vs h3-js on all ${big.length.toLocaleString('en')} incidents: ${mismatches} mismatches; ${((locator.slowLookups / big.length) * 100).toFixed(2)}% asked h3-js`,
);

// What live coverage pays per pass: one hour of demand spread over the demo city's roads.
const network = buildRoadNetwork(city.roads as unknown as RoadFeatureCollection);
const t1 = performance.now();
const bySegment = segmentCells(segmentMidpoints(network), RES);
const assignMs = performance.now() - t1;
const spreads: number[] = [];
for (let h = 0; h < 50; h++) {
  const start = performance.now();
  spreadDemandOverSegments(bySegment, surface!.cells, expectedDemand(surface!, h % HOURS_PER_WEEK));
  spreads.push(performance.now() - start);
}
console.log(
  `segment demand, ${network.segmentCount} segments: cells of segments once ${assignMs.toFixed(0)} ms; expectedDemand + spread per hour ${stats(spreads)}`,
);
