/**
 * The incident history a coverage policy learns demand from: weeks of calls drawn by the
 * simulator's own call generator BEFORE the run, with another seed, never the calls being scored.
 * That is what the real console has (last weeks' incident records from the same city), so the
 * policy is judged on demand it could have known, not on the answers.
 */
import { buildDemandSurface, type DemandSurface, type IncidentRecord } from '@dispatch/coverage';
import { generateCalls } from '../call-generator.js';
import type { PolicyRun } from './policy.js';

/** Weeks of history before the run (the demand surface's window). */
export const HISTORY_WEEKS = 3;
/**
 * The history of a run with seed s is drawn with seed s + this: no scored seed (110..., or any
 * below 100,000) shares its stream with any history.
 */
export const HISTORY_SEED_OFFSET = 100_000;

const HOUR_MS = 3_600_000;

/** Calls of the `HISTORY_WEEKS` weeks before the run, as incident records. */
export function trainingHistory(run: PolicyRun): IncidentRecord[] {
  const hours = HISTORY_WEEKS * 7 * 24;
  const from = run.startSimMs - hours * HOUR_MS;
  // Starting exactly whole weeks earlier keeps the local hour of day the run's.
  return generateCalls({
    seed: run.seed + HISTORY_SEED_OFFSET,
    startHour: run.startHour,
    hours,
    callsPerHour: run.callsPerHour,
    hotspotShare: run.hotspotShare,
    hotspots: run.hotspots,
    background: run.places,
  }).map((c) => ({
    lngLat: c.lngLat,
    receivedAt: from + c.atSeconds * 1000,
    priority: c.priority,
    type: c.type,
  }));
}

/**
 * The IANA zone of a whole-hour UTC offset (`Etc/GMT-8` is UTC+8: POSIX signs). The demand surface
 * counts hours of week in a named zone; the simulator knows only the offset.
 */
export function fixedOffsetTimeZone(utcOffsetHours: number): string {
  if (!Number.isInteger(utcOffsetHours) || utcOffsetHours < -12 || utcOffsetHours > 14)
    throw new RangeError(`coverage policies need a whole-hour UTC offset, got ${utcOffsetHours}`);
  return utcOffsetHours === 0 ? 'UTC' : `Etc/GMT${utcOffsetHours > 0 ? '-' : '+'}${Math.abs(utcOffsetHours)}`;
}

/** Surfaces already built in this process: every policy of a seed learns from the same history. */
const surfaces = new Map<string, DemandSurface>();

/** The demand surface of the run's training history (package defaults: H3 res 9, smoothing). */
export function trainingSurface(run: PolicyRun): DemandSurface {
  const key = [
    run.seed,
    run.startSimMs,
    run.startHour,
    run.utcOffsetHours,
    run.callsPerHour,
    run.hotspotShare,
  ].join('|');
  let surface = surfaces.get(key);
  if (!surface) {
    if (surfaces.size >= 16) surfaces.clear(); // a long multi-seed run needs only the current seed's
    surface = buildDemandSurface(trainingHistory(run), {
      now: run.startSimMs,
      timeZone: fixedOffsetTimeZone(run.utcOffsetHours),
      windowDays: HISTORY_WEEKS * 7,
    });
    surfaces.set(key, surface);
  }
  return surface;
}
