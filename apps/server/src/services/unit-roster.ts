/**
 * Every unit's dispatch-relevant state (kind, status, grids, capabilities, post range, stored
 * position) held in memory, so ranking a call does not read thousands of unit rows first.
 *
 * Kept fresh two ways: this node's own changes arrive at once as `unit:updated` events (after
 * their commit), and changes made by other server nodes (or tools) are read by a delta poll of
 * rows whose `updated_at` is recent. Both carry the row's `version`, and an older version never
 * replaces a newer one. The roster only guides the ranking: the claim in dispatch-service.ts
 * re-checks each unit's status in the database, so a stale entry can cost a candidate, never a
 * double booking.
 */
import type { UnitDto } from '@dispatch/contracts';
import type { DispatchUnit } from '@dispatch/dispatch';
import type { Capability } from '@dispatch/domain';
import { Prisma } from '../generated/prisma/client.js';
import type { ServiceContext } from './context.js';
import type { EventPayload } from './event-bus.js';

/** A unit as dispatch ranks it (less its position), and where it stands in the database. */
export type RosterUnit = Omit<DispatchUnit, 'lngLat'> & {
  /** Stored last position (the position ingest has fresher ones). */
  lastLng: number | null;
  lastLat: number | null;
  postRangeMeters: number | null;
  version: number;
};

type RosterRow = RosterUnit & { updatedAt: Date };

/**
 * How far back a delta poll looks behind the newest change it has seen: a change becomes
 * visible only at its commit, up to a transaction's timeout (15 s) after its `updated_at` was
 * stamped, and nodes' clocks may differ a little.
 */
const POLL_OVERLAP_MS = 30_000;
/** A full re-read now and then, whatever the delta polls saw (units removed by hand, say). */
const FULL_RELOAD_MS = 5 * 60_000;

export class UnitRoster {
  private units = new Map<string, RosterUnit>();
  private loaded: Promise<void> | null = null;
  private newestChange = 0;
  private loadedAt = 0;
  private polling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Bumped whenever an entry changes: lets callers keep work derived from the roster. */
  generation = 0;
  /** Bumped when a unit appears or changes how it travels (kind, post range). */
  travelGeneration = 0;

  constructor(private readonly ctx: ServiceContext) {
    ctx.bus.subscribe((event) => {
      if (event.name === 'unit:updated') this.applyEvent(event.payload as EventPayload<'unit:updated'>);
    });
  }

  /** Polls other nodes' changes every `pollMs` until {@link stop}. */
  start(pollMs: number): void {
    this.timer ??= setInterval(() => void this.poll().catch(() => undefined), pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * All units: as of the last background poll while {@link start}ed (which also does the
   * periodic full reload), else after reading other nodes' changes first (one small query;
   * tests and tools see every committed change).
   */
  async all(): Promise<ReadonlyMap<string, RosterUnit>> {
    if (!this.loaded) await this.reload();
    else if (!this.timer) await this.poll();
    else await this.loaded;
    return this.units;
  }

  /** Named units as the database has them now (not as the roster last saw them). */
  async fetch(ids: readonly string[]): Promise<RosterUnit[]> {
    const rows = await this.read(Prisma.sql`u.id = ANY(${[...ids]}::text[])`);
    return rows.map(({ updatedAt: _updatedAt, ...unit }) => unit);
  }

  /** Reads the units changed since shortly before the newest change seen (see POLL_OVERLAP_MS). */
  async poll(): Promise<void> {
    if (!this.loaded) return;
    await this.loaded;
    if (performance.now() - this.loadedAt > FULL_RELOAD_MS) return this.reload();
    // Concurrent callers share one poll.
    this.polling ??= (async () => {
      try {
        // A row stamped by a clock running ahead must not hide later rows for long.
        const since = Math.min(this.newestChange, Date.now()) - POLL_OVERLAP_MS;
        this.applyRows(await this.read(Prisma.sql`u.updated_at > ${new Date(since)}`));
      } finally {
        this.polling = null;
      }
    })();
    return this.polling;
  }

  /** Reads every unit afresh; a failed read is forgotten, so the next caller tries again. */
  private reload(): Promise<void> {
    const loaded = (async () => {
      const rows = await this.read(Prisma.sql`TRUE`);
      this.units = new Map();
      this.applyRows(rows);
      this.loadedAt = performance.now();
    })();
    this.loaded = loaded;
    loaded.catch(() => {
      if (this.loaded === loaded) this.loaded = null;
    });
    return loaded;
  }

  private read(where: Prisma.Sql): Promise<RosterRow[]> {
    return this.ctx.prisma.$queryRaw<RosterRow[]>`
      SELECT u.id, u.call_sign AS "callSign", u.kind::text AS kind, u.status::text AS status,
             u.home_grid_id AS "homeGridId", u.current_grid_id AS "currentGridId", u.capabilities,
             u.last_lng AS "lastLng", u.last_lat AS "lastLat", p.range_meters AS "postRangeMeters",
             u.version, u.updated_at AS "updatedAt"
      FROM unit u LEFT JOIN post p ON p.id = u.post_id
      WHERE ${where}`;
  }

  private applyRows(rows: readonly RosterRow[]): void {
    for (const { updatedAt, ...row } of rows) {
      this.newestChange = Math.max(this.newestChange, updatedAt.getTime());
      const known = this.units.get(row.id);
      if (known && known.version >= row.version) continue;
      if (!known || known.kind !== row.kind || known.postRangeMeters !== row.postRangeMeters)
        this.travelGeneration += 1;
      this.units.set(row.id, row);
      this.generation += 1;
    }
  }

  private applyEvent(unit: UnitDto): void {
    const known = this.units.get(unit.id);
    // Not loaded yet: the first read will see the change.
    if (!this.loaded || !known || known.version >= unit.version) return;
    if (known.kind !== unit.kind) this.travelGeneration += 1;
    this.units.set(unit.id, {
      ...known,
      callSign: unit.callSign,
      kind: unit.kind,
      status: unit.status,
      homeGridId: unit.homeGridId,
      currentGridId: unit.currentGridId,
      capabilities: unit.capabilities as Capability[],
      version: unit.version,
    });
    this.generation += 1;
  }
}
