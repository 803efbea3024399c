/**
 * Live coverage: after position batches and unit status changes (at most once per
 * `minIntervalMs`, and every `maxIntervalMs` regardless), the free units' reach within the
 * first-arrival and reinforcement targets is computed in one multi-source search per travel group
 * (routing coverageTimes), measured per grid (coverage zoneCoverage), both in the planning engine's
 * worker thread, published to the wall, and
 * alerts are raised and cleared. With several nodes, one holds a short lease (a `setting` row) and
 * alone publishes coverage and raises or clears alerts: nodes whose rosters differ for a second
 * would otherwise undo each other's alerts, and walls would get every update twice. Alerts are rows
 * with at most one open per grid (a partial unique index) besides, so a lease hand-over cannot
 * double one.
 */
import type { CoverageAlertDto, CoverageDto, GridCoverageDto } from '@dispatch/contracts';
import { ROOMS } from '@dispatch/contracts';
import { coverageAlertChanges, coverageLevel, DEFAULT_COVERAGE_THRESHOLD, shareOf } from '@dispatch/coverage';
import type { ClockTargets } from '@dispatch/domain';
import { randomUUID } from 'node:crypto';
import type { CoverageAlert } from '../generated/prisma/client.js';
import type { ServiceContext } from './context.js';
import type { CoverPlanner } from './cover-planner.js';
import type { GridIndex } from './grid-index.js';
import type { HotspotService } from './hotspot-service.js';
import type { RecommendationService } from './recommendation-service.js';

export interface CoverageOptions {
  /** Coalesce triggers: recompute at most this often (default 1 s). */
  minIntervalMs?: number;
  /** Recompute at least this often even without triggers (default 10 s). */
  maxIntervalMs?: number;
}

/** How long a node leads after its last pass: past the longest gap between passes (maxIntervalMs). */
const LEASE_MS = 15_000;
const LEASE_KEY = 'coverage.leader';

