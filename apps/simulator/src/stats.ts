/**
 * The statistics of a comparison over seeds: mean, sample standard deviation and a Student's t
 * interval, for the few (5-10) seeds a headless comparison runs. Pure, no dependency: the t
 * quantile is the inverse of its CDF (the regularised incomplete beta, continued fraction as in
 * Numerical Recipes 6.4), found by bisection to 1e-12; tests hold it to published table values.
 */

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (divides by n - 1); NaN for fewer than two values. */
export function sampleStdDev(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / (values.length - 1));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const aa of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      -((a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast on the side of the mean; use the symmetry on the other.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError('degrees of freedom must be > 0');
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T <= t) = p, for 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** A mean and its two-sided t interval. */
export interface Interval {
  n: number;
  mean: number;
  low: number;
  high: number;
  /** Half the width (NaN with fewer than two values). */
  halfWidth: number;
}

/**
 * Mean of `values` with its two-sided `level` interval (default 95%) from Student's t with n - 1
 * degrees of freedom: the values are independent draws (one per seed). With one value the
 * interval is unknown (NaN).
 */
export function tInterval(values: readonly number[], level = 0.95): Interval {
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  const n = values.length;
  const m = mean(values);
  const halfWidth =
    n < 2 ? NaN : studentTQuantile(1 - (1 - level) / 2, n - 1) * (sampleStdDev(values) / Math.sqrt(n));
  return { n, mean: m, low: m - halfWidth, high: m + halfWidth, halfWidth };
}

/** `after[i] - before[i]`: the paired differences of two runs of the same seeds. */
export function pairedDifferences(before: readonly number[], after: readonly number[]): number[] {
  if (before.length !== after.length) throw new RangeError('paired lists must be of the same length');
  return after.map((x, i) => x - before[i]!);
}
