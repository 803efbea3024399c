/**
 * The main thread's handle on the planning engine. `WorkerPlanning` runs it in a worker thread:
 * the network is rebuilt there once from the same GeoJSON (so vertex and segment numbers agree),
 * zones are sent once per grid version, and each call is one message each way. A worker that dies
 * fails the calls in flight (their callers log and retry on the next trigger) and is started again
 * on the next call. `InlinePlanning` runs the engine on the main thread: tests that build networks
 * by hand, and PLANNING_WORKER=inline.
 */
import type { MoveUpResult, ZoneCoverage } from '@dispatch/coverage';
import type { RoadNetwork } from '@dispatch/routing';
import { Worker } from 'node:worker_threads';
import {
  PlanningEngine,
  type CoverageRequest,
  type MoveUpRequest,
  type PlanningCall,
  type ReachSummary,
  type StandbyRequest,
  type StandbyResult,
  type ZonesData,
} from './planning-engine.js';

/** The zones of one network, as the cover planner holds them. */
export interface PlanningZones {
  readonly network: RoadNetwork;
  /** Changes whenever the network or the grids do. */
  readonly key: string;
  readonly segmentZone: Int32Array;
  readonly vertexZone: Int32Array;
  readonly gridIds: readonly string[];
}

type Request<T> = Omit<T, 'zonesKey'>;

export interface Planning {
  reach(zones: PlanningZones, targetsSeconds: readonly number[]): Promise<ReachSummary>;
  coverage(zones: PlanningZones, request: Request<CoverageRequest>): Promise<ZoneCoverage[] | null>;
  standby(zones: PlanningZones, request: Request<StandbyRequest>): Promise<StandbyResult>;
  moveUp(zones: PlanningZones, request: Request<MoveUpRequest>): Promise<MoveUpResult>;
  close(): Promise<void>;
}

/** A stable number per network object, so the engine knows when it changed. */
const networkKeys = new WeakMap<RoadNetwork, number>();
let nextNetworkKey = 1;
function networkKey(network: RoadNetwork): number {
  let key = networkKeys.get(network);
  if (key === undefined) networkKeys.set(network, (key = nextNetworkKey++));
  return key;
}

function zonesData(zones: PlanningZones): ZonesData {
  return {
    key: zones.key,
    networkKey: networkKey(zones.network),
    segmentZone: zones.segmentZone,
    vertexZone: zones.vertexZone,
    zoneCount: zones.gridIds.length,
  };
}

/** Calls answered by an engine, given the zones they are about. */
abstract class EnginePlanning implements Planning {
  /** One engine call about `zones` (the typed methods below wrap it). */
  abstract call(zones: PlanningZones, call: PlanningCall): Promise<unknown>;
  abstract close(): Promise<void>;

  async reach(zones: PlanningZones, targetsSeconds: readonly number[]): Promise<ReachSummary> {
    return (await this.call(zones, { op: 'reach', zonesKey: zones.key, targetsSeconds })) as ReachSummary;
  }

  async coverage(zones: PlanningZones, request: Request<CoverageRequest>): Promise<ZoneCoverage[] | null> {
    const call: PlanningCall = { op: 'coverage', request: { ...request, zonesKey: zones.key } };
    return (await this.call(zones, call)) as ZoneCoverage[] | null;
  }

  async standby(zones: PlanningZones, request: Request<StandbyRequest>): Promise<StandbyResult> {
    const call: PlanningCall = { op: 'standby', request: { ...request, zonesKey: zones.key } };
    return (await this.call(zones, call)) as StandbyResult;
  }

  async moveUp(zones: PlanningZones, request: Request<MoveUpRequest>): Promise<MoveUpResult> {
    const call: PlanningCall = { op: 'moveUp', request: { ...request, zonesKey: zones.key } };
    return (await this.call(zones, call)) as MoveUpResult;
  }
}

