/**
 * Position reports from unit terminals (REST, batched REST and the socket all land here).
 * Reports are buffered and written in bulk (one INSERT of samples and one UPDATE of last
 * positions per flush), and fanned out to clients at most once per second as one batch.
 */
import type { PositionReport, UnitPositionsEvent } from '@dispatch/contracts';
import { ROOMS } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import type { SqlRunner } from '../db/migrate.js';
import type { EventBus } from './event-bus.js';

/** Units whose last position one statement moves (see write()). */
const LAST_POSITION_CHUNK = 100;

interface Sample {
  unitId: string;
  at: number;
  lng: number;
  lat: number;
  headingDeg: number | null;
  speedMps: number | null;
}

export interface PositionIngestOptions {
  runner: SqlRunner;
  bus: EventBus;
  now: () => number;
  /** Resolves whether a unit id exists (cached after the first hit). */
  unitExists: (unitId: string) => Promise<boolean>;
  flushMs: number;
  /**
   * Reports buffered and not yet written beyond which new ones are refused (OVERLOADED, 503):
   * when the database falls behind, terminals and gateways are told to retry instead of the
   * buffer growing until the server runs out of memory and takes dispatch down with it.
   */
  maxPending?: number;
  broadcastMs?: number;
  /**
   * How often a batch carries every unit this node has heard from, not only those that reported
   * since the last batch: batches are volatile (see broadcast), so a wall that skipped one learns
   * of a unit that reports rarely, or has stopped, within this time.
   */
  fullBatchEveryMs?: number;
  onError?: (error: unknown) => void;
}

export class PositionIngest {
  private pending: Sample[] = [];
  private latest = new Map<string, Sample>();
  /** Newest broadcast sample of every unit this node has heard from. */
  private shown = new Map<string, Sample>();
  private lastFullBatchAt = -Infinity;
  private known = new Set<string>();
  private flushing: Promise<void> | null = null;
  /** The batch the running flush is writing. */
  private inFlight: Sample[] | null = null;
  /** Newest sample of units whose last position a flush could not write (row locked meanwhile). */
  private unwritten = new Map<string, Sample>();
  private timers: NodeJS.Timeout[] = [];
  private acceptListeners: ((unitId: string) => void)[] = [];
  /** Totals since start, for the benchmark and /api/health. */
  readonly stats = { accepted: 0, refused: 0, written: 0, flushes: 0, failedFlushes: 0 };

  constructor(private readonly options: PositionIngestOptions) {}

  start(): void {
    this.timers.push(setInterval(() => void this.flush(), this.options.flushMs));
    this.timers.push(setInterval(() => this.broadcast(), this.options.broadcastMs ?? 1000));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.flush();
  }

  /** Accepts one report for `unitId` (already schema-validated); `field` prefixes error fields. */
  async report(unitId: string, report: PositionReport, field = 'body'): Promise<void> {
    const sample = await this.check(unitId, report, field);
    this.assertRoomFor(1);
    this.accept(sample);
  }

  /** Accepts a batch only when every report is valid: one bad report rejects them all. */
  async reportMany(reports: readonly (PositionReport & { unitId: string })[], field: string): Promise<void> {
    const samples: Sample[] = [];
    for (const [i, { unitId, ...report }] of reports.entries()) {
      samples.push(await this.check(unitId, report, `${field}.${i}`));
    }
    this.assertRoomFor(samples.length);
    for (const sample of samples) this.accept(sample);
  }

  /** Reports waiting to be written (a failed flush puts its batch back). */
  get backlog(): number {
    return this.pending.length + (this.inFlight?.length ?? 0);
  }

  private assertRoomFor(count: number): void {
    const max = this.options.maxPending ?? Infinity;
    if (this.backlog + count <= max) return;
    this.stats.refused += count;
    throw new DomainErrorException(
      domainError('OVERLOADED', 'Position reports are behind; report again shortly', {
        backlog: this.backlog,
        retryAfterSeconds: 1,
      }),
    );
  }

