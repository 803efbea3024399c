/**
 * The demand surface: where and when incidents happen, from the incident record of a window
 * (default the 28 days before `now`). Places are H3 cells (h3-js, resolution 9 by default: about
 * 0.1 km², 200 m edges, so a hot spot of a few hundred metres spans a handful of cells); times are
 * hours of week in the centre's time zone; each incident counts by its priority's weight. Rates are
 * incidents per week, smoothed over neighbouring hours, the same hour on other days and the six
 * neighbouring cells, because four weeks leave most cell-hours with zero or one incident; the
 * hot-spot benchmark (bench/hotspots.bench.ts) measures what each smoothing step does.
 */
import { INCIDENT_TYPES, type IncidentType, type LngLat, type Priority } from '@dispatch/domain';
import { gridDisk } from 'h3-js';
import { CellLocator } from './cell-locator.js';
import { HOURS_PER_WEEK, windowClock } from './hour-of-week.js';

/** What the surface needs of an incident. */
export interface IncidentRecord {
  lngLat: LngLat;
  /** Epoch ms. */
  receivedAt: number;
  priority: Priority;
  type: IncidentType;
}

/** Weight of an incident of each priority (1 most urgent). */
export type PriorityWeights = Readonly<Record<Priority, number>>;

/** A P1 call (knife attack, robbery in progress) weighs as much as eight P4 ones (noise). */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { 1: 4, 2: 2, 3: 1, 4: 0.5 };
export const DEFAULT_WINDOW_DAYS = 28;
export const DEFAULT_H3_RESOLUTION = 9;

export interface SmoothingOptions {
  /**
   * Weights of the hour itself and of the hours 1, 2... before and after it (normalised), e.g.
   * `[1, 0.5]`: an hour borrows from the hours beside it. `[1]`: no smoothing in time.
   */
  hourKernel: readonly number[];
  /** Share (0..1) of an hour's rate taken from the same hour of day averaged over the seven days. */
  dayPooling: number;
  /**
   * Pseudo-incidents (>= 0) of the city's hour-of-week rhythm each cell starts with: a cell with
   * `n` incidents takes the share `profilePrior / (profilePrior + n)` of its hours from its weekly
   * total spread by the city's profile. A quiet cell borrows the city's rhythm; a hot spot with
   * hundreds of incidents keeps its own (the bar street at night, the market by day).
   */
  profilePrior: number;
  /** Share (0..1) of a cell's demand spread evenly over its six neighbouring cells. */
  neighbourShare: number;
}

/** Chosen by the hot-spot benchmark on a seed it does not report (see the package README). */
export const DEFAULT_SMOOTHING: SmoothingOptions = {
  hourKernel: [1, 0.5, 0.25],
  dayPooling: 0.8,
  profilePrior: 100,
  neighbourShare: 0.15,
};
export const NO_SMOOTHING: SmoothingOptions = {
  hourKernel: [1],
  dayPooling: 0,
  profilePrior: 0,
  neighbourShare: 0,
};

export interface DemandSurfaceOptions {
  /** End of the window (exclusive), epoch ms: incidents received at or after it are left out. */
  now: number;
  /** IANA zone of the centre; hours of week are local. */
  timeZone: string;
  /** Length of the window before `now`, in days (default 28). */
  windowDays?: number;
  /** H3 resolution 0-15 (default 9). */
  resolution?: number;
  priorityWeights?: PriorityWeights;
  smoothing?: Partial<SmoothingOptions>;
}

export interface DemandSurface {
  readonly resolution: number;
  readonly timeZone: string;
  /** The window [from, to), epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly windowDays: number;
  readonly priorityWeights: PriorityWeights;
  readonly smoothing: SmoothingOptions;
  /** Incidents counted (inside the window, with a usable position and priority). */
  readonly incidentCount: number;
  /** Records left out: outside the window, or without a usable position or priority. */
  readonly skippedCount: number;
  /** Sum of the counted incidents' weights. */
  readonly totalWeight: number;
  /**
   * H3 cells: the `dataCellCount` with incidents first, then their neighbours without any (which
   * smoothing gives a share of demand).
   */
  readonly cells: readonly string[];
  readonly dataCellCount: number;
  /** Per cell: incidents in the window, and their summed weight. */
  readonly incidents: Uint32Array;
  readonly weight: Float64Array;
  /** Per cell and incident type (`cell * INCIDENT_TYPES.length + type index`): incidents in the window. */
  readonly typeCounts: Uint32Array;
  /** Hours of each hour of week in the window (4 each for 28 days). */
  readonly exposureHours: Float64Array;
  /** Smoothed expected weighted demand per week in each hour of week: `cell * 168 + hourOfWeek`. */
  readonly demandRate: Float64Array;
  /** The same for the plain incident count (expected incidents per week in that hour). */
  readonly incidentRate: Float64Array;
}

