/**
 * Headless comparison: the same seeded call stream once per policy, each against a fresh console
 * (the in-process one by default; with `--engine server` a fresh demo server, unless a URL is
 * given), then one table with the difference.
 */
import type { CliOptions } from './cli-options.js';
import { runSimulation, type RunResult } from './run.js';
import { startFreshServer } from './server-process.js';
import { formatSummaryTable } from './summary.js';

export async function runHeadless(options: CliOptions, log: (line: string) => void): Promise<RunResult[]> {
  const results: RunResult[] = [];
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
        seed: options.seed,
        startHour: options.startHour,
        utcOffsetHours: options.utcOffsetHours,
        callsPerHour: options.callsPerHour,
        hotspotShare: options.hotspotShare,
        drainMinutes: options.drainMinutes,
        maxReportHz: options.maxReportHz,
        terminals: options.terminals,
        dispatcherUser: options.dispatcherUser,
        dispatcherPassword: options.dispatcherPassword,
        unitPassword: options.unitPassword,
        loginConcurrency: 6,
        verbose: options.verbose,
        log,
      });
      const c = result.counters;
      log(
        `policy ${policy}: ${c.incidentsCreated} incidents, ${c.assignments} assignments, ${c.arrivals} arrivals, ${c.clears} clears, ${c.closed} closed, ${c.errors} errors; ${result.runRealSeconds.toFixed(1)} s real`,
      );
      results.push(result);
    } finally {
      await server?.stop();
    }
  }
  return results;
}

export function formatResults(options: CliOptions, results: readonly RunResult[]): string {
  return [
    `Response times, simulated: ${options.hours} h from ${String(options.startHour).padStart(2, '0')}:00, seed ${options.seed}, ${options.callsPerHour} calls/h (day mean), ${options.engine} engine, dispatch ${options.dispatchAt === 'ready' ? 'while taking the call' : 'after the call'}${options.terminals === undefined ? '' : `, ${options.terminals} terminals`}`,
    formatSummaryTable(results.map((r) => r.summary)),
  ].join('\n');
}
