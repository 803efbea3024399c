/**
 * The coverage-aware policies (`closest+standby`, `closest+standby+moveup`): dispatch as
 * `closest`, but free units wait at standby points instead of patrolling at random, and (with
 * move-up) idle units move at once to restore coverage after each dispatch. All the choosing is
 * `@dispatch/coverage`'s: `standbyPoints` (MEXCLP greedy) and `recommendMoveUp`; this file only
 * feeds them the console's free units, the map and the hour's demand, and remembers who goes where.
 *
 * - Demand: the run's training history (training-history.ts, earlier weeks, another seed), per
 *   hour of week, on the roads.
 * - Standby plan: made for all free cars and motorcycles when the hour of week changes; when the
 *   free fleet changes within the hour, a unit free again (back from a call) is placed where it
 *   adds most to those already waiting, the others staying put (re-planning everyone at every
 *   dispatch moved each car some five times an hour, cost some 20 s of computing per simulated
 *   hour and was no better than `closest` on a tuning seed). Units keep to their home grid (see `stationArea`). Walkers, posts, drones and units
 *   still `returning` count where they are.
 * - Move-up: after a dispatch, up to 2 moves; a unit moved (by standby or move-up) within 30 min
 *   is not moved (the package's rule). A unit moved up keeps its site for those 30 min: the
 *   standby plan counts it there and does not send it elsewhere.
 */
import {
  DEFAULT_MIN_MOVE_INTERVAL_SECONDS,
  drives,
  hourOfWeekAt,
  type CoverUnit,
  recommendMoveUp,
  standbyPoints,
  type MoveUpUnit,
} from '@dispatch/coverage';
import type { IncidentDto, UnitDto } from '@dispatch/contracts';
import { travelCandidateOf } from '@dispatch/dispatch';
import { isUnitDispatchable, type LngLat } from '@dispatch/domain';
import { coverageTimes, type TravelCandidate } from '@dispatch/routing';
import { chooseClosest } from './closest.js';
import { coverModel, HourlyDemand, type CoverModel } from './cover-model.js';
import type { DispatchPolicy, PolicyContext, PolicyRun, Relocation } from './policy.js';
import { fixedOffsetTimeZone, trainingSurface } from './training-history.js';

export interface CoveragePolicyOptions {
  name: string;
  /** Move idle units up after each dispatch. */
  moveUp: boolean;
  /** MEXCLP's busy fraction q (default the package's 0.3). */
  busyFraction?: number;
  /** Drive-time targets the sites' reach is measured for (default the package's 3 and 5 min). */
  targetsSeconds?: readonly number[];
  /**
   * Units may wait in every grid of their station, or (default) only in their home grid: on the
   * tuning seeds (1-2, 60% fleet) the station-wide plan left more calls late than `closest`.
   */
  stationArea?: boolean;
}

interface Target {
  lngLat: LngLat;
  siteIndex: number;
}

/** A free unit of the console: dispatchable, on no incident, with a position. */
const isFree = (u: UnitDto) => isUnitDispatchable(u.status) && u.activeAssignmentId === null && !!u.position;

export class CoveragePolicy implements DispatchPolicy {
  readonly name: string;
  readonly chooseUnits = chooseClosest;
  private model: CoverModel | null = null;
  private demand: HourlyDemand | null = null;
  private timeZone = 'UTC';
  private ctx: PolicyContext | null = null;
  private postRanges: ReadonlyMap<string, number> = new Map();
  private readonly targets = new Map<string, Target>();
  private readonly lastMovedAt = new Map<string, number>();
  /** Units moved up keep their site until then (epoch ms). */
  private readonly heldUntil = new Map<string, number>();
  /** Hour of week of the last full plan, and the plan being made. */
  private plannedHour = -1;
  private planning: { hour: number; done: Promise<void> } | null = null;
  /** When each unit last asked without getting a point (asked again at once: no new try). */
  private readonly triedAt = new Map<string, number>();

  constructor(private readonly options: CoveragePolicyOptions) {
    this.name = options.name;
  }

  async start(run: PolicyRun, ctx: PolicyContext): Promise<void> {
    this.ctx = ctx;
    if (!run.network) {
      run.log(`${this.name}: no road network, units patrol`);
      return;
    }
    this.timeZone = fixedOffsetTimeZone(run.utcOffsetHours);
    const surface = trainingSurface(run);
    this.model = coverModel(run.network, run.grids, surface.resolution, this.options.targetsSeconds);
    this.demand = new HourlyDemand(this.model, surface);
    this.postRanges = await ctx.postRanges();
    run.log(
      `${this.name}: ${this.model.reach.sites.length} standby sites; demand from ${surface.incidentCount} training calls (seeded history of the ${surface.windowDays} days before the run)`,
    );
  }

  async standbyTarget(unit: { id: string; kind: UnitDto['kind'] }, now: number): Promise<LngLat | null> {
    if (!this.model) return null;
    const hour = hourOfWeekAt(now, this.timeZone);
    if (hour !== this.plannedHour) {
      // Units asking at the same instant share one plan.
      if (this.planning?.hour !== hour) this.planning = { hour, done: this.planAll(now, hour) };
      await this.planning.done;
    } else if (
      !this.targets.has(unit.id) &&
      this.triedAt.get(unit.id) !== now &&
      drives(this.coverUnitOf(unit.id, unit.kind, [0, 0]))
    )
      await this.placeOne(unit.id, now, hour);
    return this.targets.get(unit.id)?.lngLat ?? null;
  }

