/**
 * Who should go: the candidate units ranked by road travel time (routing), filtered and
 * tie-broken by the dispatch rules, and the response plan's tiers filled from that ranking.
 */
import type { RecommendationsDto } from '@dispatch/contracts';
import {
  DEFAULT_RESPONSE_PLANS,
  MAX_SEARCH_SECONDS,
  planDispatch,
  rankCandidates,
  resolveResponsePlan,
  shownCandidates,
  toDispatchUnit,
  travelCandidateOf,
  validateResponsePlan,
  type DispatchUnit,
  type ResponsePlan,
  type TravelEstimate as DispatchEstimate,
} from '@dispatch/dispatch';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  isUnitDispatchable,
  type IncidentType,
  type LngLat,
  type Priority,
} from '@dispatch/domain';
import {
  estimatePrepared,
  prepareCandidates,
  snapBacklog,
  routeTo,
  updatePreparedCandidates,
  type PreparedCandidates,
  type TravelCandidate,
  type TravelRoute,
} from '@dispatch/routing';
import type { ServiceContext } from './context.js';
import type { EventPayload } from './event-bus.js';
import type { PositionIngest } from './position-ingest.js';
import type { PlannedUnit, PlanSummary, RecommendInput, Recommender } from './recommender.js';
import type { RoadNetworkService } from './road-network-service.js';
import type { RosterUnit, UnitRoster } from './unit-roster.js';
import { remainingPlan, type SentUnit } from './remaining-plan.js';

/**
 * Candidates ranked in full detail before a plan is filled from them (more if it cannot be):
 * a plan wants a handful of units of a city's thousands.
 */
const RANK_PREFIX = 40;
/** Units snapped per slice of the warm-up after a position batch (a few ms each). */
const PRESNAP_SLICE = 150;
/** How long response plans are kept before re-reading (edits made through another node). */
const PLAN_CACHE_MS = 5_000;
/** The oldest preparation a ranking may use while a warm-up prepares a newer one (see freeUnits). */
const MAX_LAG_MS = 3_000;

export interface LoadedUnit extends DispatchUnit {
  travel: TravelCandidate;
}

/**
 * Whether a plan filled from a ranked prefix is the plan the whole ranking gives: nothing short,
 * and every unit chosen faster than the prefix's frontier. Then each slot's best unit was ranked
 * before the last tie group, and no unranked unit is within the tolerance of it, so neither the
 * choice nor the preferred-capability look-ahead (plan-dispatch.ts) could reach past the prefix.
 */
function settled(
  proposal: { shortfalls: readonly unknown[]; assignments: readonly { etaSeconds: number }[] },
  ranking: { complete: boolean; frontierEtaSeconds: number },
): boolean {
  if (ranking.complete) return true;
  return (
    proposal.shortfalls.length === 0 &&
    proposal.assignments.every((a) => a.etaSeconds < ranking.frontierEtaSeconds)
  );
}