/** The engine on the main thread: each call blocks it for as long as the search takes. */
export class InlinePlanning extends EnginePlanning {
  private readonly engine = new PlanningEngine();
  private zonesKey: string | null = null;

  call(zones: PlanningZones, call: PlanningCall): Promise<unknown> {
    try {
      this.engine.useNetwork(networkKey(zones.network), zones.network);
      if (this.zonesKey !== zones.key) {
        this.engine.setZones(zonesData(zones));
        this.zonesKey = zones.key;
      }
      return Promise.resolve(this.engine.run(call));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** One worker thread and what it has been sent. */
interface Running {
  worker: Worker;
  pending: Map<number, Pending>;
  network: { key: number; sent: Promise<unknown> } | null;
  zonesKey: string | null;
}

export class WorkerPlanning extends EnginePlanning {
  private running: Running | null = null;
  private nextId = 1;
  private closed = false;
  private readonly inline = new InlinePlanning();

  /**
   * @param source the GeoJSON a network was built from; null for a network built in memory, which
   *   the engine then plans on the main thread (tests, benchmarks).
   * @param onExit a worker that died unasked (logged by the server).
   */
  constructor(
    private readonly source: (network: RoadNetwork) => string | null,
    private readonly onExit: (error: Error) => void = () => {},
  ) {
    super();
  }

  async call(zones: PlanningZones, call: PlanningCall): Promise<unknown> {
    if (this.closed) throw new Error('planning: closed');
    const geojson = this.source(zones.network);
    if (geojson === null) return this.inline.call(zones, call);
    const running = this.start();
    const key = networkKey(zones.network);
    if (running.network?.key !== key) {
      // Concurrent callers share one load; the worker handles messages in order.
      running.network = {
        key,
        sent: this.post(running, {
          op: 'network',
          key,
          geojson,
          nodeCount: zones.network.nodeCount,
          segmentCount: zones.network.segmentCount,
        }),
      };
      running.zonesKey = null;
    }
    const loaded = running.network.sent;
    if (running.zonesKey !== zones.key) {
      running.zonesKey = zones.key;
      void this.post(running, { op: 'zones', zones: zonesData(zones) }).catch(() => {
        if (running.zonesKey === zones.key) running.zonesKey = null;
      });
    }
    const answer = this.post(running, call);
    answer.catch(() => {}); // awaited below, unless the network failed to load first
    try {
      await loaded;
    } catch (error) {
      running.network = null; // try again on the next call
      throw error;
    }
    return answer;
  }

  private start(): Running {
    if (this.running) return this.running;
    const entry = new URL(
      `./planning-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
      import.meta.url,
    );
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: entry.href },
      name: 'planning',
    });
    // The server's own work keeps the process alive; an idle planner must not.
    worker.unref();
    const running: Running = { worker, pending: new Map(), network: null, zonesKey: null };
    worker.on('message', (reply: Reply) => {
      const waiting = running.pending.get(reply.id);
      if (!waiting) return;
      running.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    });
    const stop = (error: Error) => {
      if (this.running === running) this.running = null;
      for (const p of running.pending.values()) p.reject(error);
      running.pending.clear();
    };
    worker.on('error', (error) => {
      stop(error);
      if (!this.closed) this.onExit(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`planning: the worker exited (code ${code})`);
      stop(error);
      if (!this.closed && code !== 0) this.onExit(error);
    });
    this.running = running;
    return running;
  }

  private post(running: Running, call: PlanningCall): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      running.pending.set(id, { resolve, reject });
      running.worker.postMessage({ id, call });
    });
  }

  /** Test hook: the worker's thread id (null before the first call). */
  get threadId(): number | null {
    return this.running?.worker.threadId ?? null;
  }

  /** Ends the worker (kill -9 of a thread, for the crash test). */
  async terminate(): Promise<void> {
    await this.running?.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    this.running = null;
    if (running) await running.worker.terminate();
  }
}
