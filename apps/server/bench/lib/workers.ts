/** Parent side of the load workers: fork, command, collect replies, align clocks. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoopDelay, WorkerCommand, WorkerMessage, WorkerStats } from './load-worker.js';
import { clock } from './stats.js';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export class LoadWorker {
  private readonly child: ChildProcess;
  private waiters: {
    type: WorkerMessage['type'];
    resolve: (m: WorkerMessage) => void;
    reject: (e: Error) => void;
  }[] = [];
  /** Worker clock minus parent clock (ms), from the ping with the shortest round trip. */
  offsetMs = 0;

  constructor(
    readonly name: string,
    onMessage: (message: WorkerMessage, worker: LoadWorker) => void,
  ) {
    this.child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw) => {
      const message = raw as WorkerMessage;
      if (message.type === 'error') {
        // A failed command fails whoever waits on this worker, instead of hanging the run.
        for (const w of this.waiters.splice(0)) w.reject(new Error(`[${name}] ${message.message}`));
      }
      const i = this.waiters.findIndex((w) => w.type === message.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message);
      onMessage(message, this);
    });
  }

  send(command: WorkerCommand): void {
    this.child.send(command);
  }

  request<T extends WorkerMessage['type']>(
    command: WorkerCommand,
    reply: T,
  ): Promise<Extract<WorkerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ type: reply, resolve: resolve as (m: WorkerMessage) => void, reject });
      this.child.send(command);
    });
  }

  async calibrate(samples = 25): Promise<void> {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < samples; i++) {
      const t0 = clock();
      const pong = await this.request({ type: 'ping', t0 }, 'pong');
      const t2 = clock();
      if (t2 - t0 < best.rtt) best = { rtt: t2 - t0, offset: pong.t1 - (t0 + t2) / 2 };
    }
    this.offsetMs = best.offset;
  }

  /** Event-loop delay of the worker as of its last stats reply. */
  loop: LoopDelay = { p50: 0, p99: 0, max: 0 };

  async stats(reset = false): Promise<WorkerStats> {
    const reply = await this.request({ type: 'stats', reset }, 'stats');
    this.loop = reply.loop;
    return reply.stats;
  }

  async exit(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'exit' });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** Sums the stats of several workers (sample arrays concatenated). */
export function mergeStats(all: WorkerStats[]): WorkerStats {
  const out = all[0] ? { ...all[0], ackMs: [...all[0].ackMs], batchMs: [...all[0].batchMs] } : undefined;
  if (!out) throw new Error('no workers');
  for (const s of all.slice(1)) {
    for (const key of Object.keys(s) as (keyof WorkerStats)[]) {
      const v = s[key];
      // A loop, not push(...v): a long run's 200,000 samples overflow the stack as arguments.
      if (Array.isArray(v)) for (const x of v) (out[key] as number[]).push(x);
      else (out[key] as number) += v as number;
    }
  }
  return out;
}