const TYPE_COUNT = INCIDENT_TYPES.length;
const TYPE_INDEX = new Map<string, number>(INCIDENT_TYPES.map((t, i) => [t, i]));
const DAY_MS = 86_400_000;

function checkOptions(options: DemandSurfaceOptions): Required<DemandSurfaceOptions> & {
  smoothing: SmoothingOptions;
} {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const resolution = options.resolution ?? DEFAULT_H3_RESOLUTION;
  const priorityWeights = options.priorityWeights ?? DEFAULT_PRIORITY_WEIGHTS;
  const smoothing = { ...DEFAULT_SMOOTHING, ...options.smoothing };
  if (!Number.isFinite(options.now)) throw new RangeError('now must be an epoch-ms instant');
  if (!(windowDays > 0 && windowDays <= 3660)) throw new RangeError('windowDays must be in (0, 3660]');
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15)
    throw new RangeError('resolution must be an integer 0-15');
  for (const p of [1, 2, 3, 4] as const)
    if (!(priorityWeights[p] >= 0 && Number.isFinite(priorityWeights[p])))
      throw new RangeError(`priority weight ${p} must be a finite number >= 0`);
  const { hourKernel, dayPooling, profilePrior, neighbourShare } = smoothing;
  if (
    hourKernel.length === 0 ||
    hourKernel.length > 84 ||
    !hourKernel.every((k) => k >= 0 && Number.isFinite(k))
  )
    throw new RangeError('hourKernel must hold 1-84 finite weights >= 0');
  if (!(hourKernel.reduce((a, b) => a + b, 0) > 0)) throw new RangeError('hourKernel must not be all zero');
  if (!(dayPooling >= 0 && dayPooling <= 1)) throw new RangeError('dayPooling must be in [0, 1]');
  if (!(profilePrior >= 0 && Number.isFinite(profilePrior)))
    throw new RangeError('profilePrior must be >= 0');
  if (!(neighbourShare >= 0 && neighbourShare <= 1)) throw new RangeError('neighbourShare must be in [0, 1]');
  return { ...options, windowDays, resolution, priorityWeights, smoothing };
}

/** Builds the demand surface of the incidents received in the `windowDays` before `now`. */
export function buildDemandSurface(
  incidents: Iterable<IncidentRecord>,
  options: DemandSurfaceOptions,
): DemandSurface {
  const o = checkOptions(options);
  const to = o.now;
  const from = to - o.windowDays * DAY_MS;
  const locator = new CellLocator(o.resolution);
  const clock = windowClock(from, to, o.timeZone);
  const hourOf = clock.hourOf;
  const weights = o.priorityWeights;

  let capacity = 256;
  let rawWeight = new Float64Array(capacity * HOURS_PER_WEEK);
  let rawCount = new Float64Array(capacity * HOURS_PER_WEEK);
  let typeCounts = new Uint32Array(capacity * TYPE_COUNT);
  let counted = 0;
  let skipped = 0;
  let totalWeight = 0;
  for (const incident of incidents) {
    const t = incident.receivedAt;
    const w = weights[incident.priority];
    const [lng, lat] = incident.lngLat;
    const type = TYPE_INDEX.get(incident.type);
    if (
      !(t >= from && t < to) ||
      w === undefined ||
      type === undefined ||
      !(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)
    ) {
      skipped += 1;
      continue;
    }
    const c = locator.locate(lng, lat);
    if (c >= capacity) {
      capacity *= 2;
      rawWeight = grown(rawWeight, capacity * HOURS_PER_WEEK);
      rawCount = grown(rawCount, capacity * HOURS_PER_WEEK);
      typeCounts = grown(typeCounts, capacity * TYPE_COUNT);
    }
    const j = c * HOURS_PER_WEEK + hourOf(t);
    rawWeight[j] = rawWeight[j]! + w;
    rawCount[j] = rawCount[j]! + 1;
    const k = c * TYPE_COUNT + type;
    typeCounts[k] = typeCounts[k]! + 1;
    counted += 1;
    totalWeight += w;
  }

  // Neighbours of every cell with incidents join the surface, so spreading keeps all the demand.
  const dataCellCount = locator.cells.length;
  const neighbourStart = new Int32Array(dataCellCount + 1);
  const neighbourList: number[] = [];
  for (let c = 0; c < dataCellCount; c++) {
    for (const n of gridDisk(locator.cells[c]!, 1)) {
      if (n !== locator.cells[c]) neighbourList.push(locator.add(n));
    }
    neighbourStart[c + 1] = neighbourList.length;
  }
  const cellCount = locator.cells.length;

  const exposure = clock.exposure;
  const incidentsPerCell = new Uint32Array(cellCount);
  const weightPerCell = new Float64Array(cellCount);
  for (let c = 0; c < dataCellCount; c++) {
    let n = 0;
    let w = 0;
    for (let h = 0; h < HOURS_PER_WEEK; h++) {
      n += rawCount[c * HOURS_PER_WEEK + h]!;
      w += rawWeight[c * HOURS_PER_WEEK + h]!;
    }
    incidentsPerCell[c] = n;
    weightPerCell[c] = w;
  }
  const smooth = smoother(
    o.smoothing,
    exposure,
    incidentsPerCell,
    dataCellCount,
    cellCount,
    neighbourStart,
    neighbourList,
  );
  const types = new Uint32Array(cellCount * TYPE_COUNT);
  types.set(typeCounts.subarray(0, dataCellCount * TYPE_COUNT));
  return {
    resolution: o.resolution,
    timeZone: o.timeZone,
    from,
    to,
    windowDays: o.windowDays,
    priorityWeights: weights,
    smoothing: o.smoothing,
    incidentCount: counted,
    skippedCount: skipped,
    totalWeight,
    cells: locator.cells,
    dataCellCount,
    incidents: incidentsPerCell,
    weight: weightPerCell,
    typeCounts: types,
    exposureHours: exposure,
    demandRate: smooth(rawWeight),
    incidentRate: smooth(rawCount),
  };
}

