/** Command line of the simulator (node:util parseArgs: no dependency needed). */
import { parseArgs } from 'node:util';
import type { DispatchAt } from './dispatcher-agent.js';
import type { EngineName } from './engine.js';
import { POLICIES, policyEntry } from './policies/index.js';

export interface CliOptions {
  headless: boolean;
  engine: EngineName;
  url: string | null;
  /** Policy names, in table order. */
  policies: string[];
  dispatchAt: DispatchAt;
  hours: number;
  speed: number;
  seed: number;
  /** Headless: run seeds seed, seed + 1, ... seed + seeds - 1 (default 1). */
  seeds: number;
  /** Share of the crews on duty, chosen by seed (default 1: all). */
  fleetShare: number;
  startHour: number;
  utcOffsetHours: number;
  callsPerHour: number;
  hotspotShare: number;
  drainMinutes: number;
  maxReportHz: number;
  terminals: number | undefined;
  dispatcherUser: string;
  dispatcherPassword: string;
  unitPassword: string;
  json: string | null;
  verbose: boolean;
  help: boolean;
}

const POLICY_HELP = POLICIES.map((p) => `                        ${p.name}: ${p.description}`).join('\n');

export const USAGE = `Usage: pnpm --filter @dispatch/simulator start -- [options]

Live (keeps the demo city busy):  --url http://127.0.0.1:8110 --speed 1
Headless comparison:              --headless --hours 4 --policy both
Coverage, 5 seeds:                --headless --hours 8 --seeds 5 \
                                  --policy closest,closest+standby,closest+standby+moveup

  --headless            simulate --hours and print the response-time summary, then exit
  --engine E            headless: local (default: the console in process, reproducible to the
                        digit) | server (a real server: --url, or a fresh demo server per policy)
  --url URL             server to use (live; headless with --engine server)
  --policy P            a policy, a comma list, or both (closest,straight) / all; live default
                        closest (\`road\` is accepted for closest)
${POLICY_HELP}
  --dispatch-at W       ready (default: dispatch once type and location are known, 10-40 s into
                        the call) | end-of-call (only after the whole call-taking)
  --hours N             simulated hours of calls (default 2; live: length of one generated chunk, 24)
  --speed N             live: simulated seconds per real second (default 1); headless runs are
                        stepped from event to event and take as long as the work does
  --seed N              call stream seed (default 110)
  --seeds N             headless: run N seeds from --seed (110..114 for 5) and print mean and
                        95% t interval over them, with each policy paired against the first
  --fleet X             share of the crews on duty, 0..1 (default 1), chosen by seed: the same
                        units for every policy of a seed
  --start-hour H        local hour the headless clock starts at (default 17)
  --utc-offset H        the centre's UTC offset for the daily rhythm (default 8)
  --calls-per-hour N    mean calls per hour over a whole day (default 40)
  --hotspot-share X     share of calls at hot spots, 0..1 (default 0.5)
  --drain-minutes N     headless: simulated minutes to wait for late arrivals (default 30)
  --report-hz N         live: GPS reports per unit per real second, at most (default 1)
  --terminals N         simulate only the first N unit logins; the other free units are booked
                        off duty (for small machines; changes the server's unit statuses)
  --dispatcher USER     call-taker login (default dispatcher2), --dispatcher-password (dispatcher123)
  --unit-password PW    password of the unit logins unit001... (default unit123)
  --json FILE           also write the results as JSON
  --verbose             log every unit step
`;

function num(
  value: string | undefined,
  name: string,
  fallback: number,
  check: (n: number) => boolean,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new Error(`invalid --${name}: ${value}`);
  return n;
}

