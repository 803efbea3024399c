/**
 * The push measurement of the benchmarks: POST an incident (auto-dispatch), time the first
 * `assignment:created` at an assigned unit's socket in a load worker (clocks aligned by ping),
 * cancel it to release the units. Shared by bench:push (server in process) and bench:push-nodes
 * (server processes, one or two behind Redis).
 */
import type { IncidentDto } from '@dispatch/contracts';
import type { WorkerMessage } from './load-worker.js';
import { clock, sleep } from './stats.js';
import type { LoadWorker } from './workers.js';

/** Where incidents are created: a node's URL and a dispatcher's token. */
export interface PushTarget {
  url: string;
  dispatcherToken: string;
}

export interface IncidentSample {
  /** POST sent -> first assignment:created at an assigned unit's socket. */
  pushMs: number;
  /** POST sent -> last assignment event of the incident. */
  allMs: number;
  /** POST round trip (the response comes after the events are published). */
  postMs: number;
  assignments: number;
  /** The load worker whose socket got the first event. */
  firstWorker: string;
  /** Per arrival: the unit and when (ms after the POST was sent). */
  arrivals: { unitId: string; ms: number }[];
}

export class PushProbe {
  private readonly arrived = new Map<string, { at: number; worker: string; unitId: string }[]>();
  /** Units with a terminal socket: only their assignment events can be timed. */
  readonly withSocket = new Set<string>();
  readonly errors: string[] = [];

  constructor(private readonly gapMs: number) {}

  /** Pass every load worker's messages here. */
  readonly onWorkerMessage = (message: WorkerMessage, worker: LoadWorker) => {
    if (message.type !== 'assignment') return;
    const list = this.arrived.get(message.incidentId) ?? [];
    list.push({ at: message.at - worker.offsetMs, worker: worker.name, unitId: message.unitId });
    this.arrived.set(message.incidentId, list);
  };

  async incidentOnce(target: PushTarget, vertices: number[][]): Promise<IncidentSample | null> {
    const [lng, lat] = vertices[Math.floor(Math.random() * vertices.length)]!;
    const t0 = clock();
    const incident = await api<IncidentDto>(target, 'POST', '/api/incidents', {
      type: 'knife_attack',
      priority: 1,
      location: { lng, lat },
      address: 'benchmark',
      description: 'push-latency benchmark',
    });
    const postMs = clock() - t0;
    const expected = incident.assignments.filter((a) => this.withSocket.has(a.unitId)).length;
    if (expected > 0) await waitFor(() => (this.arrived.get(incident.id)?.length ?? 0) >= expected, 5000);
    const times = this.arrived.get(incident.id) ?? [];
    this.arrived.delete(incident.id);
    // Release the units so the fleet stays the same size through the run (not timed).
    await api(target, 'POST', `/api/incidents/${incident.id}/cancel`, { reason: 'bench' });
    if (times.length === 0) return null;
    const first = times.reduce((a, b) => (b.at < a.at ? b : a));
    return {
      pushMs: first.at - t0,
      allMs: Math.max(...times.map((t) => t.at)) - t0,
      firstWorker: first.worker,
      postMs,
      assignments: incident.assignments.length,
      arrivals: times.map((t) => ({ unitId: t.unitId, ms: t.at - t0 })),
    };
  }

  async incidents(target: PushTarget, vertices: number[][], n: number, label: string) {
    const samples: IncidentSample[] = [];
    let missed = 0;
    for (let i = 0; i < n; i++) {
      // One failed request is counted and shown, not the end of a 20-minute run.
      const s = await this.incidentOnce(target, vertices).catch((error: unknown) => {
        this.errors.push(String((error as Error)?.message ?? error));
        return null;
      });
      if (s) samples.push(s);
      else missed += 1;
      if ((i + 1) % 50 === 0) console.log(`  ${label}: ${i + 1}/${n} incidents`);
      await sleep(this.gapMs * (0.5 + Math.random()));
    }
    return { samples, missed };
  }
}

async function api<T>(target: PushTarget, method: string, path: string, body?: unknown) {
  const res = await fetch(`${target.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${target.dispatcherToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function waitFor(check: () => boolean, timeoutMs: number) {
  const until = clock() + timeoutMs;
  while (!check() && clock() < until) await sleep(1);
  return check();
}

/** GET /api/health round trips (ms). */
export async function healthRoundTrips(url: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = clock();
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    out.push(clock() - t0);
    await sleep(5);
  }
  return out;
}
