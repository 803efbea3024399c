/** The consistent picture a (re)connecting client starts from. */
import type { SnapshotEvent, UnitPositionsEvent } from '@dispatch/contracts';
import type { ServiceContext } from './context.js';
import { incidentInclude, toIncidentDto, toPositionDto, toUnitDto, unitInclude } from './dto.js';
import type { GridService } from './grid-service.js';
import { unitView } from './incident-service.js';
import type { PositionIngest } from './position-ingest.js';
import type { UnitService } from './unit-service.js';

/** Ended incidents stay in the snapshot this long, so the wall ticker and queue are not empty after a restart. */
const RECENTLY_ENDED_MS = 2 * 60 * 60 * 1000;

/** Incidents a snapshot carries: every open one and those ended in the last two hours. */
const shownIncidents = (serverTime: number) => [
  { status: { notIn: ['closed' as const, 'cancelled' as const] } },
  { closedAt: { gte: new Date(serverTime - RECENTLY_ENDED_MS) } },
];

/** A unit terminal's snapshot carries its newest incidents, at most this many. */
const UNIT_SNAPSHOT_INCIDENTS = 20;
/** Terminals per shared build (bounds the `IN` list and the incidents one build reads). */
const UNIT_BATCH_MAX = 250;

export class SnapshotService {
  /** The next full build, shared by every client that asks before it starts. */
  private queued: Promise<SnapshotEvent> | null = null;
  /** The next terminals' build, shared likewise. */
  private unitBatch: { unitIds: Set<string>; built: Promise<Map<string, SnapshotEvent>> } | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly units: UnitService,
    private readonly grids: GridService,
    /** Positions heard but perhaps not yet written (a flush behind, or a unit row locked). */
    private readonly ingest?: PositionIngest,
  ) {}

  /**
   * The full picture for staff screens. After a restart every wall screen and console reconnects
   * at once: requests that arrive before a build starts share it. A build that already started
   * is never shared, because a client that joined its rooms after the build began could miss an
   * event committed in between.
   */
  build(): Promise<SnapshotEvent> {
    if (this.queued) return this.queued;
    const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.queued = null;
      return this.buildNow();
    });
    this.queued = next;
    return next;
  }

  /**
   * A unit terminal's picture: its own unit and the incidents it works. Terminals sit only in their
   * unit's room, so this is exactly what their event stream keeps up to date, and it is small
   * enough that 2,000 terminals reconnecting after a restart do not queue behind full snapshots.
   * Terminals that ask before a build starts share it (two queries for all of them, where each
   * asking alone made two of its own: 2,000 reconnecting made 4,000); as with `build`, a build
   * that already started is never shared.
   */
  buildForUnit(unitId: string): Promise<SnapshotEvent> {
    let batch = this.unitBatch;
    if (!batch || batch.unitIds.size >= UNIT_BATCH_MAX) {
      const unitIds = new Set<string>();
      const built = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.unitBatch === batch) this.unitBatch = null;
        return this.buildForUnitsNow([...unitIds]);
      });
      batch = { unitIds, built };
      this.unitBatch = batch;
    }
    batch.unitIds.add(unitId);
    return batch.built.then((byUnit) => byUnit.get(unitId)!);
  }

  private async buildForUnitsNow(unitIds: string[]): Promise<Map<string, SnapshotEvent>> {
    const serverTime = this.ctx.now();
    const [units, incidents] = await Promise.all([
      this.ctx.prisma.unit.findMany({ where: { id: { in: unitIds } }, include: unitInclude }),
      this.ctx.prisma.incident.findMany({
        where: {
          assignments: { some: { unitId: { in: unitIds } } },
          OR: shownIncidents(serverTime),
        },
        include: incidentInclude,
        orderBy: { receivedAt: 'desc' },
      }),
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const worked = new Map<string, typeof incidents>(unitIds.map((id) => [id, []]));
    for (const incident of incidents) {
      for (const unitId of new Set(incident.assignments.map((a) => a.unitId))) {
        const list = worked.get(unitId);
        if (list && list.length < UNIT_SNAPSHOT_INCIDENTS) list.push(incident);
      }
    }
    const out = new Map<string, SnapshotEvent>();
    for (const unitId of unitIds) {
      const unit = unitById.get(unitId);
      out.set(unitId, {
        serverTime,
        timeZone: this.ctx.timeZone,
        incidents: worked.get(unitId)!.map((i) => unitView(toIncidentDto(i), unitId)),
        units: unit ? [toUnitDto(unit)] : [],
        grids: [],
      });
    }
    return out;
  }

  /**
   * Every unit's last known position, as one batch (for a recovered staff screen): as written,
   * or as this node heard it since if that is newer.
   */
  async positions(): Promise<UnitPositionsEvent> {
    const rows = await this.ctx.prisma.unit.findMany({
      where: { lastLng: { not: null }, lastLat: { not: null }, lastPositionAt: { not: null } },
      select: {
        id: true,
        lastLng: true,
        lastLat: true,
        lastHeadingDeg: true,
        lastSpeedMps: true,
        lastPositionAt: true,
      },
    });
    const newest = new Map<string, UnitPositionsEvent['positions'][number]>();
    for (const { id, ...row } of rows) {
      const stored = toPositionDto(row);
      if (stored) newest.set(id, { id, ...stored });
    }
    for (const p of this.ingest?.knownPositions() ?? []) {
      const written = newest.get(p.id);
      if (!written || Date.parse(written.at) < Date.parse(p.at)) newest.set(p.id, p);
    }
    return { positions: [...newest.values()] };
  }

  private async buildNow(): Promise<SnapshotEvent> {
    const serverTime = this.ctx.now();
    const [incidents, units, grids] = await Promise.all([
      this.ctx.prisma.incident.findMany({
        where: {
          OR: shownIncidents(serverTime),
        },
        include: incidentInclude,
        orderBy: [{ priority: 'asc' }, { receivedAt: 'asc' }],
        take: 2000,
      }),
      this.units.list(),
      this.grids.list(),
    ]);
    return { serverTime, timeZone: this.ctx.timeZone, incidents: incidents.map(toIncidentDto), units, grids };
  }
}