export class CoverageService {
  private latest: CoverageDto | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CoverageDto | null> | null = null;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly nodeId = randomUUID();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly planner: CoverPlanner,
    private readonly grids: GridIndex,
    private readonly recommendations: RecommendationService,
    private readonly targets: () => Promise<ClockTargets>,
    private readonly onError: (error: unknown) => void = () => {},
    options: CoverageOptions = {},
    /** Expected demand per road segment for the hour (hot spots); without it, every metre weighs alike. */
    private readonly hotspots: Pick<HotspotService, 'segmentDemand'> | null = null,
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 10_000;
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.ctx.bus.subscribe((event) => {
      // Units moving or changing status move coverage; a grid edit may change its threshold.
      if (event.name === 'unit:positions' || event.name === 'unit:updated' || event.name === 'grid:updated')
        this.poke();
    });
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Something moved: recompute soon (coalesced). */
  poke(): void {
    if (this.stopped || this.timer) return;
    this.schedule(this.minIntervalMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.recompute()
        .catch(this.onError)
        .finally(() => {
          if (!this.stopped && !this.timer) this.schedule(this.maxIntervalMs);
        });
    }, delayMs);
  }

  /** The latest coverage (null before the first pass, or without a road network). */
  current(): CoverageDto | null {
    return this.latest;
  }

  /** One pass now (tests and the first request call it directly); concurrent calls share it. */
  async recompute(): Promise<CoverageDto | null> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let result: CoverageDto | null;
        do {
          this.again = false;
          result = await this.pass();
        } while (this.again);
        return result;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pass(): Promise<CoverageDto | null> {
    const zones = this.planner.zones();
    if (!zones) return (this.latest = null);
    const { network } = zones;
    const targets = await this.targets();
    const within = [targets.firstArrivalSeconds, targets.reinforcementSeconds] as const;
    const candidates = await this.recommendations.freeTravelCandidates();
    const demand = this.hotspots?.segmentDemand(network) ?? null;
    // The search runs in the planning engine (a worker thread): the wall's pushes do not wait on it.
    const perZone = await this.planner.planning.coverage(zones, {
      candidates,
      within,
      segmentDemand: demand,
    });
    if (!perZone) return (this.latest = null);
    const rows = await this.ctx.prisma.grid.findMany({
      select: { id: true, name: true, coverageThreshold: true },
    });
    const gridRow = new Map(rows.map((r) => [r.id, r]));
    const freeIn = new Map<string, number>();
    for (const c of candidates) {
      const grid = this.grids.locate(c.lngLat);
      if (grid) freeIn.set(grid, (freeIn.get(grid) ?? 0) + 1);
    }
    const open = new Map(
      (await this.ctx.prisma.coverageAlert.findMany({ where: { clearedAt: null } })).map((a) => [
        a.gridId,
        a,
      ]),
    );
    const grids: GridCoverageDto[] = zones.gridIds.flatMap((gridId, z) => {
      const row = gridRow.get(gridId);
      if (!row) return [];
      const c = perZone[z]!;
      const threshold = row.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD;
      const demandShare3 = shareOf(c.within[0]!.demand, c.demand);
      const demandShare5 = shareOf(c.within[1]!.demand, c.demand);
      return [
        {
          gridId,
          level: coverageLevel(demandShare3, demandShare5, threshold),
          threshold,
          roadMeters: Math.round(c.roadMeters),
          roadShare3: shareOf(c.within[0]!.roadMeters, c.roadMeters),
          roadShare5: shareOf(c.within[1]!.roadMeters, c.roadMeters),
          demandShare3,
          demandShare5,
          freeUnits: freeIn.get(gridId) ?? 0,
          alerted: open.has(gridId),
        },
      ];
    });
    const now = new Date(this.ctx.now());
    for (const g of grids) g.alerted = open.has(g.gridId);
    const dto: CoverageDto = {
      computedAt: now.toISOString(),
      targetsSeconds: [within[0], within[1]],
      demandModel: demand ? 'hotspots' : 'length',
      freeUnits: candidates.length,
      grids,
    };
    this.latest = dto;
    if (!(await this.lead(now.getTime()))) return dto;
    const changes = coverageAlertChanges(
      new Set(open.keys()),
      grids.map((g) => ({ gridId: g.gridId, share: g.demandShare5, threshold: g.threshold })),
    );
    const nameOf = (id: string) => gridRow.get(id)?.name ?? id;
    for (const r of changes.raise) {
      const [row] = await this.ctx.prisma.$queryRaw<CoverageAlert[]>`
        INSERT INTO coverage_alert (grid_id, raised_at, share, threshold)
        VALUES (${r.gridId}, ${now}, ${r.share}, ${r.threshold})
        ON CONFLICT (grid_id) WHERE cleared_at IS NULL DO NOTHING
        RETURNING id, grid_id AS "gridId", raised_at AS "raisedAt", share, threshold,
          cleared_at AS "clearedAt", clear_share AS "clearShare"`;
      if (!row) continue; // another node raised it first
      open.set(r.gridId, row);
      this.ctx.bus.publish([
        { name: 'coverage:alert', payload: toAlertDto(row, nameOf(r.gridId)), rooms: [ROOMS.wall] },
      ]);
    }
    for (const c of changes.clear) {
      const [row] = await this.ctx.prisma.$queryRaw<CoverageAlert[]>`
        UPDATE coverage_alert SET cleared_at = ${now}, clear_share = ${c.share}
        WHERE grid_id = ${c.gridId} AND cleared_at IS NULL
        RETURNING id, grid_id AS "gridId", raised_at AS "raisedAt", share, threshold,
          cleared_at AS "clearedAt", clear_share AS "clearShare"`;
      open.delete(c.gridId);
      if (!row) continue; // another node cleared it first
      this.ctx.bus.publish([
        { name: 'coverage:cleared', payload: toAlertDto(row, nameOf(c.gridId)), rooms: [ROOMS.wall] },
      ]);
    }
    for (const g of grids) g.alerted = open.has(g.gridId);
    this.ctx.bus.publish([{ name: 'coverage:updated', payload: dto, rooms: [ROOMS.wall], volatile: true }]);
    return dto;
  }

  /** Takes or renews the lease; true when this node leads until `now + LEASE_MS`. */
  private async lead(now: number): Promise<boolean> {
    const value = JSON.stringify({ node: this.nodeId, until: now + LEASE_MS });
    const rows = await this.ctx.prisma.$queryRaw<{ key: string }[]>`
      INSERT INTO setting (key, value, updated_at) VALUES (${LEASE_KEY}, ${value}::jsonb, ${new Date(now)})
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
      WHERE setting.value->>'node' = ${this.nodeId} OR (setting.value->>'until')::float8 < ${now}
      RETURNING key`;
    return rows.length > 0;
  }

  /** Alerts still open, newest first (for screens that connect later). */
  async openAlerts(): Promise<CoverageAlertDto[]> {
    const rows = await this.ctx.prisma.coverageAlert.findMany({
      where: { clearedAt: null },
      orderBy: { raisedAt: 'desc' },
    });
    const names = new Map(
      (await this.ctx.prisma.grid.findMany({ select: { id: true, name: true } })).map((g) => [g.id, g.name]),
    );
    return rows.map((r) => toAlertDto(r, names.get(r.gridId) ?? r.gridId));
  }
}

function toAlertDto(row: CoverageAlert, gridName: string): CoverageAlertDto {
  return {
    id: row.id.toString(),
    gridId: row.gridId,
    gridName,
    raisedAt: new Date(row.raisedAt).toISOString(),
    share: Number(row.share),
    threshold: Number(row.threshold),
    clearedAt: row.clearedAt ? new Date(row.clearedAt).toISOString() : null,
    clearShare: row.clearShare === null ? null : Number(row.clearShare),
  };
}
