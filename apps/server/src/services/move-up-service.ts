/**
 * Move-up after a dispatch: when free units stop being free (dispatched, or out of service), the
 * holes they leave are coalesced for a moment (a multi-unit dispatch is one hole set), then
 * `recommendMoveUp` (@dispatch/coverage) picks at most N relocations of idle units over the cover
 * planner's zones, site reach, free units and the hour's demand. Each recommendation is a row with
 * its audit entry, announced after commit; a dispatcher or supervisor accepts it (a standby order
 * with reason `move_up`, in the same transaction) or declines it. Pending ones expire after a
 * while, when their unit stops being free, or when a newer one for the same unit supersedes them.
 *
 * Several nodes: a hole set is seen by the node whose write made it (its bus). Recording takes a
 * transaction-level advisory lock and skips a hole set already recorded (its trigger key), so the
 * same trigger reaching two nodes (a relay, a retry) gives one set of rows and one announcement;
 * at most one pending recommendation per unit is enforced by a partial unique index besides.
 * Accept and decline are conditional updates (pending -> decided): one wins, the other gets 409.
 */
import { createHash } from 'node:crypto';
import type {
  MoveUpAcceptedDto,
  MoveUpDecisionBody,
  MoveUpDto,
  MoveUpEndReason,
  MoveUpSettingsDto,
  MoveUpTriggerDto,
  UnitDto,
} from '@dispatch/contracts';
import { ROOMS } from '@dispatch/contracts';
import {
  DEFAULT_MAX_MOVES,
  DEFAULT_MIN_MOVE_INTERVAL_SECONDS,
  DEFAULT_MOVE_UP_SHORTLIST,
  type MoveUpResult,
  type MoveUpUnit,
} from '@dispatch/coverage';
import {
  DISPATCHABLE_UNIT_STATUSES,
  domainError,
  DomainErrorException,
  isUnitBusy,
  isUnitDispatchable,
  leftFreeFleet,
  type LngLat,
  type UnitStatus,
} from '@dispatch/domain';
import { Prisma, type MoveUpRecommendation } from '../generated/prisma/client.js';
import { writeAudit } from './audit.js';
import { inTransaction, SYSTEM_ACTOR, type Actor, type ServiceContext, type Tx } from './context.js';
import type { PlannerUnit, CoverPlanner } from './cover-planner.js';
import type { EventPayload, Outbox } from './event-bus.js';
import type { GridIndex } from './grid-index.js';
import type { StandbyService } from './standby-service.js';
import type { UnitRoster } from './unit-roster.js';

export const DEFAULT_MOVE_UP_SETTINGS: Readonly<MoveUpSettingsDto> = {
  maxMoves: DEFAULT_MAX_MOVES,
  minMoveIntervalSeconds: DEFAULT_MIN_MOVE_INTERVAL_SECONDS,
  mayLeaveStationArea: false,
  expireAfterSeconds: 600,
};
const SETTINGS_KEY = 'move_up';
/** Bounds of each setting (as in the contract), for values stored before a bound changed. */
const SETTING_BOUNDS = {
  maxMoves: [0, 5],
  minMoveIntervalSeconds: [0, 4 * 3600],
  expireAfterSeconds: [60, 3600],
} as const;
/**
 * Units shortlisted per hole set, about: a set of many holes shortlists fewer units per hole (the
 * package's 12 down to 4), so a large dispatch does not hold the event loop several times longer.
 */
const MAX_SHORTLISTED = 3 * DEFAULT_MOVE_UP_SHORTLIST;
const MIN_SHORTLIST = 4;
/** Serialises the recording of recommendations across nodes (pg_advisory_xact_lock key). */
const RECORD_LOCK_KEY = 1_100_701;

/** A unit that just stopped being free: where it was, and why. */
export interface Departure {
  unitId: string;
  /** Its row version after the change (with the id, what makes a trigger unique). */
  version: number;
  kind: 'dispatch' | 'out_of_service';
  incidentId: string | null;
  lngLat: LngLat;
}

/** One relocation of a plan, as it will be recorded. */
export interface PlannedMove {
  rank: number;
  unitId: string;
  callSign: string;
  from: LngLat;
  fromGridId: string | null;
  site: LngLat;
  siteGridId: string | null;
  gainShare5: number;
  gainShare3: number;
  travelSeconds: number;
}

/** What {@link MoveUpService.plan} computed for a hole set (nothing written yet). */
export interface MoveUpPlan {
  now: number;
  trigger: MoveUpTriggerDto;
  triggerKey: string;
  settings: MoveUpSettingsDto;
  moves: PlannedMove[];
  result: MoveUpResult;
}

