/**
 * The headless comparison over several seeds: per policy the mean and 95% t interval over seeds
 * of each figure, then each policy against the first (`closest` when it runs) paired seed by
 * seed: the same calls, so the difference per seed is the policy's effect plus noise of that
 * seed's run. Plain text, one column per policy.
 */
import { pairedDifferences, tInterval, type Interval } from './stats.js';
import type { PolicySummary } from './summary.js';

/** One policy's summaries, one per seed, in the seeds' order (the same for every policy). */
export interface PolicySeries {
  policy: string;
  summaries: readonly PolicySummary[];
}

interface Metric {
  label: string;
  /** The figure of one run, in display units (minutes, percent, moves). */
  of: (s: PolicySummary) => number | null;
  digits: number;
  suffix: string;
}

const METRICS: readonly Metric[] = [
  { label: 'incidents', of: (s) => s.incidents, digits: 1, suffix: '' },
  {
    label: 'call -> first on scene, mean',
    of: (s) => (s.meanOnSceneSeconds === null ? null : s.meanOnSceneSeconds / 60),
    digits: 2,
    suffix: ' min',
  },
  { label: 'on scene within 3 min', of: (s) => percent(s.onSceneWithin3Min), digits: 1, suffix: ' %' },
  { label: 'on scene within 5 min', of: (s) => percent(s.onSceneWithin5Min), digits: 1, suffix: ' %' },
  { label: 'late (not within 5 min)', of: (s) => percent(s.lateShare), digits: 2, suffix: ' %' },
  { label: 'moves per unit-hour', of: (s) => s.movesPerUnitHour ?? null, digits: 3, suffix: '' },
];

const percent = (x: number | null) => (x === null ? null : 100 * x);

function valuesOf(series: PolicySeries, metric: Metric): number[] | null {
  const values = series.summaries.map(metric.of);
  return values.some((v) => v === null) ? null : (values as number[]);
}

function cell(ci: Interval | null, digits: number, suffix: string, signed = false): string {
  if (!ci) return '-';
  const f = (x: number) => `${signed && x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
  const range = Number.isNaN(ci.halfWidth) ? '' : ` [${f(ci.low)}, ${f(ci.high)}]`;
  return `${f(ci.mean)}${suffix}${range}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((text, c) => text.padEnd(widths[c]!)).join(' | ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join(
    '\n',
  );
}

/** Mean [95% interval] of each figure per policy, and the paired changes against the first. */
export function formatComparison(series: readonly PolicySeries[], seeds: readonly number[]): string {
  const n = seeds.length;
  const header = [`mean [95% t interval], ${n} seeds`, ...series.map((s) => s.policy)];
  const rows = METRICS.map((m) => [
    m.label,
    ...series.map((s) => {
      const values = valuesOf(s, m);
      return cell(values ? tInterval(values) : null, m.digits, m.suffix);
    }),
  ]);
  const out = [table([header, ...rows])];

  const base = series[0];
  if (base && series.length > 1) {
    const late = METRICS.find((m) => m.label.startsWith('late'))!;
    const meanResponse = METRICS[1]!;
    const baseLate = valuesOf(base, late);
    const baseMean = valuesOf(base, meanResponse);
    const paired = series.slice(1).map((s) => {
      const lateValues = valuesOf(s, late);
      const meanValues = valuesOf(s, meanResponse);
      const lateDiff = baseLate && lateValues ? tInterval(pairedDifferences(baseLate, lateValues)) : null;
      const baseLateMean = baseLate ? tInterval(baseLate).mean : NaN;
      // Relative to the baseline's mean late share (taken as fixed): the "cut by 15%".
      const relative =
        lateDiff && baseLateMean > 0
          ? {
              ...lateDiff,
              mean: (100 * lateDiff.mean) / baseLateMean,
              low: (100 * lateDiff.low) / baseLateMean,
              high: (100 * lateDiff.high) / baseLateMean,
            }
          : null;
      const meanDiff = baseMean && meanValues ? tInterval(pairedDifferences(baseMean, meanValues)) : null;
      return [
        `${s.policy} - ${base.policy}`,
        cell(lateDiff, 2, ' pts', true),
        cell(relative, 1, ' %', true),
        cell(meanDiff, 2, ' min', true),
      ];
    });
    out.push(
      '',
      table([
        [
          `paired over the ${n} seeds`,
          'late share change',
          `relative to ${base.policy}'s late share`,
          'mean response change',
        ],
        ...paired,
      ]),
    );
  }

  const bySeed = [
    ['late share / mean response by seed', ...series.map((s) => s.policy)],
    ...seeds.map((seed, i) => [
      `seed ${seed}`,
      ...series.map((s) => {
        const one = s.summaries[i]!;
        const lateShare = one.lateShare === null ? '-' : `${(100 * one.lateShare).toFixed(2)} %`;
        const meanMin =
          one.meanOnSceneSeconds === null ? '-' : `${(one.meanOnSceneSeconds / 60).toFixed(2)} min`;
        return `${lateShare} / ${meanMin}`;
      }),
    ]),
  ];
  out.push('', table(bySeed));
  return out.join('\n');
}
