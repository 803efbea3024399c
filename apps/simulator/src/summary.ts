/**
 * The response-time summary of one run, in simulated seconds, computed from the server's own
 * incident timestamps mapped to simulated time (see SimClock.toSim). Percentiles are the
 * domain's (same definition as the server's reports).
 */
import { median, percentile } from '@dispatch/domain';

/** What the summary needs of an incident: the server's timestamps, as simulated epoch ms. */
export interface IncidentTimes {
  receivedAt: number;
  firstDispatchedAt: number | null;
  firstOnSceneAt: number | null;
}

export interface Distribution {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface PolicySummary {
  policy: string;
  incidents: number;
  callToDispatch: Distribution;
  /** Share of ALL incidents with a unit dispatched within 1 minute (the 1-3-5 dispatch target). */
  dispatchedWithin1Min: number | null;
  callToOnScene: Distribution;
  /** Share of ALL incidents with a unit on scene within 3 / 5 minutes (unreached count as late). */
  onSceneWithin3Min: number | null;
  onSceneWithin5Min: number | null;
  /** Mean call -> first on scene over the incidents reached (the unreached count in `lateShare`). */
  meanOnSceneSeconds: number | null;
  /** Share of ALL incidents without a unit on scene within 5 minutes: 1 - onSceneWithin5Min. */
  lateShare: number | null;
  /** Standby moves and move-ups per on-duty unit-hour (set by the run; absent: not counted). */
  movesPerUnitHour?: number;
}

function distribution(values: number[]): Distribution {
  return { count: values.length, medianSeconds: median(values), p90Seconds: percentile(values, 0.9) };
}

/** Summary of `incidents`: call -> dispatch and call -> first on scene, in seconds. */
export function summarize(policy: string, incidents: readonly IncidentTimes[]): PolicySummary {
  const sim = (from: number, to: number) => (to - from) / 1000;
  const dispatch: number[] = [];
  const onScene: number[] = [];
  for (const i of incidents) {
    if (i.firstDispatchedAt !== null) dispatch.push(sim(i.receivedAt, i.firstDispatchedAt));
    if (i.firstOnSceneAt !== null) onScene.push(sim(i.receivedAt, i.firstOnSceneAt));
  }
  const share = (values: number[], limit: number) =>
    incidents.length === 0 ? null : values.filter((s) => s <= limit).length / incidents.length;
  return {
    policy,
    incidents: incidents.length,
    callToDispatch: distribution(dispatch),
    dispatchedWithin1Min: share(dispatch, 60),
    callToOnScene: distribution(onScene),
    onSceneWithin3Min: share(onScene, 180),
    onSceneWithin5Min: share(onScene, 300),
    meanOnSceneSeconds: onScene.length === 0 ? null : onScene.reduce((a, b) => a + b, 0) / onScene.length,
    lateShare: incidents.length === 0 ? null : 1 - share(onScene, 300)!,
  };
}

const minutes = (s: number | null) => (s === null ? '-' : `${(s / 60).toFixed(2)} min`);
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)} %`);
const signedMinutes = (s: number | null) =>
  s === null ? '-' : `${s >= 0 ? '+' : ''}${(s / 60).toFixed(2)} min`;
const signedPoints = (x: number | null) =>
  x === null ? '-' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;

interface Row {
  label: string;
  value: (s: PolicySummary) => string;
  raw: (s: PolicySummary) => number | null;
  diff: (d: number | null) => string;
}

const ROWS: Row[] = [
  {
    label: 'incidents (dispatched / on scene)',
    value: (s) => `${s.incidents} (${s.callToDispatch.count} / ${s.callToOnScene.count})`,
    raw: (s) => s.incidents,
    diff: (d) => (d === null ? '-' : `${d >= 0 ? '+' : ''}${d}`),
  },
  {
    label: 'call -> dispatch, median',
    value: (s) => minutes(s.callToDispatch.medianSeconds),
    raw: (s) => s.callToDispatch.medianSeconds,
    diff: signedMinutes,
  },
  {
    label: 'call -> dispatch, p90',
    value: (s) => minutes(s.callToDispatch.p90Seconds),
    raw: (s) => s.callToDispatch.p90Seconds,
    diff: signedMinutes,
  },
  {
    label: 'dispatched within 1 min',
    value: (s) => pct(s.dispatchedWithin1Min),
    raw: (s) => s.dispatchedWithin1Min,
    diff: signedPoints,
  },
  {
    label: 'call -> first on scene, median',
    value: (s) => minutes(s.callToOnScene.medianSeconds),
    raw: (s) => s.callToOnScene.medianSeconds,
    diff: signedMinutes,
  },
  {
    label: 'call -> first on scene, mean',
    value: (s) => minutes(s.meanOnSceneSeconds),
    raw: (s) => s.meanOnSceneSeconds,
    diff: signedMinutes,
  },
  {
    label: 'call -> first on scene, p90',
    value: (s) => minutes(s.callToOnScene.p90Seconds),
    raw: (s) => s.callToOnScene.p90Seconds,
    diff: signedMinutes,
  },
  {
    label: 'on scene within 3 min',
    value: (s) => pct(s.onSceneWithin3Min),
    raw: (s) => s.onSceneWithin3Min,
    diff: signedPoints,
  },
  {
    label: 'on scene within 5 min',
    value: (s) => pct(s.onSceneWithin5Min),
    raw: (s) => s.onSceneWithin5Min,
    diff: signedPoints,
  },
  {
    label: 'late (not on scene within 5 min)',
    value: (s) => pct(s.lateShare),
    raw: (s) => s.lateShare,
    diff: signedPoints,
  },
  {
    label: 'moves per unit-hour',
    value: (s) => (s.movesPerUnitHour === undefined ? '-' : s.movesPerUnitHour.toFixed(3)),
    raw: (s) => s.movesPerUnitHour ?? null,
    diff: (d) => (d === null ? '-' : `${d >= 0 ? '+' : ''}${d.toFixed(3)}`),
  },
];

/**
 * A plain-text table, one column per policy; with two policies a last column gives
 * second minus first (e.g. straight - road: positive minutes mean the second is slower).
 */
export function formatSummaryTable(summaries: readonly PolicySummary[]): string {
  const withDiff = summaries.length === 2;
  const header = ['', ...summaries.map((s) => s.policy)];
  if (withDiff) header.push(`${summaries[1]!.policy} - ${summaries[0]!.policy}`);
  const rows = ROWS.map((row) => {
    const cells = [row.label, ...summaries.map(row.value)];
    if (withDiff) {
      const a = row.raw(summaries[0]!);
      const b = row.raw(summaries[1]!);
      cells.push(row.diff(a === null || b === null ? null : b - a));
    }
    return cells;
  });
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