export interface MoveUpServiceOptions {
  /** How long departures are gathered into one hole set (default 1.5 s). */
  coalesceMs?: number;
}

type Row = MoveUpRecommendation;

export function toMoveUpDto(r: Row, callSign: string): MoveUpDto {
  return {
    id: r.id,
    unitId: r.unitId,
    callSign,
    from: [r.fromLng, r.fromLat],
    fromGridId: r.fromGridId,
    site: [r.siteLng, r.siteLat],
    siteGridId: r.siteGridId,
    gainShare5: r.gainShare5,
    gainShare3: r.gainShare3,
    travelSeconds: r.travelSeconds,
    trigger: {
      kind: r.triggerKind as MoveUpTriggerDto['kind'],
      unitIds: r.triggerUnitIds,
      incidentIds: r.triggerIncidentIds,
    },
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    status: r.status as MoveUpDto['status'],
    endReason: (r.endReason ?? null) as MoveUpDto['endReason'],
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decidedById: r.decidedById,
    standbyOrderId: r.standbyOrderId,
  };
}

/** The trigger of a hole set: what left, and a key that is the same wherever it is computed. */
export function triggerOf(departures: readonly Departure[]): { trigger: MoveUpTriggerDto; key: string } {
  const unitIds = departures.map((d) => d.unitId);
  const incidentIds = [...new Set(departures.flatMap((d) => (d.incidentId ? [d.incidentId] : [])))];
  const kind = departures.some((d) => d.kind === 'dispatch') ? 'dispatch' : 'out_of_service';
  const key = createHash('sha256')
    .update(
      departures
        .map((d) => `${d.unitId}@${d.version}`)
        .sort()
        .join(','),
    )
    .digest('hex');
  return { trigger: { kind, unitIds, incidentIds }, key };
}

const rooms = [ROOMS.wall];

export class MoveUpService {
  private queue: Departure[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Hole sets are planned and recorded one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Last status seen per unit: whether a change took a unit out of the free fleet. */
  private readonly statusOf = new Map<string, UnitStatus>();
  /**
   * Units with a pending recommendation this node recorded: a status change of one of them expires
   * it at once (one query only where there is something to end); the sweep catches the rest.
   */
  private readonly pendingUnits = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly coalesceMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly planner: CoverPlanner,
    private readonly grids: GridIndex,
    private readonly standby: StandbyService,
    private readonly roster: Pick<UnitRoster, 'all'>,
    private readonly onError: (error: unknown) => void = () => {},
    options: MoveUpServiceOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 1_500;
  }

  /** Watches this node's unit changes for holes, and expires moves whose unit is no longer free. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.ctx.bus.subscribe((event) => {
      if (event.name === 'unit:updated') this.observe(event.payload as EventPayload<'unit:updated'>);
    });
    this.track(this.learnStatuses(false));
    // The site reach takes seconds on a large city: build it before the first dispatch needs it.
    this.track(this.planner.reach());
  }

  /**
   * Every `intervalMs`: expires timed-out moves and those of units taken on other nodes, and
   * re-reads the statuses other nodes changed (a unit another node freed, then taken out of
   * service here, is a hole).
   */
  startSweeps(intervalMs: number): void {
    this.sweeper ??= setInterval(() => {
      this.track(this.expire());
      this.track(this.learnStatuses(true));
    }, intervalMs);
    this.sweeper.unref();
  }

  /** Statuses as the roster has them (`overwrite`: also those already seen here). */
  private async learnStatuses(overwrite: boolean): Promise<void> {
    for (const u of (await this.roster.all()).values())
      if (overwrite || !this.statusOf.has(u.id)) this.statusOf.set(u.id, u.status);
  }

