/**
 * The seeded stream of 110 calls: a non-homogeneous Poisson process (thinning) whose rate follows
 * the daily rhythm, with a share of calls at the demo city's hot spots (their own hour profile and
 * incident mix) and the rest anywhere on the road network. Pure: same inputs, same calls.
 */
import type { Hotspot } from '@dispatch/demo-city';
import type { IncidentType, LngLat, Priority } from '@dispatch/domain';
import {
  BACKGROUND_MIX,
  CITY_HOURLY_PROFILE,
  callTakingSecondsFor,
  descriptionFor,
  dispatchReadySecondsFor,
  priorityFor,
  serviceSecondsFor,
} from './call-mix.js';
import { createRng, type Rng } from './prng.js';

export interface BackgroundPlace {
  lngLat: LngLat;
  /** Road name for the address. */
  name: string;
}

export interface SimCall {
  /** 1-based position in the stream. */
  seq: number;
  /** Simulated seconds after the start of the run. */
  atSeconds: number;
  type: IncidentType;
  priority: Priority;
  lngLat: LngLat;
  address: string;
  description: string;
  hotspotCode: string | null;
  /** Pick-up to the end of call-taking (the caller hangs up), simulated seconds. */
  callTakingSeconds: number;
  /**
   * Pick-up to dispatch: the call-taker sends units once type and location are known, while
   * still on the line (at most `callTakingSeconds`).
   */
  dispatchAfterSeconds: number;
  /** Time on scene, simulated seconds. */
  serviceSeconds: number;
}

export interface CallStreamOptions {
  seed: number;
  /** Local hour (0-23, fractional allowed) at which the run starts. */
  startHour: number;
  /** Simulated hours of calls. */
  hours: number;
  /** Mean calls per hour over a whole day; the hour profile scales it. */
  callsPerHour: number;
  /** Share of calls (0..1, averaged over the day) at hot spots. */
  hotspotShare: number;
  hotspots: readonly Hotspot[];
  background: readonly BackgroundPlace[];
}

const METERS_PER_DEGREE_LAT = 111_320;

/** Calls per second at simulated second `t`, split into hot spot and background parts. */
export function callRates(options: CallStreamOptions, t: number): { hotspots: number[]; background: number } {
  const hour = Math.floor((((options.startHour + t / 3600) % 24) + 24) % 24);
  const perSecond = options.callsPerHour / 3600;
  const totalWeight = options.hotspots.reduce((s, h) => s + h.weight, 0) || 1;
  const share = options.hotspots.length > 0 ? options.hotspotShare : 0;
  return {
    hotspots: options.hotspots.map(
      (h) => perSecond * share * (h.weight / totalWeight) * (h.hourlyProfile[hour] ?? 1),
    ),
    background: perSecond * (1 - share) * (CITY_HOURLY_PROFILE[hour] ?? 1),
  };
}

function pointInDisc(rng: Rng, centre: LngLat, radiusMeters: number): LngLat {
  const r = radiusMeters * Math.sqrt(rng.next());
  const a = rng.range(0, 2 * Math.PI);
  const dLat = (r * Math.sin(a)) / METERS_PER_DEGREE_LAT;
  const dLng = (r * Math.cos(a)) / (METERS_PER_DEGREE_LAT * Math.cos((centre[1] * Math.PI) / 180));
  return [round7(centre[0] + dLng), round7(centre[1] + dLat)];
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** Generates the whole stream up front, ordered by time. */
export function generateCalls(options: CallStreamOptions): SimCall[] {
  if (options.background.length === 0 && options.hotspots.length === 0) return [];
  const arrivals = createRng(options.seed).fork('arrivals');
  const details = createRng(options.seed).fork('details');
  const horizon = options.hours * 3600;
  // Upper bound of the rate for thinning: every profile at its maximum.
  const maxRate =
    (options.callsPerHour / 3600) *
    (Math.max(...options.hotspots.flatMap((h) => h.hourlyProfile), 1) + Math.max(...CITY_HOURLY_PROFILE));
  const calls: SimCall[] = [];
  let t = 0;
  for (;;) {
    t += arrivals.exponential(1 / maxRate);
    if (t >= horizon) break;
    const rates = callRates(options, t);
    const total = rates.background + rates.hotspots.reduce((a, b) => a + b, 0);
    if (arrivals.next() * maxRate >= total) continue; // thinned out
    // Which source: proportional to its current rate.
    let pick = arrivals.next() * total;
    let hotspot: Hotspot | null = null;
    for (let i = 0; i < rates.hotspots.length; i++) {
      pick -= rates.hotspots[i]!;
      if (pick < 0) {
        hotspot = options.hotspots[i]!;
        break;
      }
    }
    if (!hotspot && options.background.length === 0) hotspot = options.hotspots[0]!;
    calls.push(makeCall(details, calls.length + 1, t, hotspot, options));
  }
  return calls;
}

function makeCall(
  rng: Rng,
  seq: number,
  t: number,
  hotspot: Hotspot | null,
  options: CallStreamOptions,
): SimCall {
  let type: IncidentType;
  let lngLat: LngLat;
  let address: string;
  if (hotspot) {
    type = rng.weighted(hotspot.incidentWeights);
    lngLat = pointInDisc(rng, hotspot.lngLat, hotspot.radiusMeters);
    address = `${hotspot.name}附近`;
  } else {
    type = rng.weighted(BACKGROUND_MIX);
    const place = options.background[rng.int(options.background.length)]!;
    lngLat = pointInDisc(rng, place.lngLat, 30);
    address = place.name ? `${place.name}附近` : '路边';
  }
  const priority = priorityFor(type, rng);
  // Drawn in this order (description, call-taking, service): the stream of a seed stays the same.
  const description = descriptionFor(type, rng);
  const callTakingSeconds = callTakingSecondsFor(priority, rng);
  const serviceSeconds = serviceSecondsFor(type, rng);
  return {
    seq,
    atSeconds: Math.round(t * 10) / 10,
    type,
    priority,
    lngLat,
    address,
    description,
    hotspotCode: hotspot?.code ?? null,
    callTakingSeconds,
    serviceSeconds,
    // Its own stream per call: the rest of the call stream stays what it was for a seed.
    dispatchAfterSeconds: dispatchReadySecondsFor(
      priority,
      callTakingSeconds,
      createRng(options.seed).fork(`dispatch-ready:${seq}`),
    ),
  };
}
