/**
 * Headless comparison: the same seeded call stream once per policy, each against a fresh console
 * (the in-process one by default; with `--engine server` a fresh demo server, unless a URL is
 * given), for each of `--seeds` seeds; then one table: with one seed the summary and the
 * difference, with several the mean and 95% interval over seeds and the paired changes.
 */
import type { CliOptions } from './cli-options.js';
import { formatComparison } from './comparison.js';
import { runSimulation, type RunResult } from './run.js';
import { startFreshServer } from './server-process.js';
import { formatSummaryTable } from './summary.js';

/** The seeds a headless run covers: `seed` and the `seeds - 1` after it. */
export function seedsOf(options: Pick<CliOptions, 'seed' | 'seeds'>): number[] {
  return Array.from({ length: options.seeds }, (_, i) => options.seed + i);
}

export async function runHeadless(options: CliOptions, log: (line: string) => void): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const seed of seedsOf(options)) {
    for (const policy of options.policies) {
      const fresh = options.engine === 'server' && !options.url;
      const server = fresh ? await startFreshServer({ log: options.verbose ? log : undefined }) : null;
      if (server)
        log(`policy ${policy}: fresh demo server at ${server.url} (boot ${server.bootSeconds.toFixed(1)} s)`);
      try {
        const result = await runSimulation({
          engine: options.engine,
          url: server?.url ?? options.url ?? undefined,
          policy,
          dispatchAt: options.dispatchAt,
          mode: 'headless',
          hours: options.hours,
          speed: options.speed,
          seed,
          startHour: options.startHour,
          utcOffsetHours: options.utcOffsetHours,
          callsPerHour: options.callsPerHour,
          hotspotShare: options.hotspotShare,
          drainMinutes: options.drainMinutes,
          maxReportHz: options.maxReportHz,
          terminals: options.terminals,
          fleetShare: options.fleetShare,
          dispatcherUser: options.dispatcherUser,
          dispatcherPassword: options.dispatcherPassword,
          unitPassword: options.unitPassword,
          loginConcurrency: 6,
          verbose: options.verbose,
          log,
        });
        const c = result.counters;
        log(
          `seed ${seed} policy ${policy}: ${result.units} units, ${c.incidentsCreated} incidents, ${c.assignments} assignments, ${c.arrivals} arrivals, ${c.closed} closed, ${c.standbyMoves} standby moves, ${c.moveUps} move-ups, ${c.errors} errors; ${result.runRealSeconds.toFixed(1)} s real`,
        );
        results.push(result);
      } finally {
        await server?.stop();
      }
    }
  }
  return results;
}

export function formatResults(options: CliOptions, results: readonly RunResult[]): string {
  const seeds = seedsOf(options);
  const seedText =
    seeds.length === 1 ? `seed ${options.seed}` : `seeds ${seeds[0]}..${seeds[seeds.length - 1]}`;
  const heading = `Response times, simulated: ${options.hours} h from ${String(options.startHour).padStart(2, '0')}:00, ${seedText}, ${options.callsPerHour} calls/h (day mean), ${options.engine} engine, dispatch ${options.dispatchAt === 'ready' ? 'while taking the call' : 'after the call'}${options.terminals === undefined ? '' : `, ${options.terminals} terminals`}${options.fleetShare === 1 ? '' : `, fleet ${options.fleetShare * 100}% on duty`}`;
  if (seeds.length === 1) return [heading, formatSummaryTable(results.map((r) => r.summary))].join('\n');
  const series = options.policies.map((policy) => ({
    policy,
    summaries: seeds.map((seed) => results.find((r) => r.policy === policy && r.seed === seed)!.summary),
  }));
  return [heading, formatComparison(series, seeds)].join('\n');
}
