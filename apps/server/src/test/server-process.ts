/**
 * A real server node as its own process (`src/main.ts`), for drills that kill one: the database,
 * Redis and the port come from the caller. The simulator has its own starter for fresh demo
 * servers on PGlite (apps/simulator/src/server-process.ts); this one joins a shared database.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface ServerNode {
  port: number;
  url: string;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** The last lines it logged. */
  tail(): string[];
  kill(signal: NodeJS.Signals): Promise<void>;
}

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a node and resolves once /api/health answers (on `port`, e.g. a restart's, else a free one).
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take).
 */
export async function startServerNode(
  env: Record<string, string>,
  timeoutMs = 120_000,
  port?: number,
  nodeArgs: string[] = [],
): Promise<ServerNode> {
  port ??= await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 80) lines.splice(0, lines.length - 80);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let gone = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((gone = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server node did not start:\n${lines.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    url,
    pid: child.pid!,
    exited,
    tail: () => [...lines],
    kill: async (signal) => {
      if (!gone) child.kill(signal);
      await exited;
    },
  };
}