  async afterDispatch(
    dispatched: { incident: IncidentDto; unitIds: readonly string[] },
    ctx: PolicyContext,
  ): Promise<Relocation[]> {
    // The units sent leave their points; they get new ones when they are free again.
    for (const id of dispatched.unitIds) this.targets.delete(id);
    if (!this.options.moveUp || !this.model || !this.demand) return [];
    const now = ctx.now();
    const units = await ctx.console.units();
    const sent = new Set(dispatched.unitIds);
    const holes = units.filter((u) => sent.has(u.id) && u.position).map((u) => u.position!.lngLat);
    const free: MoveUpUnit[] = units.filter(isFree).map((u) => ({
      ...this.coverUnitOf(u.id, u.kind, u.position!.lngLat, u.homeGridId, u.postId),
      lastMovedAt: this.lastMovedAt.get(u.id) ?? null,
      // A unit still owing its return to the grid is not sent elsewhere; it covers where it is.
      movable: u.status === 'available',
    }));
    const result = recommendMoveUp({
      reach: this.model.reach,
      units: free,
      vertexDemand: this.demand.vertexDemand(hourOfWeekAt(now, this.timeZone)),
      holes,
      now,
    });
    return result.moves.map((m) => {
      this.targets.set(m.unitId, { lngLat: m.site.lngLat, siteIndex: m.siteIndex });
      this.lastMovedAt.set(m.unitId, now);
      this.heldUntil.set(m.unitId, now + DEFAULT_MIN_MOVE_INTERVAL_SECONDS * 1000);
      return { unitId: m.unitId, lngLat: m.site.lngLat };
    });
  }

  /** A unit as coverage sees it: its travel mode, home zone and station area. */
  private coverUnitOf(
    id: string,
    kind: UnitDto['kind'],
    lngLat: LngLat,
    homeGridId: string | null = null,
    postId: string | null = null,
  ) {
    const postRangeMeters = postId === null ? null : (this.postRanges.get(postId) ?? null);
    const homeZone = homeGridId === null ? -1 : (this.model?.zoneOf.get(homeGridId) ?? -1);
    return {
      candidate: travelCandidateOf({ id, kind, lngLat, postRangeMeters }),
      homeZone,
      allowedZones:
        homeZone < 0 || !this.options.stationArea ? [] : (this.model?.stationZones[homeZone] ?? []),
    };
  }

  /**
   * The hour's plan: standby points for every free driver, the rest of the free fleet counted
   * where it stays (units moved up within 30 minutes at their site).
   */
  private async planAll(now: number, hour: number): Promise<void> {
    const units = (await this.ctx!.console.units()).filter(isFree);
    const movers: CoverUnit[] = [];
    const staying: TravelCandidate[] = [];
    for (const u of units) {
      const cover = this.coverUnitOf(u.id, u.kind, u.position!.lngLat, u.homeGridId, u.postId);
      const held = this.targets.get(u.id);
      if (held && (this.heldUntil.get(u.id) ?? 0) > now)
        staying.push({ ...cover.candidate, lngLat: held.lngLat });
      else if (u.status === 'available' && drives(cover)) movers.push(cover);
      else staying.push(cover.candidate);
    }
    this.place(movers, staying, now, hour);
    // Units no longer free lose their point; they get a new one when they are free again.
    const freeIds = new Set(units.map((u) => u.id));
    for (const id of [...this.targets.keys()]) if (!freeIds.has(id)) this.targets.delete(id);
    this.plannedHour = hour;
  }

  /**
   * A driver free again (back from a call) within the hour: the point where it adds most to the
   * units already waiting (counted at their points), the others staying put. Placing it into the
   * plan instead of re-planning everyone keeps the other units still.
   */
  private async placeOne(unitId: string, now: number, hour: number): Promise<void> {
    this.triedAt.set(unitId, now);
    const units = (await this.ctx!.console.units()).filter(isFree);
    const me = units.find((u) => u.id === unitId && u.status === 'available');
    if (!me) return;
    const cover = this.coverUnitOf(me.id, me.kind, me.position!.lngLat, me.homeGridId, me.postId);
    if (!drives(cover)) return;
    const others = units
      .filter((u) => u.id !== unitId)
      .map((u) => {
        const c = this.coverUnitOf(u.id, u.kind, u.position!.lngLat, u.homeGridId, u.postId).candidate;
        const target = this.targets.get(u.id);
        return target ? { ...c, lngLat: target.lngLat } : c;
      });
    this.place([cover], others, now, hour);
  }

  /** `standbyPoints` for `movers` with `staying` counted where they are; new points noted. */
  private place(
    movers: readonly CoverUnit[],
    staying: readonly TravelCandidate[],
    now: number,
    hour: number,
  ): void {
    const model = this.model!;
    const limit = model.reach.targetsSeconds[model.reach.targetsSeconds.length - 1]!;
    const fixed = coverageTimes(model.network, staying, { limitSeconds: limit });
    const plan = standbyPoints(model.reach, movers, this.demand!.vertexDemand(hour), {
      busyFraction: this.options.busyFraction,
      ...(fixed ? { fixedSeconds: fixed.seconds } : {}),
    });
    const placed = new Map(plan.placements.map((p) => [p.unitId, p]));
    for (const m of movers) {
      const id = m.candidate.id;
      const p = placed.get(id);
      if (!p) this.targets.delete(id);
      else if (this.targets.get(id)?.siteIndex !== p.siteIndex) {
        this.targets.set(id, { lngLat: p.site.lngLat, siteIndex: p.siteIndex });
        this.lastMovedAt.set(id, now);
      }
    }
  }
}
