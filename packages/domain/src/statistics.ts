/**
 * Descriptive statistics over seconds, defined exactly like the SQL used by the reports so the
 * two can check each other. Empty input gives null, as the SQL aggregates do.
 */
import { domainError, DomainErrorException } from './errors.js';

function assertFinite(values: readonly number[]): void {
  if (values.some((v) => !Number.isFinite(v))) {
    throw new DomainErrorException(domainError('VALIDATION_FAILED', 'Statistics need finite numbers'));
  }
}

/** Arithmetic mean (SQL `avg`); null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  assertFinite(values);
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Continuous percentile, identical to PostgreSQL `percentile_cont(p) WITHIN GROUP (ORDER BY x)`:
 * sort, take row `p * (n - 1)` and interpolate linearly between its neighbours.
 * `p` is a fraction in [0, 1]; null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) {
    throw new DomainErrorException(
      domainError('VALIDATION_FAILED', 'Percentile must be a fraction between 0 and 1', { p }),
    );
  }
  if (values.length === 0) return null;
  assertFinite(values);
  const sorted = [...values].sort((a, b) => a - b);
  const row = p * (sorted.length - 1);
  const lower = Math.floor(row);
  const upper = Math.ceil(row);
  const lo = sorted[lower] as number;
  const hi = sorted[upper] as number;
  return lower === upper ? lo : lo + (hi - lo) * (row - lower);
}

/** Median (`percentile_cont(0.5)`); null for no values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Share (0..1) of values at or below `limitSeconds`, e.g. arrivals within 180 s; null for no values. */
export function shareWithin(values: readonly number[], limitSeconds: number): number | null {
  if (values.length === 0) return null;
  assertFinite(values);
  let within = 0;
  for (const v of values) if (v <= limitSeconds) within += 1;
  return within / values.length;
}