function grown<T extends Float64Array | Uint32Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/**
 * The smoothing, a linear map from window counts (data cells x hours) to rates per week
 * (all cells x hours): divide by the hours of exposure, then the hour kernel (circular over the
 * week), day pooling, the city's profile for quiet cells, and the spread to neighbours. Each step keeps a cell's
 * (the last one the city's) total rate.
 */
function smoother(
  s: SmoothingOptions,
  exposure: Float64Array,
  incidentsPerCell: Uint32Array,
  dataCellCount: number,
  cellCount: number,
  neighbourStart: Int32Array,
  neighbourList: readonly number[],
): (raw: Float64Array) => Float64Array {
  const H = HOURS_PER_WEEK;
  const reach = s.hourKernel.length - 1;
  const kernel: number[] = [];
  for (let d = -reach; d <= reach; d++) kernel.push(s.hourKernel[Math.abs(d)]!);
  const kernelSum = kernel.reduce((a, b) => a + b, 0);
  const rate = new Float64Array(H);
  const timed = new Float64Array(H);
  const byHourOfDay = new Float64Array(24);
  return (raw) => {
    // Time steps per cell; the city's hour-of-week profile from their sum.
    const pooled = new Float64Array(dataCellCount * H);
    const cellTotal = new Float64Array(dataCellCount);
    const cityProfile = new Float64Array(H);
    for (let c = 0; c < dataCellCount; c++) {
      const base = c * H;
      for (let h = 0; h < H; h++) rate[h] = exposure[h]! > 0 ? raw[base + h]! / exposure[h]! : 0;
      for (let h = 0; h < H; h++) {
        let sum = 0;
        for (let d = -reach; d <= reach; d++) sum += kernel[d + reach]! * rate[(((h + d) % H) + H) % H]!;
        timed[h] = sum / kernelSum;
      }
      byHourOfDay.fill(0);
      for (let h = 0; h < H; h++) byHourOfDay[h % 24] = byHourOfDay[h % 24]! + timed[h]! / 7;
      let total = 0;
      for (let h = 0; h < H; h++) {
        const v = (1 - s.dayPooling) * timed[h]! + s.dayPooling * byHourOfDay[h % 24]!;
        pooled[base + h] = v;
        cityProfile[h] = cityProfile[h]! + v;
        total += v;
      }
      cellTotal[c] = total;
    }
    const cityTotal = cityProfile.reduce((a, b) => a + b, 0);
    if (cityTotal > 0) for (let h = 0; h < H; h++) cityProfile[h] = cityProfile[h]! / cityTotal;
    const out = new Float64Array(cellCount * H);
    for (let c = 0; c < dataCellCount; c++) {
      const base = c * H;
      const first = neighbourStart[c]!;
      const last = neighbourStart[c + 1]!;
      const keep = last > first ? 1 - s.neighbourShare : 1;
      const give = last > first ? s.neighbourShare / (last - first) : 0;
      const borrow = s.profilePrior > 0 ? s.profilePrior / (s.profilePrior + incidentsPerCell[c]!) : 0;
      for (let h = 0; h < H; h++) {
        const v = (1 - borrow) * pooled[base + h]! + borrow * cellTotal[c]! * cityProfile[h]!;
        if (v === 0) continue;
        out[base + h] = out[base + h]! + keep * v;
        for (let i = first; i < last; i++) {
          const j = neighbourList[i]! * H + h;
          out[j] = out[j]! + give * v;
        }
      }
    }
    return out;
  };
}
