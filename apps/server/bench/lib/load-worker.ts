/**
 * A load-generating child process of the benchmarks, so that simulated clients do not share the
 * server's event loop: unit terminals (one Socket.IO connection each, reporting positions with an
 * ack, as the web terminal does), an optional wall client, and vehicle gateways posting batches.
 * It timestamps every `assignment:created` at a unit socket the moment it arrives.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dispatch/contracts';
import { clock, sleep } from './stats.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface WorkerUnit {
  id: string;
  token: string;
  kind: string;
  lngLat: [number, number];
}

export type WorkerCommand =
  | { type: 'connect'; url: string; units: WorkerUnit[]; wallToken?: string; concurrency: number }
  | { type: 'positions'; hz: number }
  | {
      type: 'gateway';
      url: string;
      token: string;
      unitIds: string[];
      reportsPerSecond: number;
      batchSize: number;
      concurrency: number;
    }
  | { type: 'ping'; t0: number }
  | { type: 'stats'; reset?: boolean }
  | { type: 'exit' };

export interface WorkerStats {
  sent: number;
  acked: number;
  ackErrors: number;
  ackMs: number[];
  batchesSent: number;
  batchesAccepted: number;
  batchErrors: number;
  reportsAccepted: number;
  batchMs: number[];
  wallPositionMessages: number;
  wallPositions: number;
  disconnects: number;
}

/** This worker's event-loop delay since the last reset (ms): its own lag is in what it times. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export type WorkerMessage =
  | { type: 'connected'; sockets: number; ms: number }
  | { type: 'assignment'; incidentId: string; unitId: string; at: number }
  | { type: 'pong'; t0: number; t1: number }
  | { type: 'stats'; stats: WorkerStats; loop: LoopDelay }
  | { type: 'error'; message: string };

const send = (message: WorkerMessage) => process.send?.(message);

const emptyStats = (): WorkerStats => ({
  sent: 0,
  acked: 0,
  ackErrors: 0,
  ackMs: [],
  batchesSent: 0,
  batchesAccepted: 0,
  batchErrors: 0,
  reportsAccepted: 0,
  batchMs: [],
  wallPositionMessages: 0,
  wallPositions: 0,
  disconnects: 0,
});

let stats = emptyStats();
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const terminals: { unit: WorkerUnit; socket: ClientSocket; heading: number }[] = [];
let wall: ClientSocket | null = null;
let positionTimers: NodeJS.Timeout[] = [];
let gatewayRunning = false;

function connectOne(url: string, token: string): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    // Websocket only: 2,000 long-polling handshakes would measure the upgrade, not the console.
    // A slow handshake (the server builds a snapshot per connection) is retried, not fatal.
    const socket: ClientSocket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: true,
      timeout: 60_000,
    });
    let failures = 0;
    socket.once('connect', () => resolve(socket));
    socket.on('connect_error', (e) => {
      if (++failures >= 10 || e.message === 'UNAUTHENTICATED') {
        socket.disconnect();
        reject(e);
      }
    });
    socket.on('disconnect', () => {
      stats.disconnects += 1;
    });
  });
}

async function connect(cmd: Extract<WorkerCommand, { type: 'connect' }>) {
  const started = clock();
  let next = 0;
  const lanes = Array.from({ length: cmd.concurrency }, async () => {
    while (next < cmd.units.length) {
      const unit = cmd.units[next++]!;
      const socket = await connectOne(cmd.url, unit.token);
      socket.on('assignment:created', (a) => {
        send({ type: 'assignment', incidentId: a.incidentId, unitId: a.unitId, at: clock() });
      });
      terminals.push({ unit, socket, heading: Math.random() * 360 });
    }
  });
  await Promise.all(lanes);
  if (cmd.wallToken) {
    wall = await connectOne(cmd.url, cmd.wallToken);
    wall.on('unit:positions', (batch) => {
      stats.wallPositionMessages += 1;
      stats.wallPositions += batch.positions.length;
    });
  }
  send({ type: 'connected', sockets: terminals.length + (wall ? 1 : 0), ms: clock() - started });
}

/** A few metres along the current heading, turning now and then: a car on patrol. */
function move(t: (typeof terminals)[number]) {
  t.heading = (t.heading + (Math.random() - 0.5) * 40 + 360) % 360;
  const meters = 8 + Math.random() * 4;
  const rad = (t.heading * Math.PI) / 180;
  t.unit.lngLat = [
    t.unit.lngLat[0] + (Math.sin(rad) * meters) / (111_320 * Math.cos((t.unit.lngLat[1] * Math.PI) / 180)),
    t.unit.lngLat[1] + (Math.cos(rad) * meters) / 110_540,
  ];
}

