/** Small statistics for the benchmarks: percentiles over raw samples, and fixed-width tables. */
import { loadavg } from 'node:os';

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  n: number;
  median: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  return {
    n: samples.length,
    median: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    // A reduce, not Math.max(...samples): 100,000+ samples overflow the stack as arguments.
    max: samples.length ? samples.reduce((a, b) => (b > a ? b : a), -Infinity) : Number.NaN,
    mean,
  };
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');

/** Prints rows as an aligned table (first column left, the rest right). */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

export const sleep = (msToWait: number) => new Promise<void>((r) => setTimeout(r, msToWait));

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const clock = () => performance.timeOrigin + performance.now();

/** The 1, 5 and 15-minute load averages, printed with every figure (the machine may be shared). */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