export class RecommendationService implements Recommender {
  private positions: PositionIngest | null = null;
  /**
   * Every unit with a known position, snapped to the road graph: rebuilt when positions change
   * (at most about once a second under 1 Hz reports), not when a unit is dispatched or freed.
   */
  private snapped: {
    shownGeneration: number;
    /** performance.now() when it was prepared. */
    preparedAt: number;
    travelGeneration: number;
    network: RoadNetworkService['network'];
    prepared: PreparedCandidates;
    units: LoadedUnit[];
  } | null = null;
  /** The free ones among them, as of a roster generation. */
  private free: { rosterGeneration: number; snapped: object; units: LoadedUnit[] } | null = null;
  /** Bumped when the positions ranking uses change (a wall batch, or a first report). */
  private shownGeneration = 0;
  private planCache: { at: number; plans: Promise<ResponsePlan[]> } | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly roads: RoadNetworkService,
    private readonly roster: UnitRoster,
    /** Candidates ranked before a plan is tried (tests vary it: the answer must not change). */
    private readonly rankPrefix = RANK_PREFIX,
  ) {}

  /**
   * Positions as last shown on the wall (the 1 s `unit:positions` batch): ranking uses these,
   * so a unit is re-snapped at most once a second however often it reports, and the ETAs
   * match the map the dispatcher sees.
   */
  private shown = new Map<string, LngLat>();

  /**
   * `warm`: rebuild the ranking input right after each position batch, off the request path
   * (servers with background work; tests keep it lazy).
   */
  usePositions(positions: PositionIngest, warm = false): void {
    this.positions = positions;
    // A unit not yet on the wall is ranked by its latest report: such a report changes the input.
    positions.onAccept((unitId) => {
      if (!this.shown.has(unitId)) this.shownGeneration += 1;
    });
    this.warm = warm;
    this.ctx.bus.subscribe((event) => {
      if (event.name !== 'unit:positions') return;
      const { positions: batch } = event.payload as EventPayload<'unit:positions'>;
      for (const p of batch) this.shown.set(p.id, [p.lngLat[0], p.lngLat[1]]);
      this.shownGeneration += 1;
      if (warm) void this.warmUp().catch(() => undefined);
    });
  }

  /** Whether position batches are prepared off the request path (see usePositions). */
  private warm = false;
  private warming = false;
  private rewarm = false;

  /**
   * After a position batch: snaps the moved units in short slices between other work, then
   * rebuilds the ranking input, which then snaps nothing. Snapping 2,000 moved units at once
   * blocked the event loop for tens of milliseconds each second, and a call arriving then waited.
   */
  async warmUp(): Promise<void> {
    if (this.warming) {
      this.rewarm = true;
      return;
    }
    this.warming = true;
    try {
      do {
        this.rewarm = false;
        const travels = this.located((await this.roster.all()).values()).map((u) => u.travel);
        const previous = this.snapped?.prepared;
        if (previous && previous.network === this.roads.network) {
          const backlog = snapBacklog(previous, travels);
          do await new Promise((resolve) => setImmediate(resolve));
          while (backlog.snap(PRESNAP_SLICE) > 0);
        }
        await new Promise((resolve) => setImmediate(resolve));
        await this.freeUnits({ mayLag: false });
      } while (this.rewarm);
    } finally {
      this.warming = false;
    }
  }

  /**
   * Every free unit with a known position, as it travels (live coverage): the positions and travel
   * model ranking uses, read from the in-memory roster (no query).
   */
  async freeTravelCandidates(): Promise<TravelCandidate[]> {
    return (await this.freeLoadedUnits()).map((u) => u.travel);
  }

  /** The free units with a known position, each with how it travels. */
  async freeLoadedUnits(): Promise<LoadedUnit[]> {
    const roster = await this.roster.all();
    return this.located([...roster.values()].filter((u) => isUnitDispatchable(u.status)));
  }

  /** Stored plans (validated) before the defaults, so an edited plan wins. */
  async plans(): Promise<ResponsePlan[]> {
    // Read on every incident create and dispatch, edited a few times a year: kept in memory,
    // dropped on this node's edits and re-read after PLAN_CACHE_MS for edits made on another node.
    const cached = this.planCache;
    if (cached && performance.now() - cached.at < PLAN_CACHE_MS) return cached.plans;
    // The promise itself is kept: concurrent readers share one query, and an edit committed
    // while it runs drops it (invalidatePlans), so later readers see the edit.
    const at = performance.now();
    const plans = this.readPlans();
    this.planCache = { at, plans };
    plans.then(
      () => undefined,
      () => {
        if (this.planCache?.plans === plans) this.planCache = null; // never cache a failed read
      },
    );
    return plans;
  }

  /** Forget the cached plans: the next read goes to the database (call after a plan edit commits). */
  invalidatePlans(): void {
    this.planCache = null;
  }

  private async readPlans(): Promise<ResponsePlan[]> {
    const rows = await this.ctx.prisma.responsePlan.findMany();
    const stored = rows
      .map((r) => r.plan as unknown as ResponsePlan)
      .filter((p) => validateResponsePlan(p).length === 0);
    return [...stored, ...DEFAULT_RESPONSE_PLANS];
  }

  async planSummary(type: IncidentType, priority: Priority): Promise<PlanSummary> {
    const { plan } = resolveResponsePlan(await this.plans(), type, priority);
    return { requiredUnits: plan.requiredUnits, autoDispatch: plan.autoDispatch };
  }

  /** Where a unit is: as last shown on the wall, else as just reported, else as stored. */
  private positionOf(id: string, lastLng: number | null, lastLat: number | null): LngLat | null {
    const shown = this.shown.get(id);
    if (shown) return shown;
    const fresh = this.positions?.latestOf(id);
    if (fresh) return [fresh.lng, fresh.lat];
    return lastLng !== null && lastLat !== null ? [lastLng, lastLat] : null;
  }

  private loaded(row: RosterUnit): LoadedUnit | null {
    const lngLat = this.positionOf(row.id, row.lastLng, row.lastLat);
    if (!lngLat) return null; // a unit with no known position cannot be ranked
    return {
      ...toDispatchUnit(row, lngLat),
      travel: travelCandidateOf({ id: row.id, kind: row.kind, lngLat, postRangeMeters: row.postRangeMeters }),
    };
  }

  /** Named units, read from the database (a manual dispatch's, a route's). */
  private async loadUnits(ids: readonly string[]): Promise<LoadedUnit[]> {
    return this.located(await this.roster.fetch(ids));
  }

  /** The units whose position is known, ready to rank. */
  private located(units: Iterable<RosterUnit>): LoadedUnit[] {
    const out: LoadedUnit[] = [];
    for (const unit of units) {
      const loaded = this.loaded(unit);
      if (loaded) out.push(loaded);
    }
    return out;
  }

  /**
   * The free units with a known position, and every unit snapped and ready to search.
   * `mayLag`: while a warm-up is preparing the latest position batch, a ranking uses the
   * preparation of the batch before (a second old under 1 Hz reports; never more than
   * MAX_LAG_MS) instead of preparing the fleet on the request path: that took tens of
   * milliseconds, and a call arriving then waited for it. Statuses are never lagged (a unit sent
   * meanwhile is not free), nor a new road network or a change of how units travel; a unit's
   * first report is ranked once the warm-up is done.
   */
  private async freeUnits({ mayLag = true } = {}): Promise<{
    units: LoadedUnit[];
    prepared: PreparedCandidates;
  }> {
    const roster = await this.roster.all();
    let snapped = this.snapped;
    const current =
      snapped !== null &&
      snapped.travelGeneration === this.roster.travelGeneration &&
      snapped.network === this.roads.network &&
      (snapped.shownGeneration === this.shownGeneration ||
        (mayLag && this.warm && this.warming && performance.now() - snapped.preparedAt < MAX_LAG_MS));
    if (!snapped || !current) {
      const shownGeneration = this.shownGeneration;
      const travelGeneration = this.roster.travelGeneration;
      const units = this.located(roster.values());
      snapped = {
        shownGeneration,
        preparedAt: performance.now(),
        travelGeneration,
        network: this.roads.network,
        prepared: this.prepare(units),
        units,
      };
      this.snapped = snapped;
    }
    let free = this.free;
    if (!free || free.rosterGeneration !== this.roster.generation || free.snapped !== snapped) {
      const rosterGeneration = this.roster.generation;
      // Status and grids as the roster has them now; position and travel as snapped.
      const units: LoadedUnit[] = [];
      for (const unit of snapped.units) {
        const now = roster.get(unit.id);
        if (!now || !isUnitDispatchable(now.status)) continue;
        units.push(
          now.status === unit.status &&
            now.homeGridId === unit.homeGridId &&
            now.currentGridId === unit.currentGridId &&
            now.capabilities === unit.capabilities
            ? unit
            : {
                ...unit,
                status: now.status,
                homeGridId: now.homeGridId,
                currentGridId: now.currentGridId,
                capabilities: now.capabilities,
              },
        );
      }
      free = { rosterGeneration, snapped, units };
      this.free = free;
    }
    return { units: free.units, prepared: snapped.prepared };
  }

  /**
   * Candidates ready to search, reusing the snaps of the last preparation of every unit: only
   * units that moved since are snapped again.
   */
  private prepare(units: readonly LoadedUnit[]): PreparedCandidates {
    const travels = units.map((u) => u.travel);
    const previous = this.snapped?.prepared;
    return previous
      ? updatePreparedCandidates(previous, travels, this.roads.network)
      : prepareCandidates(this.roads.network, travels);
  }

  private estimates(target: LngLat, prepared: PreparedCandidates): Map<string, DispatchEstimate> {
    const results = estimatePrepared(prepared, target, { maxSeconds: MAX_SEARCH_SECONDS });
    // The results are estimates already (id aside): no copy of thousands of objects per call.
    const byId = new Map<string, DispatchEstimate>();
    for (const r of results) byId.set(r.id, r);
    return byId;
  }

  /** `atLeast`: rank only a prefix of the candidates (see RankOptions); callers widen on shortfall. */
  private async rank(input: RecommendInput, atLeast = Infinity) {
    const { units, prepared } = await this.freeUnits();
    const estimates = this.estimates(input.lngLat, prepared);
    const incident = {
      type: input.type,
      priority: input.priority,
      lngLat: input.lngLat,
      gridId: input.gridId,
    };
    const { ranked, complete, frontierEtaSeconds } = rankCandidates(incident, units, estimates, {
      excludeUnitIds: input.assignedUnitIds ?? [],
      atLeast,
    });
    const { plan } = resolveResponsePlan(await this.plans(), input.type, input.priority);
    const sent = await this.sentUnits(input.assignedUnitIds ?? []);
    // Units already on the incident fill their places: only what is still missing is proposed.
    return { incident, ranked, complete, frontierEtaSeconds, plan: remainingPlan(plan, sent), sent };
  }

  /** Kind and tier of the active assignments of the incident's units. */
  private async sentUnits(unitIds: readonly string[]): Promise<SentUnit[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.ctx.prisma.assignment.findMany({
      where: {
        unitId: { in: [...unitIds] },
        status: { in: [...ACTIVE_ASSIGNMENT_STATUSES] },
      },
      select: { tier: true, unit: { select: { kind: true } } },
    });
    return rows.map((r) => ({ kind: r.unit.kind, tier: r.tier }));
  }

  async recommend(input: RecommendInput): Promise<RecommendationsDto> {
    const limit = input.limit ?? 10;
    let ranking = await this.rank(input, limit + this.rankPrefix);
    let proposal = planDispatch(ranking.incident, ranking.plan, ranking.ranked, input.assignedUnitIds ?? []);
    if (!settled(proposal, ranking)) {
      // The prefix could not fill the plan: the whole ranking might.
      ranking = await this.rank(input);
      proposal = planDispatch(ranking.incident, ranking.plan, ranking.ranked, input.assignedUnitIds ?? []);
    }
    const { ranked, plan } = ranking;
    const shown = shownCandidates(ranked, proposal, limit);
    return {
      lngLat: [input.lngLat[0], input.lngLat[1]],
      gridId: input.gridId,
      straightLine: this.roads.network === null,
      requiredUnits: plan.requiredUnits,
      autoDispatch: plan.autoDispatch,
      candidates: shown.map(({ candidate: c, planned }) => ({
        unitId: c.unit.id,
        callSign: c.unit.callSign,
        kind: c.unit.kind,
        status: c.unit.status,
        etaSeconds: Math.round(c.etaSeconds),
        distanceMeters: Math.round(c.distanceMeters),
        method: c.method,
        reachable: true,
        rank: c.rank,
        reasons: c.reasons.map((r) => {
          const { code, ...params } = r as { code: string } & Record<string, unknown>;
          const flat: Record<string, string | number | boolean> = {};
          for (const [k, v] of Object.entries(params))
            if (['string', 'number', 'boolean'].includes(typeof v)) flat[k] = v as never;
          return { code, params: flat };
        }),
        tier: planned?.tier ?? null,
        role: planned?.role ?? null,
      })),
      shortfalls: proposal.shortfalls.map((s) => ({
        tier: s.tier,
        missing: s.missing,
        reason: s.kinds.join('|'),
      })),
    };
  }

  /**
   * One tier at a time: the first tier (`next` false), or the next tier after the highest one
   * already sent that still has open places (wrapping round to fill earlier gaps).
   */
  async plan(input: RecommendInput & { next: boolean }): Promise<PlannedUnit[]> {
    // A shortfall on a prefix may be filled from the whole ranking (a drone far down, say).
    return (
      this.planFrom(input, await this.rank(input, this.rankPrefix)) ??
      this.planFrom(input, await this.rank(input)) ??
      []
    );
  }

  /** The units to send, or null when a prefix ranking cannot settle it (see `settled`). */
  private planFrom(
    input: RecommendInput & { next: boolean },
    ranking: Awaited<ReturnType<RecommendationService['rank']>>,
  ): PlannedUnit[] | null {
    const { incident, ranked, plan, sent } = ranking;
    const already = input.assignedUnitIds ?? [];
    const tiers = plan.tiers.map((t) => t.tier).sort((a, b) => a - b);
    const last = Math.max(0, ...sent.map((s) => s.tier));
    const order = input.next
      ? [...tiers.filter((t) => t > last), ...tiers.filter((t) => t <= last)]
      : tiers.slice(0, 1);
    for (const tier of order) {
      const proposal = planDispatch(incident, plan, ranked, already, { fromTier: tier, throughTier: tier });
      if (!settled(proposal, ranking)) return null;
      if (proposal.assignments.length === 0) continue;
      return proposal.assignments.map((a) => ({
        unitId: a.unitId,
        role: a.role,
        tier: a.tier,
        etaSeconds: a.etaSeconds,
        distanceMeters: a.distanceMeters,
        method: a.method,
      }));
    }
    return [];
  }

  async estimate(lngLat: LngLat, unitIds: readonly string[]) {
    const units = await this.loadUnits(unitIds);
    const estimates = this.estimates(lngLat, this.prepare(units));
    const out = new Map<
      string,
      { etaSeconds: number | null; distanceMeters: number | null; method: string | null }
    >();
    for (const [id, e] of estimates) {
      out.set(
        id,
        e.reachable
          ? { etaSeconds: e.etaSeconds, distanceMeters: e.distanceMeters, method: e.method }
          : { etaSeconds: null, distanceMeters: null, method: e.method },
      );
    }
    return out;
  }

  /** Route of one unit to a point (the unit terminal and the map draw it). */
  async route(unitId: string, target: LngLat): Promise<TravelRoute | null> {
    const [unit] = await this.loadUnits([unitId]);
    if (!unit) return null;
    return routeTo(this.roads.network, unit.travel, target);
  }
}
