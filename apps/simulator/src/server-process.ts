/**
 * A fresh server for one headless run: its own child process in demo mode with an empty
 * temporary PGlite directory and a free port. The simulator still talks to it only over HTTP and
 * Socket.IO; this module just starts and stops the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerHandle {
  url: string;
  dataDir: string;
  /** Seconds from spawn to a healthy API. */
  bootSeconds: number;
  stop(): Promise<void>;
}

const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`);
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts `apps/server` (DEMO=1) and resolves once /api/health answers. */
export async function startFreshServer(
  options: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<ServerHandle> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-sim-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      DEMO: '1',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.SIM_SERVER_LOG_LEVEL ?? 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 50) tail.shift();
      options.log?.(`[server] ${line}`);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    }),
  );

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = started + (options.timeoutMs ?? 180_000);
  while (!(await healthy(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`server did not start (${exited ?? 'timeout'}):\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, dataDir, bootSeconds: (Date.now() - started) / 1000, stop };
}