function startPositions(hz: number) {
  for (const timer of positionTimers) clearInterval(timer);
  positionTimers = [];
  if (hz <= 0) return;
  const period = 1000 / hz;
  for (const t of terminals) {
    // Random phase: real terminals do not report in lock-step.
    const start = setTimeout(() => {
      const tick = () => {
        move(t);
        const sentAt = clock();
        stats.sent += 1;
        t.socket.emit(
          'unit:position',
          {
            lng: t.unit.lngLat[0],
            lat: t.unit.lngLat[1],
            headingDeg: Math.round(t.heading),
            speedMps: 10,
            at: new Date().toISOString(),
          },
          (reply) => {
            if (reply.ok) stats.acked += 1;
            else stats.ackErrors += 1;
            if (stats.ackMs.length < 200_000) stats.ackMs.push(clock() - sentAt);
          },
        );
      };
      tick();
      positionTimers.push(setInterval(tick, period));
    }, Math.random() * period);
    positionTimers.push(start);
  }
}

async function gateway(cmd: Extract<WorkerCommand, { type: 'gateway' }>) {
  gatewayRunning = cmd.reportsPerSecond > 0;
  if (!gatewayRunning) return;
  const positions = new Map(
    cmd.unitIds.map((id) => [id, [120.15 + Math.random() * 0.05, 30.25 + Math.random() * 0.05]]),
  );
  let cursor = 0;
  const batch = () => {
    const at = new Date().toISOString();
    const reports = [];
    for (let i = 0; i < cmd.batchSize; i++) {
      const unitId = cmd.unitIds[cursor++ % cmd.unitIds.length]!;
      const p = positions.get(unitId)!;
      p[0]! += (Math.random() - 0.5) * 1e-4;
      p[1]! += (Math.random() - 0.5) * 1e-4;
      reports.push({ unitId, lng: p[0]!, lat: p[1]!, speedMps: 8, headingDeg: 90, at });
    }
    return JSON.stringify({ reports });
  };
  const started = clock();
  let issued = 0;
  // Paced: lane k sends whenever the schedule says a batch is due; at most `concurrency` in flight.
  const lanes = Array.from({ length: cmd.concurrency }, async () => {
    while (gatewayRunning) {
      const due = ((clock() - started) / 1000) * cmd.reportsPerSecond;
      if (issued + cmd.batchSize > due) {
        await sleep(Math.max(1, ((issued + cmd.batchSize - due) / cmd.reportsPerSecond) * 1000));
        continue;
      }
      issued += cmd.batchSize;
      const body = batch();
      const sentAt = clock();
      stats.batchesSent += 1;
      try {
        const res = await fetch(`${cmd.url}/api/units/positions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${cmd.token}`, 'content-type': 'application/json' },
          body,
        });
        const reply = (await res.json()) as { accepted?: number };
        if (res.status === 202) {
          stats.batchesAccepted += 1;
          stats.reportsAccepted += reply.accepted ?? 0;
        } else stats.batchErrors += 1;
      } catch {
        stats.batchErrors += 1;
      }
      if (stats.batchMs.length < 200_000) stats.batchMs.push(clock() - sentAt);
    }
  });
  void Promise.all(lanes);
}

// Never outlive the benchmark that started this worker.
process.on('disconnect', () => process.exit(0));

process.on('message', (raw) => {
  const cmd = raw as WorkerCommand;
  const run = async () => {
    switch (cmd.type) {
      case 'connect':
        return connect(cmd);
      case 'positions':
        return startPositions(cmd.hz);
      case 'gateway':
        return gateway(cmd);
      case 'ping':
        return send({ type: 'pong', t0: cmd.t0, t1: clock() });
      case 'stats': {
        const ms = (ns: number) => ns / 1e6;
        const loop = {
          p50: ms(loopDelay.percentile(50)),
          p99: ms(loopDelay.percentile(99)),
          max: ms(loopDelay.max),
        };
        send({ type: 'stats', stats, loop });
        if (cmd.reset) {
          stats = emptyStats();
          loopDelay.reset();
        }
        return;
      }
      case 'exit': {
        startPositions(0);
        gatewayRunning = false;
        for (const t of terminals) t.socket.disconnect();
        wall?.disconnect();
        setTimeout(() => process.exit(0), 100);
        return;
      }
    }
  };
  run().catch((error: unknown) => send({ type: 'error', message: String((error as Error)?.stack ?? error) }));
});