export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      headless: { type: 'boolean', default: false },
      engine: { type: 'string' },
      url: { type: 'string' },
      policy: { type: 'string' },
      'dispatch-at': { type: 'string' },
      hours: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      seeds: { type: 'string' },
      fleet: { type: 'string' },
      'start-hour': { type: 'string' },
      'utc-offset': { type: 'string' },
      'calls-per-hour': { type: 'string' },
      'hotspot-share': { type: 'string' },
      'drain-minutes': { type: 'string' },
      'report-hz': { type: 'string' },
      terminals: { type: 'string' },
      dispatcher: { type: 'string', default: 'dispatcher2' },
      'dispatcher-password': { type: 'string', default: 'dispatcher123' },
      'unit-password': { type: 'string', default: 'unit123' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const headless = values.headless ?? false;
  const policyArg = values.policy ?? (headless ? 'both' : 'closest');
  const known = POLICIES.map((p) => p.name);
  const named =
    policyArg === 'both' ? ['closest', 'straight'] : policyArg === 'all' ? known : policyArg.split(',');
  const policies = named.map((p) => {
    try {
      return policyEntry(p).name; // aliases (road) to their policy
    } catch {
      throw new Error(`invalid --policy: ${p}`);
    }
  });
  if (new Set(policies).size !== policies.length) throw new Error(`invalid --policy: ${policyArg}`);
  if (!headless && !values.url && !values.help) throw new Error('live mode needs --url (or use --headless)');
  if (!headless && policies.length !== 1) throw new Error('live mode runs one policy');
  const engine = values.engine ?? (headless ? 'local' : 'server');
  if (engine !== 'local' && engine !== 'server') throw new Error(`invalid --engine: ${engine}`);
  if (!headless && engine !== 'server') throw new Error('live mode runs against a server (--engine server)');
  if (engine === 'local' && values.url) throw new Error('--url needs --engine server');
  const dispatchAt = values['dispatch-at'] ?? 'ready';
  if (dispatchAt !== 'ready' && dispatchAt !== 'end-of-call')
    throw new Error(`invalid --dispatch-at: ${dispatchAt}`);
  const positive = (n: number) => n > 0;
  const seeds = num(values.seeds, 'seeds', 1, (n) => Number.isInteger(n) && n >= 1 && n <= 100);
  if (!headless && seeds !== 1) throw new Error('--seeds needs --headless');
  const utcOffset = values['utc-offset'] ?? '8';
  if (policies.some((p) => p.startsWith('closest+')) && !Number.isInteger(Number(utcOffset)))
    throw new Error('the coverage policies need a whole-hour --utc-offset (their demand is per local hour)');
  return {
    headless,
    engine,
    url: values.url ? values.url.replace(/\/+$/, '') : null,
    policies,
    dispatchAt,
    hours: num(values.hours, 'hours', headless ? 2 : 24, positive),
    speed: num(values.speed, 'speed', 1, (n) => n > 0 && n <= 600),
    seed: num(values.seed, 'seed', 110, Number.isInteger),
    seeds,
    fleetShare: num(values.fleet, 'fleet', 1, (n) => n > 0 && n <= 1),
    startHour: num(values['start-hour'], 'start-hour', 17, (n) => n >= 0 && n < 24),
    utcOffsetHours: num(values['utc-offset'], 'utc-offset', 8, (n) => n >= -12 && n <= 14),
    callsPerHour: num(values['calls-per-hour'], 'calls-per-hour', 40, positive),
    hotspotShare: num(values['hotspot-share'], 'hotspot-share', 0.5, (n) => n >= 0 && n <= 1),
    drainMinutes: num(values['drain-minutes'], 'drain-minutes', 30, (n) => n >= 0),
    maxReportHz: num(values['report-hz'], 'report-hz', 1, (n) => n > 0 && n <= 10),
    terminals:
      values.terminals === undefined
        ? undefined
        : num(values.terminals, 'terminals', 0, (n) => Number.isInteger(n) && n > 0),
    dispatcherUser: values.dispatcher ?? 'dispatcher2',
    dispatcherPassword: values['dispatcher-password'] ?? 'dispatcher123',
    unitPassword: values['unit-password'] ?? 'unit123',
    json: values.json ?? null,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}
