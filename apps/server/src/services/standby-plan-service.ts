/**
 * Recommended standby points: where each free car should wait for the coming hour or shift so
 * that the most expected demand is reached within the 3- and 5-minute targets. The plan is
 * `standbyPoints` of @dispatch/coverage (MEXCLP, greedy on the road network: see its file for the
 * model and why) over the cover planner's sites, units and demand; this service only chooses the
 * period, caches plans and measures them as live coverage does.
 *
 * Measuring: `before` and `after` are GET /api/coverage's shares (demand reached by at least one
 * free unit, per grid and for the city) with the free units where they are and with every
 * recommended car at its point; posts, foot patrols and drones stay where they are in both, and
 * the plan counts them as already there (`fixedSeconds`).
 *
 * Cost: on the 100k-node benchmark city a plan for 2,000 cars takes seconds, so a plan is kept per
 * (site reach, period, demand surface, fleet) and concurrent requests share one computation. The
 * fleet is the free units with their home grid, travel mode and position (to ~10 m); while units
 * drive, a plan younger than `reuseMs` for the same units is served rather than recomputed each
 * second. The work (fixed units' reach, the greedy, before and after) runs in the planning engine's
 * worker thread: 0.5 s for 60 cars on the 100k-node city no longer holds up the main thread.
 */
import type {
  HotspotPeriod,
  StandbyRecommendationDto,
  StandbyRecommendationsDto,
  StandbyRecommendationsQuery,
} from '@dispatch/contracts';
import {
  DEFAULT_BUSY_FRACTION,
  drives,
  shareOf,
  type StandbySkipReason,
  type ZoneCoverage,
} from '@dispatch/coverage';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { createHash } from 'node:crypto';
import type { ServiceContext } from './context.js';
import type { CoverPlanner, PlannerUnit, Reach } from './cover-planner.js';
import type { GridIndex } from './grid-index.js';
import type { HotspotService } from './hotspot-service.js';

export interface StandbyPlanOptions {
  /** MEXCLP's busy fraction q (default 0.3). */
  busyFraction?: number;
  /** A plan for the same free units is reused this long while they move (default 15 s). */
  reuseMs?: number;
  /** Plans kept (default 8: a few periods and grids' screens at once). */
  maxPlans?: number;
}

interface Shares {
  demandShare3: number;
  demandShare5: number;
}

/** One plan, for the whole city; responses filter it per grid. */
interface ComputedPlan {
  computedAt: string;
  computeMs: number;
  period: HotspotPeriod;
  targetsSeconds: [number, number];
  demandModel: 'hotspots' | 'length';
  gridIds: readonly string[];
  before: Shares[];
  after: Shares[];
  cityBefore: Shares;
  cityAfter: Shares;
  units: StandbyRecommendationDto[];
  skipped: StandbyRecommendationsDto['skipped'];
}

interface PlanEntry {
  key: string;
  /** Same key without positions: a younger plan for the same units may be reused. */
  fleet: string;
  at: number;
  plan: Promise<ComputedPlan>;
}

const hash = (s: string) => createHash('sha1').update(s).digest('base64url');
const round = (x: number) => Math.round(x * 1e4) / 1e4;

export class StandbyPlanService {
  private readonly plans: PlanEntry[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private readonly busyFraction: number;
  private readonly reuseMs: number;
  private readonly maxPlans: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly planner: CoverPlanner,
    private readonly grids: GridIndex,
    private readonly hotspots: Pick<HotspotService, 'period'>,
    options: StandbyPlanOptions = {},
  ) {
    this.busyFraction = options.busyFraction ?? DEFAULT_BUSY_FRACTION;
    this.reuseMs = options.reuseMs ?? 15_000;
    this.maxPlans = options.maxPlans ?? 8;
  }

  /** Recommended standby points for the period asked (default now), for the city or one grid. */
  async recommendations(query: StandbyRecommendationsQuery): Promise<StandbyRecommendationsDto> {
    if (query.gridId !== undefined && !this.grids.ids().includes(query.gridId))
      throw new DomainErrorException(
        domainError('NOT_FOUND', 'Grid not found', { field: 'querystring.gridId', gridId: query.gridId }),
      );
    const hour = query.hour ?? 'now';
    const period = await this.hotspots.period(
      hour === 'now'
        ? { when: 'now' }
        : hour === 'next-shift'
          ? { when: 'next-shift' }
          : { hourOfWeek: Number(hour) },
    );
    const reach = await this.planner.reach();
    if (!reach)
      throw new DomainErrorException(
        domainError('NO_ROAD_NETWORK', 'Standby points need a road network; import one first'),
      );
    const { network } = reach.zones;
    const demand = this.planner.vertexDemand(network, period.hours);
    const units = await this.planner.units(reach.zones);
    // Without history every hour weighs road length alike: one plan serves every period.
    const hours = demand.segments ? period.hours.map((h) => `${h.hourOfWeek}:${h.weight}`).join(',') : 'any';
    const base = [
      reach.key,
      demand.segments ? this.idOf(demand.segments) : 'length',
      hours,
      this.busyFraction,
    ].join('|');
    const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const fleet = hash(sorted.map((u) => `${u.id}:${u.homeZone}:${u.candidate.mode ?? 'drive'}`).join(','));
    const positions = hash(
      sorted.map((u) => `${u.candidate.lngLat[0].toFixed(4)},${u.candidate.lngLat[1].toFixed(4)}`).join(','),
    );
    const key = `${base}|${fleet}|${positions}`;
    const now = this.ctx.now();
    let entry =
      this.plans.find((p) => p.key === key) ??
      this.plans.find((p) => p.fleet === `${base}|${fleet}` && now - p.at < this.reuseMs);
    const cached = entry !== undefined;
    if (!entry) {
      entry = {
        key,
        fleet: `${base}|${fleet}`,
        at: now,
        plan: this.compute(reach, units, demand, period),
      };
      const created = entry;
      this.plans.unshift(created);
      this.plans.length = Math.min(this.plans.length, this.maxPlans);
      created.plan.catch(() => {
        const i = this.plans.indexOf(created);
        if (i >= 0) this.plans.splice(i, 1); // never keep a failed plan
      });
    } else {
      // Most recently used first, so the screens in use keep their plans.
      this.plans.splice(this.plans.indexOf(entry), 1);
      this.plans.unshift(entry);
    }
    // The period asked for, even when a plan for the same demand (no history) is reused.
    return { ...this.respond(await entry.plan, query.gridId ?? null, cached), period };
  }