  private async check(unitId: string, report: PositionReport, field: string): Promise<Sample> {
    const now = this.options.now();
    const at = report.at ? Date.parse(report.at) : now;
    if (at > now + 60_000) {
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', 'position time is in the future', { field: `${field}.at` }),
      );
    }
    if (!this.known.has(unitId)) {
      if (!(await this.options.unitExists(unitId))) {
        throw new DomainErrorException(
          domainError('NOT_FOUND', 'Unit not found', { unitId, field: `${field}.unitId` }),
        );
      }
      this.known.add(unitId);
    }
    return {
      unitId,
      at,
      lng: report.lng,
      lat: report.lat,
      headingDeg: report.headingDeg ?? null,
      speedMps: report.speedMps ?? null,
    };
  }

  /** Calls `listener` with the unit of every accepted report (synchronously; keep it cheap). */
  onAccept(listener: (unitId: string) => void): void {
    this.acceptListeners.push(listener);
  }

  private accept(sample: Sample): void {
    for (const listener of this.acceptListeners) listener(sample.unitId);
    this.pending.push(sample);
    keepNewest(this.latest, sample);
    this.stats.accepted += 1;
  }

  /** Latest buffered position of a unit not yet broadcast/written (fresher than the database). */
  latestOf(unitId: string): Sample | undefined {
    return this.latest.get(unitId);
  }

  /** Writes everything buffered; concurrent calls share one flush. Failed batches are retried. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = batch;
    this.flushing = this.write(batch)
      .then(() => {
        this.inFlight = null;
        this.stats.written += batch.length;
        this.stats.flushes += 1;
      })
      .catch((error) => {
        this.inFlight = null; // before the batch is back in pending: never counted twice
        this.stats.failedFlushes += 1;
        this.pending = batch.concat(this.pending);
        this.options.onError?.(error);
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private async write(batch: Sample[]): Promise<void> {
    const columns = (samples: readonly Sample[]) => [
      samples.map((s) => s.unitId),
      samples.map((s) => new Date(s.at).toISOString()),
      samples.map((s) => s.lng),
      samples.map((s) => s.lat),
      samples.map((s) => s.headingDeg),
      samples.map((s) => s.speedMps),
    ];
    // Last positions to write: this batch's plus those a dispatch held locked last time.
    const newest = new Map(this.unwritten);
    for (const s of batch) keepNewest(newest, s);
    // The history first, in one statement (it locks no unit row a dispatch would wait for).
    // If it fails nothing was written and flush() retries the whole batch.
    await this.options.runner.query(
      `INSERT INTO position_sample (unit_id, at, lng, lat, heading_deg, speed_mps)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])`,
      columns(batch),
    );
    // Then the last positions, in small statements of their own: each holds its units' rows only
    // for a moment, so a dispatch claiming one of them waits a millisecond, not a whole flush
    // (under 2,000 units at 1 Hz one big update held a quarter of the fleet for tens of ms).
    // A unit a dispatch holds locked meanwhile (SKIP LOCKED), or a failed chunk, is retried at
    // the next flush; the samples are not written twice.
    const latest = [...newest.values()];
    const skipped: { id: string }[] = [];
    for (let i = 0; i < latest.length; i += LAST_POSITION_CHUNK) {
      const chunk = latest.slice(i, i + LAST_POSITION_CHUNK);
      try {
        skipped.push(...(await this.updateLastPositions(columns(chunk))));
      } catch (error) {
        skipped.push(...chunk.map((s) => ({ id: s.unitId })));
        this.options.onError?.(error);
      }
    }
    this.unwritten = new Map(skipped.map(({ id }) => [id, newest.get(id)!]));
  }

  /** Moves last positions forward (never back); returns the units it found locked. */
  private updateLastPositions(values: unknown[]): Promise<{ id: string }[]> {
    // Last position per unit: only moves forward in time (late reports do not rewind it).
    // SKIP LOCKED: a dispatch transaction holds its units' rows while it claims them; waiting
    // here deadlocked with it (found by bench:push).
    return this.options.runner.query<{ id: string }>(
      `WITH s AS (
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
           AS t(id, at, lng, lat, heading, speed)),
       locked AS (
         SELECT u.id FROM unit u WHERE u.id IN (SELECT id FROM s) ORDER BY u.id FOR NO KEY UPDATE SKIP LOCKED),
       updated AS (
         UPDATE unit u SET last_lng = s.lng, last_lat = s.lat, last_heading_deg = s.heading,
                last_speed_mps = s.speed, last_position_at = s.at
         FROM s
         WHERE u.id = s.id AND u.id IN (SELECT id FROM locked)
           AND (u.last_position_at IS NULL OR u.last_position_at <= s.at))
       SELECT u.id FROM unit u WHERE u.id IN (SELECT id FROM s) AND u.id NOT IN (SELECT id FROM locked)`,
      values,
    );
  }

  /**
   * Sends the wall one batch: the units that reported since the last one, or every unit heard
   * from when a full batch is due. Called by the timer once a second (tests call it directly).
   */
  broadcast(): void {
    for (const s of this.latest.values()) keepNewest(this.shown, s);
    const now = this.options.now();
    const full = now - this.lastFullBatchAt >= (this.options.fullBatchEveryMs ?? 10_000);
    const samples = full ? this.shown : this.latest;
    if (samples.size === 0) return;
    if (full) this.lastFullBatchAt = now;
    const positions = [...samples.values()].map(toPosition);
    this.latest.clear();
    // Volatile: Socket.IO keeps every other broadcast for two minutes to replay to a client that
    // reconnects. Kept too, a second's batch of 2,000 units became a quarter of a million
    // positions held in memory (slowing every garbage collection, which stalled calls under
    // load) and minutes of stale batches replayed to a wall back from a network blip. A wall busy
    // at that instant skips the batch: the full batches make up for it, and a recovered wall
    // gets the current positions (realtime.ts).
    this.options.bus.publish([
      { name: 'unit:positions', payload: { positions }, rooms: [ROOMS.wall], volatile: true },
    ]);
  }

  /** Newest known position of every unit this node has heard from (not yet written ones too). */
  knownPositions(): UnitPositionsEvent['positions'] {
    const newest = new Map(this.shown);
    for (const s of this.latest.values()) keepNewest(newest, s);
    return [...newest.values()].map(toPosition);
  }
}

/** Keeps `sample` as its unit's entry unless the entry is newer (late reports never rewind). */
function keepNewest(byUnit: Map<string, Sample>, sample: Sample): void {
  const held = byUnit.get(sample.unitId);
  if (!held || held.at <= sample.at) byUnit.set(sample.unitId, sample);
}

function toPosition(s: Sample): UnitPositionsEvent['positions'][number] {
  return {
    id: s.unitId,
    lngLat: [s.lng, s.lat],
    headingDeg: s.headingDeg,
    speedMps: s.speedMps,
    at: new Date(s.at).toISOString(),
  };
}
