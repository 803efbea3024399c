/**
 * `pnpm start`: the whole demo from one command. Builds the web console when its sources are newer
 * than the last build, starts the server (embedded PGlite with the demo city unless DATABASE_URL
 * is set), waits until it answers, then starts the live simulator so calls arrive and units move.
 * SIMULATOR=0 starts the console alone. Ctrl+C stops everything.
 *
 * `pnpm start --city FILE` (.osm.pbf, .osm or road GeoJSON) runs the same demo on a real city:
 * its roads, places and addresses imported, grids, posts and a fleet generated on its streets,
 * in its own embedded database (.data/city-NAME) unless DATA_DIR or DATABASE_URL is set.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const webDir = path.join(root, 'apps/web');
const port = Number(process.env.PORT ?? 8110);
const host = process.env.HOST ?? '127.0.0.1';
const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const children: ChildProcess[] = [];

/** `--city FILE` (or `--city=FILE`), resolved against where the command was typed. */
function cityArgument(argv: readonly string[]): string | null {
  const at = argv.findIndex((a) => a === '--city' || a.startsWith('--city='));
  if (at < 0) return null;
  const value = argv[at]!.includes('=') ? argv[at]!.slice('--city='.length) : argv[at + 1];
  if (!value) {
    console.error('usage: pnpm start [--city FILE.osm.pbf|FILE.osm|FILE.geojson]');
    process.exit(2);
  }
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), value);
  if (!existsSync(file)) {
    console.error(`--city: no such file ${file}`);
    process.exit(2);
  }
  return file;
}

const city = cityArgument(process.argv.slice(2));
if (city) {
  process.env.CITY_FILE = city;
  const name = path.basename(city).replace(/\.(osm\.pbf|pbf|osm|xml|geojson|json)$/i, '');
  if (!process.env.DATABASE_URL) process.env.DATA_DIR ??= `.data/city-${name.replace(/[^\w-]/g, '_')}`;
  console.log(
    `running on ${city}${process.env.DATA_DIR ? ` (data in apps/server/${process.env.DATA_DIR})` : ''}`,
  );
}

/** Newest modification time under `dir` (skipping build output and dependencies). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildWebIfStale() {
  const index = path.join(webDir, 'dist/index.html');
  const sources = Math.max(
    newestMtime(path.join(webDir, 'src')),
    newestMtime(path.join(root, 'packages/contracts/src')),
    newestMtime(path.join(root, 'packages/domain/src')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('building the web console ...');
  const result = spawnSync('pnpm', ['--filter', '@dispatch/web', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function run(name: string, args: string[]): ChildProcess {
  const child = spawn('pnpm', args, { cwd: root, stdio: 'inherit', env: process.env });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping`);
    stop(code ?? 1);
  });
  return child;
}

async function waitForHealth(timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`server did not answer at ${baseUrl}/api/health within ${timeoutMs / 1000} s`);
}

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Readable, quiet logs for a person at a terminal: warnings and errors, requests only at debug
// (LOG_LEVEL=debug shows them). Production keeps JSON lines (LOG_FORMAT=json, the server's default).
process.env.LOG_FORMAT ??= 'pretty';
process.env.LOG_LEVEL ??= 'warn';
buildWebIfStale();
run('server', ['--filter', '@dispatch/server', 'run', 'start']);
await waitForHealth(180_000);
if (process.env.SIMULATOR !== '0') {
  console.log(`starting the live simulator against ${baseUrl} (SIMULATOR=0 to skip)`);
  run('simulator', [
    '--filter',
    '@dispatch/simulator',
    'exec',
    'tsx',
    'src/main.ts',
    '--url',
    baseUrl,
    '--speed',
    process.env.SIMULATOR_SPEED ?? '1',
  ]);
}