  /** Stops watching and sweeping; resolves once the work in flight has finished. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.allSettled([this.chain, ...this.inFlight]);
  }

  /** Background work (expiries, the first reach build) that {@link stop} waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private track(work: Promise<unknown>): void {
    const done = work.catch(this.onError).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private observe(unit: UnitDto): void {
    const before = this.statusOf.get(unit.id) ?? null;
    this.statusOf.set(unit.id, unit.status);
    if (isUnitDispatchable(unit.status)) return;
    // Its pending move can no longer be made.
    if (this.pendingUnits.delete(unit.id)) this.track(this.expire([unit.id]));
    if (!leftFreeFleet(before, unit.status) || !unit.position) return;
    this.enqueue({
      unitId: unit.id,
      version: unit.version,
      kind: isUnitBusy(unit.status) ? 'dispatch' : 'out_of_service',
      incidentId: unit.activeIncidentId,
      lngLat: unit.position.lngLat,
    });
  }

  /** Adds a hole; the hole set is planned `coalesceMs` after its first hole. */
  enqueue(departure: Departure): void {
    if (this.queue.some((d) => d.unitId === departure.unitId)) return;
    this.queue.push(departure);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.track(this.flush());
    }, this.coalesceMs);
  }

  /** Plans and records the holes gathered so far now (tests; the timer otherwise). */
  flush(): Promise<MoveUpDto[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const holes = this.queue;
    this.queue = [];
    const run = this.chain.then(async () => {
      // A unit already free again (an assignment cancelled meanwhile) left no hole.
      const roster = await this.roster.all();
      const open = holes.filter((d) => {
        const status = roster.get(d.unitId)?.status;
        return !status || !isUnitDispatchable(status);
      });
      if (open.length === 0) return [];
      const plan = await this.plan(open);
      return plan && plan.moves.length > 0 ? this.record(plan) : [];
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * The relocations for a hole set, computed and not written: the cover planner's reach, free
   * units (the departed ones are no longer among them) and demand for the hour, each unit's last
   * standby or move-up order, and the settings. Null without a road network or with move-up off.
   */
  async plan(departures: readonly Departure[], now = this.ctx.now()): Promise<MoveUpPlan | null> {
    const settings = await this.settings();
    if (settings.maxMoves === 0 || departures.length === 0) return null;
    const built = await this.planner.reach();
    if (!built) return null;
    const { zones } = built;
    const free = await this.planner.units(zones);
    const lastMoved = await this.lastMoves(
      free.map((u) => u.id),
      now - settings.minMoveIntervalSeconds * 1000,
    );
    const units: (PlannerUnit & MoveUpUnit)[] = free.map((u) => ({
      ...u,
      lastMovedAt: lastMoved.get(u.id) ?? null,
    }));
    const { demand } = this.planner.vertexDemand(zones.network);
    // recommendMoveUp runs in the planning engine (a worker thread), over the reach kept there.
    const result = await this.planner.planning.moveUp(zones, {
      targetsSeconds: built.targetsSeconds,
      units,
      vertexDemand: demand,
      holes: departures.map((d) => d.lngLat),
      now,
      maxMoves: settings.maxMoves,
      minMoveIntervalSeconds: settings.minMoveIntervalSeconds,
      shortlist: shortlistFor(departures.length),
      mayLeaveStationArea: settings.mayLeaveStationArea,
    });
    const byId = new Map(units.map((u) => [u.id, u]));
    const last = built.targetsSeconds.length - 1;
    const share = (x: number) => (result.totalDemand > 0 ? x / result.totalDemand : 0);
    const moves = result.moves.map((m, rank) => ({
      rank,
      unitId: m.unitId,
      callSign: byId.get(m.unitId)?.callSign ?? m.unitId,
      from: m.from,
      fromGridId: this.grids.locate(m.from),
      site: m.site.lngLat,
      siteGridId: zones.gridIds[m.site.zone] ?? null,
      gainShare5: share(m.gainWithin[last]!),
      gainShare3: share(m.gainWithin[0]!),
      travelSeconds: Math.round(m.travelSeconds),
    }));
    const { trigger, key } = triggerOf(departures);
    return { now, trigger, triggerKey: key, settings, moves, result };
  }

  /**
   * When each of `unitIds` last got a standby or move-up order after `sinceMs`: the orders of the
   * last interval only (index on created_at), so the query does not grow with the fleet.
   */
  private async lastMoves(unitIds: readonly string[], sinceMs: number): Promise<Map<string, number>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.ctx.prisma.$queryRaw<{ unitId: string; at: Date }[]>`
      SELECT unit_id AS "unitId", max(created_at) AS at FROM standby_order
      WHERE created_at > ${new Date(sinceMs)} GROUP BY unit_id`;
    const wanted = new Set(unitIds);
    return new Map(rows.filter((r) => wanted.has(r.unitId)).map((r) => [r.unitId, new Date(r.at).getTime()]));
  }

  /**
   * Writes a plan's moves with their audit entries, superseding the moved units' pending ones, and
   * announces them after commit. A hole set already recorded (on another node) writes nothing;
   * a unit taken or moved since the plan was computed is left out.
   */
  async record(plan: MoveUpPlan): Promise<MoveUpDto[]> {
    return inTransaction(this.ctx, async (tx, outbox) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RECORD_LOCK_KEY}::bigint)`;
      const known = await tx.moveUpRecommendation.findFirst({
        where: { triggerKey: plan.triggerKey },
        select: { id: true },
      });
      if (known) return [];
      const ids = plan.moves.map((m) => m.unitId);
      const stillFree = new Set(
        (
          await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM unit WHERE id = ANY(${ids}::text[])
              AND status::text = ANY(${[...DISPATCHABLE_UNIT_STATUSES]}::text[])`
        ).map((r) => r.id),
      );
      const movedSince = new Set(
        (
          await tx.standbyOrder.findMany({
            where: {
              unitId: { in: ids },
              createdAt: { gt: new Date(plan.now - plan.settings.minMoveIntervalSeconds * 1000) },
            },
            select: { unitId: true },
          })
        ).map((r) => r.unitId),
      );
      const moves = plan.moves.filter((m) => stillFree.has(m.unitId) && !movedSince.has(m.unitId));
      if (moves.length === 0) return [];
      const now = new Date(this.ctx.now());
      // A newer recommendation for a unit replaces its pending one.
      await this.end(tx, outbox, { unitId: { in: moves.map((m) => m.unitId) } }, 'superseded', now);
      const created = await tx.moveUpRecommendation.createManyAndReturn({
        data: moves.map((m) => ({
          unitId: m.unitId,
          fromLng: m.from[0],
          fromLat: m.from[1],
          fromGridId: m.fromGridId,
          siteLng: m.site[0],
          siteLat: m.site[1],
          siteGridId: m.siteGridId,
          gainShare5: m.gainShare5,
          gainShare3: m.gainShare3,
          travelSeconds: m.travelSeconds,
          triggerKind: plan.trigger.kind,
          triggerUnitIds: plan.trigger.unitIds,
          triggerIncidentIds: plan.trigger.incidentIds,
          triggerKey: plan.triggerKey,
          rank: m.rank,
          createdAt: now,
          expiresAt: new Date(now.getTime() + plan.settings.expireAfterSeconds * 1000),
        })),
      });
      const callSign = new Map(moves.map((m) => [m.unitId, m.callSign]));
      const dtos = created
        .sort((a, b) => a.rank - b.rank)
        .map((r) => toMoveUpDto(r, callSign.get(r.unitId) ?? r.unitId));
      await writeAudit(
        tx,
        SYSTEM_ACTOR,
        now.getTime(),
        dtos.map((dto) => ({
          action: 'move_up.recommend',
          entityType: 'move_up',
          entityId: dto.id,
          after: dto,
        })),
      );
      for (const dto of dtos) {
        outbox.add('move-up:recommended', dto, rooms);
        this.pendingUnits.add(dto.unitId);
      }
      return dtos;
    });
  }

  /**
   * Ends the pending recommendations matching `where` as expired (`reason`), audited by the
   * system, each announced (after commit) as decided.
   */
  private async end(
    tx: Tx,
    outbox: Outbox,
    where: Prisma.MoveUpRecommendationWhereInput,
    reason: MoveUpEndReason,
    now: Date,
  ): Promise<MoveUpDto[]> {
    const rows = await tx.moveUpRecommendation.updateManyAndReturn({
      where: { ...where, status: 'pending' },
      data: { status: 'expired', endReason: reason, decidedAt: now },
    });
    return this.announceEnded(tx, outbox, rows, now);
  }

  private async announceEnded(tx: Tx, outbox: Outbox, rows: readonly Row[], now: Date): Promise<MoveUpDto[]> {
    if (rows.length === 0) return [];
    const signs = await this.callSigns(
      tx,
      rows.map((r) => r.unitId),
    );
    const dtos = rows.map((r) => toMoveUpDto(r, signs.get(r.unitId) ?? r.unitId));
    await writeAudit(
      tx,
      SYSTEM_ACTOR,
      now.getTime(),
      dtos.map((dto) => ({
        action: 'move_up.expire',
        entityType: 'move_up',
        entityId: dto.id,
        before: { status: 'pending' },
        after: dto,
      })),
    );
    for (const dto of dtos) outbox.add('move-up:decided', dto, rooms);
    return dtos;
  }

  private async callSigns(db: Pick<Tx, 'unit'>, unitIds: readonly string[]): Promise<Map<string, string>> {
    const units = await db.unit.findMany({
      where: { id: { in: [...new Set(unitIds)] } },
      select: { id: true, callSign: true },
    });
    return new Map(units.map((u) => [u.id, u.callSign]));
  }

  /**
   * Expires pending recommendations that timed out or whose unit is no longer free (all, or those
   * of `unitIds`). Idempotent across nodes: each ends once, on whichever node gets there first.
   */
  async expire(unitIds?: readonly string[]): Promise<number> {
    const ended = await inTransaction(this.ctx, async (tx, outbox) => {
      const now = new Date(this.ctx.now());
      const rows = await tx.$queryRaw<Row[]>`
        UPDATE move_up_recommendation r SET status = 'expired', decided_at = ${now},
          end_reason = CASE WHEN EXISTS (
            SELECT 1 FROM unit u WHERE u.id = r.unit_id
              AND u.status::text = ANY(${[...DISPATCHABLE_UNIT_STATUSES]}::text[])
          ) THEN 'timed_out' ELSE 'unit_not_free' END
        WHERE r.status = 'pending'
          ${unitIds ? Prisma.sql`AND r.unit_id = ANY(${[...unitIds]}::text[])` : Prisma.empty}
          AND (r.expires_at <= ${now} OR NOT EXISTS (
            SELECT 1 FROM unit u WHERE u.id = r.unit_id
              AND u.status::text = ANY(${[...DISPATCHABLE_UNIT_STATUSES]}::text[])
          ))
        RETURNING r.id, r.unit_id AS "unitId", r.from_lng AS "fromLng", r.from_lat AS "fromLat",
          r.from_grid_id AS "fromGridId", r.site_lng AS "siteLng", r.site_lat AS "siteLat",
          r.site_grid_id AS "siteGridId", r.gain_share5 AS "gainShare5", r.gain_share3 AS "gainShare3",
          r.travel_seconds AS "travelSeconds", r.trigger_kind AS "triggerKind",
          r.trigger_unit_ids AS "triggerUnitIds", r.trigger_incident_ids AS "triggerIncidentIds",
          r.trigger_key AS "triggerKey", r.rank, r.created_at AS "createdAt", r.expires_at AS "expiresAt",
          r.status, r.end_reason AS "endReason", r.decided_at AS "decidedAt",
          r.decided_by_id AS "decidedById", r.standby_order_id AS "standbyOrderId"`;
      return this.announceEnded(tx, outbox, rows.map(rowOfRaw), now);
    });
    return ended.length;
  }

  /** Pending recommendations still offered (not timed out, unit still free), oldest first. */
  async pending(): Promise<MoveUpDto[]> {
    const rows = await this.ctx.prisma.moveUpRecommendation.findMany({
      where: { status: 'pending', expiresAt: { gt: new Date(this.ctx.now()) } },
      orderBy: [{ createdAt: 'asc' }, { rank: 'asc' }],
    });
    if (rows.length === 0) return [];
    const units = await this.ctx.prisma.unit.findMany({
      where: { id: { in: rows.map((r) => r.unitId) } },
      select: { id: true, callSign: true, status: true },
    });
    const unit = new Map(units.map((u) => [u.id, u]));
    return rows.flatMap((r) => {
      const u = unit.get(r.unitId);
      return u && isUnitDispatchable(u.status) ? [toMoveUpDto(r, u.callSign)] : [];
    });
  }

  /**
   * Accepts a pending recommendation: pending -> accepted (conditional, so of two accepts one
   * wins) and the unit's standby order at the site (reason `move_up`, the 5-minute gain) in one
   * transaction with the audit entry. 409 MOVE_UP_DECIDED / MOVE_UP_EXPIRED when it is no longer
   * pending, UNIT_NOT_AVAILABLE when its unit is no longer free (nothing written either way).
   */
  async accept(id: string, body: MoveUpDecisionBody, actor: Actor): Promise<MoveUpAcceptedDto> {
    return inTransaction(this.ctx, async (tx, outbox) => {
      const now = new Date(this.ctx.now());
      const row = await this.decide(tx, id, 'accepted', actor, now);
      const order = await this.standby.order(
        row.unitId,
        {
          lngLat: [row.siteLng, row.siteLat],
          gain: Math.min(1, Math.max(0, row.gainShare5)),
          note: body.note ?? '',
        },
        actor,
        'move_up',
        { tx, outbox },
      );
      const accepted = await tx.moveUpRecommendation.update({
        where: { id },
        data: { standbyOrderId: order.id },
      });
      const dto = toMoveUpDto(
        accepted,
        (await this.callSigns(tx, [row.unitId])).get(row.unitId) ?? row.unitId,
      );
      await writeAudit(tx, actor, now.getTime(), [
        {
          action: 'move_up.accept',
          entityType: 'move_up',
          entityId: id,
          before: { status: 'pending' },
          after: { ...dto, note: body.note ?? '' },
        },
      ]);
      outbox.add('move-up:decided', dto, rooms);
      return { recommendation: dto, order };
    });
  }

  /** Declines a pending recommendation (same conflicts as {@link accept}), audited. */
  async decline(id: string, body: MoveUpDecisionBody, actor: Actor): Promise<MoveUpDto> {
    return inTransaction(this.ctx, async (tx, outbox) => {
      const now = new Date(this.ctx.now());
      const row = await this.decide(tx, id, 'declined', actor, now);
      const dto = toMoveUpDto(row, (await this.callSigns(tx, [row.unitId])).get(row.unitId) ?? row.unitId);
      await writeAudit(tx, actor, now.getTime(), [
        {
          action: 'move_up.decline',
          entityType: 'move_up',
          entityId: id,
          before: { status: 'pending' },
          after: { ...dto, note: body.note ?? '' },
        },
      ]);
      outbox.add('move-up:decided', dto, rooms);
      return dto;
    });
  }

  /** pending -> `status` if still offered; else the error saying why not. */
  private async decide(
    tx: Tx,
    id: string,
    status: 'accepted' | 'declined',
    actor: Actor,
    now: Date,
  ): Promise<Row> {
    const [row] = await tx.moveUpRecommendation.updateManyAndReturn({
      where: { id, status: 'pending', expiresAt: { gt: now } },
      data: { status, decidedAt: now, decidedById: actor.id },
    });
    if (row) return row;
    const known = await tx.moveUpRecommendation.findUnique({ where: { id } });
    if (!known) throw new DomainErrorException(domainError('NOT_FOUND', 'Move-up not found', { id }));
    if (known.status === 'accepted' || known.status === 'declined') {
      throw new DomainErrorException(
        domainError('MOVE_UP_DECIDED', `Move-up was already ${known.status}`, {
          id,
          status: known.status,
          decidedById: known.decidedById,
        }),
      );
    }
    throw new DomainErrorException(
      domainError('MOVE_UP_EXPIRED', 'Move-up is no longer offered', {
        id,
        endReason: known.endReason ?? 'timed_out',
      }),
    );
  }

  /** The stored settings over the defaults (a value out of bounds keeps its default). */
  async settings(): Promise<MoveUpSettingsDto> {
    const row = await this.ctx.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const stored = (row?.value ?? {}) as Partial<Record<keyof MoveUpSettingsDto, unknown>>;
    const out: MoveUpSettingsDto = { ...DEFAULT_MOVE_UP_SETTINGS };
    for (const key of Object.keys(SETTING_BOUNDS) as (keyof typeof SETTING_BOUNDS)[]) {
      const value = stored[key];
      const [min, max] = SETTING_BOUNDS[key];
      if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
        out[key] = value;
    }
    if (typeof stored.mayLeaveStationArea === 'boolean') out.mayLeaveStationArea = stored.mayLeaveStationArea;
    return out;
  }

  async setSettings(settings: MoveUpSettingsDto, actor: Actor): Promise<MoveUpSettingsDto> {
    const before = await this.settings();
    await inTransaction(this.ctx, async (tx) => {
      await tx.setting.upsert({
        where: { key: SETTINGS_KEY },
        create: { key: SETTINGS_KEY, value: settings },
        update: { value: settings },
      });
      await writeAudit(tx, actor, this.ctx.now(), [
        { action: 'setting.move_up', entityType: 'setting', entityId: SETTINGS_KEY, before, after: settings },
      ]);
    });
    return settings;
  }
}

/** Units shortlisted per hole for a set of `holes` (see MAX_SHORTLISTED). */
export function shortlistFor(holes: number): number {
  return Math.min(DEFAULT_MOVE_UP_SHORTLIST, Math.max(MIN_SHORTLIST, Math.ceil(MAX_SHORTLISTED / holes)));
}

/** A raw RETURNING row (timestamps may come back as strings) as Prisma's row type. */
function rowOfRaw(r: Row): Row {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    ...r,
    createdAt: date(r.createdAt)!,
    expiresAt: date(r.expiresAt)!,
    decidedAt: date(r.decidedAt),
  };
}