  /** Forgets every plan (tests; a changed busy fraction would need it too). */
  clear(): void {
    this.plans.length = 0;
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.nextId++));
    return id;
  }

  private async compute(
    reach: Reach,
    units: readonly PlannerUnit[],
    demand: ReturnType<CoverPlanner['vertexDemand']>,
    period: HotspotPeriod,
  ): Promise<ComputedPlan> {
    const started = performance.now();
    const { zones, targetsSeconds: targets } = reach;
    const { gridIds } = zones;
    // Posts, foot patrols and drones stay where they are: the plan counts their reach as given.
    // The greedy and both measurements run in the planning engine (a worker thread).
    const { plan, before, after } = await this.planner.planning.standby(zones, {
      targetsSeconds: targets,
      units,
      fixed: units.filter((u) => !drives(u)).map((u) => u.candidate),
      vertexDemand: demand.demand,
      segmentDemand: demand.segments,
      busyFraction: this.busyFraction,
    });

    const sharesOf = (perZone: readonly ZoneCoverage[] | null): { grids: Shares[]; city: Shares } => {
      if (!perZone) {
        const none = { demandShare3: 0, demandShare5: 0 };
        return { grids: gridIds.map(() => none), city: none };
      }
      let total = 0;
      const within = [0, 0];
      const grids = perZone.map((z) => {
        total += z.demand;
        within[0] = within[0]! + z.within[0]!.demand;
        within[1] = within[1]! + z.within[1]!.demand;
        return {
          demandShare3: shareOf(z.within[0]!.demand, z.demand),
          demandShare5: shareOf(z.within[1]!.demand, z.demand),
        };
      });
      return {
        grids,
        city: { demandShare3: shareOf(within[0]!, total), demandShare5: shareOf(within[1]!, total) },
      };
    };
    const b = sharesOf(before);
    const a = sharesOf(after);

    const byId = new Map(units.map((u) => [u.id, u]));
    const total = plan.totalDemand;
    const recommended: StandbyRecommendationDto[] = plan.placements.map((p) => {
      const u = byId.get(p.unitId)!;
      const lngLat: [number, number] = [u.candidate.lngLat[0], u.candidate.lngLat[1]];
      const zone = p.site.zone;
      return {
        unitId: u.id,
        callSign: u.callSign,
        homeGridId: u.homeGridId,
        lngLat,
        gridId: this.grids.locate(lngLat),
        point: { lngLat: [p.site.lngLat[0], p.site.lngLat[1]], gridId: gridIds[zone]! },
        travelSeconds: p.travelSeconds === null ? null : Math.round(p.travelSeconds),
        expectedGain3: total > 0 ? round(p.gainWithin[0]! / total) : 0,
        expectedGain5: total > 0 ? round(p.gainWithin[1]! / total) : 0,
        grid: { before: b.grids[zone]!, after: a.grids[zone]! },
        city: { before: b.city, after: a.city },
      };
    });
    const skipped = plan.unplaced.map(({ unitId, reason }: { unitId: string; reason: StandbySkipReason }) => {
      const u = byId.get(unitId)!;
      return { unitId, callSign: u.callSign, homeGridId: u.homeGridId, reason };
    });
    return {
      computedAt: new Date(this.ctx.now()).toISOString(),
      computeMs: Math.round((performance.now() - started) * 10) / 10,
      period,
      targetsSeconds: [targets[0]!, targets[1]!],
      demandModel: demand.model,
      gridIds,
      before: b.grids,
      after: a.grids,
      cityBefore: b.city,
      cityAfter: a.city,
      units: recommended,
      skipped,
    };
  }

  private respond(plan: ComputedPlan, gridId: string | null, cached: boolean): StandbyRecommendationsDto {
    const inGrid = (ids: (string | null)[]) => gridId === null || ids.includes(gridId);
    return {
      computedAt: plan.computedAt,
      computeMs: plan.computeMs,
      cached,
      period: plan.period,
      targetsSeconds: plan.targetsSeconds,
      demandModel: plan.demandModel,
      busyFraction: this.busyFraction,
      gridId,
      city: { before: plan.cityBefore, after: plan.cityAfter },
      grids: plan.gridIds.flatMap((id, z) =>
        inGrid([id]) ? [{ gridId: id, before: plan.before[z]!, after: plan.after[z]! }] : [],
      ),
      units: plan.units.filter((u) => inGrid([u.point.gridId, u.homeGridId])),
      skipped: plan.skipped.filter((s) => inGrid([s.homeGridId])),
    };
  }
}
