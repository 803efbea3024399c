/** Simulator entry point: live mode keeps a server's city busy; headless mode compares policies. */
import { writeFile } from 'node:fs/promises';
import { parseCli, USAGE } from './cli-options.js';
import { formatResults, runHeadless } from './headless.js';
import { runSimulation } from './run.js';

const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.headless) {
    const results = await runHeadless(options, log);
    console.log(`\n${formatResults(options, results)}\n`);
    if (options.json) await writeFile(options.json, JSON.stringify({ options, results }, null, 2));
    return;
  }
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const result = await runSimulation({
    engine: 'server',
    url: options.url!,
    policy: options.policies[0]!,
    dispatchAt: options.dispatchAt,
    mode: 'live',
    hours: options.hours,
    speed: options.speed,
    seed: options.seed,
    startHour: options.startHour,
    utcOffsetHours: options.utcOffsetHours,
    callsPerHour: options.callsPerHour,
    hotspotShare: options.hotspotShare,
    drainMinutes: 0,
    maxReportHz: options.maxReportHz,
    terminals: options.terminals,
    dispatcherUser: options.dispatcherUser,
    dispatcherPassword: options.dispatcherPassword,
    unitPassword: options.unitPassword,
    loginConcurrency: 4,
    verbose: options.verbose,
    log,
    signal: abort.signal,
  });
  console.log(`stopped: ${JSON.stringify(result.counters)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
