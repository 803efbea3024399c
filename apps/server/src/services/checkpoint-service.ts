/**
 * Checkpoints for a fleeing suspect: the road exits of the area a car leaving the incident can
 * reach within the escape time (routing `exitEdges`), manned by the free units that get there
 * before the suspect could (dispatch `assignCheckpoints`). Sending them reuses the dispatch
 * path: incident row locked, each unit claimed with a conditional UPDATE backed by the partial
 * unique index, audit in the same transaction, events after commit.
 *
 * The assignment table has no column for the checkpoint's position, so it is recorded in an
 * `assignment.checkpoint` audit event per assignment (and in the incident's `incident.checkpoints`
 * event); `activeCheckpoints` reads it back from there.
 */
import {
  DEFAULT_ESCAPE_MINUTES,
  DEFAULT_MAX_CHECKPOINTS,
  type CheckpointDto,
  type CheckpointPlanDto,
} from '@dispatch/contracts';
import {
  assignCheckpoints,
  CHECKPOINT_UNIT_KINDS,
  toDispatchUnit,
  travelCandidateOf,
  type CheckpointCandidate,
  type DispatchUnit,
  type TravelEstimates,
} from '@dispatch/dispatch';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  domainError,
  DomainErrorException,
  DISPATCHABLE_UNIT_STATUSES,
  isIncidentOpen,
  type IncidentType,
  type LngLat,
} from '@dispatch/domain';
import {
  estimatePrepared,
  exitEdges,
  haversineMeters,
  prepareCandidates,
  type ExitEdge,
  type PreparedCandidates,
  type TravelCandidate,
} from '@dispatch/routing';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';
import { recordAssignments, type DispatchService } from './dispatch-service.js';
import type { IncidentWithAssignments } from './dto.js';
import { lockIncident, loadIncident } from './incident-repository.js';
import type { PositionIngest } from './position-ingest.js';
import type { RoadNetworkService } from './road-network-service.js';

/** Exits closer than this to a kept (faster) one are the same place: one checkpoint holds both. */
const MIN_SPACING_METERS = 200;

export interface CheckpointOptions {
  escapeMinutes?: number | undefined;
  maxCheckpoints?: number | undefined;
}

export interface CheckpointRequest extends CheckpointOptions {
  expectUnitIds?: readonly string[] | undefined;
}

export interface CheckpointOutcome {
  incident: IncidentWithAssignments;
  assignmentIds: string[];
  plan: CheckpointPlanDto;
}

/** What the audit trail keeps of a manned checkpoint (the assignment row cannot hold it). */
export interface CheckpointRecord {
  checkpointId: string;
  lngLat: [number, number];
  roadName: string | null;
  highway: string;
  headingDeg: number;
  suspectEtaSeconds: number;
  marginSeconds: number;
  escapeMinutes: number;
}

interface LoadedUnit extends DispatchUnit {
  travel: TravelCandidate;
}

const isActive = (status: string) => (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(status);

/** Keeps the fastest exit of each cluster, at most `max` of them (exits come fastest road first). */
function distinctExits(exits: readonly ExitEdge[]): ExitEdge[] {
  const kept: ExitEdge[] = [];
  for (const exit of exits) {
    if (kept.every((k) => haversineMeters(k.point, exit.point) >= MIN_SPACING_METERS)) kept.push(exit);
  }
  return kept;
}

/** Unit travel times to one checkpoint; searching past the suspect's arrival is wasted work. */
function estimates(prepared: PreparedCandidates, target: LngLat, maxSeconds: number): TravelEstimates {
  return new Map(
    estimatePrepared(prepared, target, { maxSeconds }).map((r) => [
      r.id,
      {
        etaSeconds: r.etaSeconds,
        distanceMeters: r.distanceMeters,
        method: r.method,
        reachable: r.reachable,
      },
    ]),
  );
}

/**
 * Where a checkpoint assignment stands (from its `assignment.checkpoint` audit event), or null
 * for any other assignment: its route leads there, not to the incident.
 */
export async function checkpointOf(
  prisma: ServiceContext['prisma'],
  assignmentId: string,
): Promise<CheckpointRecord | null> {
  const event = await prisma.auditEvent.findFirst({
    where: { action: 'assignment.checkpoint', entityType: 'assignment', entityId: assignmentId },
    orderBy: { at: 'desc' },
  });
  return event ? (event.after as unknown as CheckpointRecord) : null;
}

export class CheckpointService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly roads: RoadNetworkService,
    private readonly dispatcher: DispatchService,
    private readonly positions: PositionIngest | null = null,
  ) {}

  /** The proposal for an incident, without writing anything. */
  async preview(incidentId: string, options: CheckpointOptions): Promise<CheckpointPlanDto> {
    const incident = await loadIncident(this.ctx.prisma as never, incidentId);
    this.assertOpen(incident);
    return this.plan(incident, options);
  }

  /**
   * Exits of the escape area, fastest roads first and at least {@link MIN_SPACING_METERS} apart,
   * each with the free unit that holds it before the suspect could pass (or why none does).
   */
  async plan(incident: IncidentWithAssignments, options: CheckpointOptions): Promise<CheckpointPlanDto> {
    const network = this.roads.network;
    if (!network) {
      throw new DomainErrorException(
        domainError('NO_ROAD_NETWORK', 'Checkpoints need a road network; none is loaded', {
          incidentId: incident.id,
        }),
      );
    }
    const escapeMinutes = options.escapeMinutes ?? DEFAULT_ESCAPE_MINUTES[incident.type as IncidentType] ?? 5;
    const maxCheckpoints = options.maxCheckpoints ?? DEFAULT_MAX_CHECKPOINTS;
    const origin: LngLat = [incident.lng, incident.lat];
    const escapeSeconds = escapeMinutes * 60;
    // The suspect left when the incident happened: the time since the call is their head start.
    const elapsedSeconds = Math.max(0, Math.round((this.ctx.now() - incident.receivedAt.getTime()) / 1000));
    const suspectEtaSeconds = Math.max(0, escapeSeconds - elapsedSeconds);

    const allExits = distinctExits(exitEdges(network, origin, escapeSeconds));
    const exits = allExits.slice(0, maxCheckpoints);
    const excluded = incident.assignments.filter((a) => isActive(a.status)).map((a) => a.unitId);
    const units = suspectEtaSeconds > 0 && exits.length > 0 ? await this.loadUnits() : [];
    // Units are snapped to the network once, then searched from each checkpoint.
    const prepared =
      units.length > 0
        ? prepareCandidates(
            network,
            units.map((u) => u.travel),
          )
        : null;
    const candidates: CheckpointCandidate[] = exits.map((exit) => ({
      id: `exit-${exit.segment}`,
      lngLat: exit.point,
      suspectEtaSeconds,
      etaToCheckpointByUnit: prepared ? estimates(prepared, exit.point, suspectEtaSeconds) : new Map(),
    }));
    const assignment = assignCheckpoints(candidates, units, {
      excludeUnitIds: excluded,
      allowLate: false,
    });
    const byCheckpoint = new Map(assignment.assignments.map((a) => [a.checkpointId, a]));
    const uncovered = new Map(assignment.uncovered.map((u) => [u.checkpointId, u.reason]));
    const checkpoints: CheckpointDto[] = exits.map((exit, i) => {
      const id = candidates[i]!.id;
      const a = byCheckpoint.get(id);
      return {
        id,
        lngLat: [exit.point[0], exit.point[1]],
        roadName: exit.name,
        highway: exit.highway,
        headingDeg: Math.round(exit.headingDeg) % 360,
        suspectEtaSeconds,
        unit: a
          ? {
              unitId: a.unitId,
              callSign: a.callSign,
              kind: a.kind,
              etaSeconds: Math.round(a.etaSeconds),
              distanceMeters: Math.round(a.distanceMeters),
              method: a.method,
              // Integer seconds throughout, so margin = suspect ETA - unit ETA exactly as shown.
              marginSeconds: suspectEtaSeconds - Math.round(a.etaSeconds),
            }
          : null,
        uncoveredReason: a ? null : (uncovered.get(id) ?? 'NO_REACHABLE_UNIT'),
        assignmentId: null,
      };
    });
    return {
      incidentId: incident.id,
      origin: [origin[0], origin[1]],
      escapeMinutes,
      elapsedSeconds,
      maxCheckpoints,
      exitCount: allExits.length,
      checkpoints,
    };
  }

  /**
   * Sends the proposed units with role `checkpoint`, all or nothing: a unit taken meanwhile
   * refuses the whole request (409) so the dispatcher re-previews rather than getting a
   * different ring than the one shown.
   */
  async dispatch(incidentId: string, request: CheckpointRequest, actor: Actor): Promise<CheckpointOutcome> {
    const snapshot = await loadIncident(this.ctx.prisma as never, incidentId);
    this.assertOpen(snapshot);
    const plan = await this.plan(snapshot, request);
    const manned = plan.checkpoints.filter((c) => c.unit !== null);
    if (manned.length === 0) {
      throw new DomainErrorException(
        domainError('NO_CANDIDATES', 'No free unit can reach a checkpoint before the suspect', {
          incidentId,
          exitCount: plan.exitCount,
        }),
      );
    }
    if (request.expectUnitIds) {
      const planned = manned.map((c) => c.unit!.unitId).sort();
      const expected = [...request.expectUnitIds].sort();
      if (planned.join() !== expected.join()) {
        throw new DomainErrorException(
          domainError('CONFLICT', 'The checkpoint plan changed since the preview; preview again', {
            incidentId,
            expectedUnitIds: expected,
            plannedUnitIds: planned,
          }),
        );
      }
    }
    return inTransaction(this.ctx, async (tx, outbox) => {
      const incident = await lockIncident(tx, incidentId);
      this.assertOpen(incident);
      const now = this.ctx.now();
      const claim = await this.dispatcher.claimUnits(
        tx,
        outbox,
        incident.id,
        manned.map(({ unit, ...checkpoint }) => ({
          unitId: unit!.unitId,
          role: 'checkpoint' as const,
          tier: 1,
          etaSeconds: unit!.etaSeconds,
          distanceMeters: unit!.distanceMeters,
          method: unit!.method,
          checkpoint: {
            lngLat: [checkpoint.lngLat[0]!, checkpoint.lngLat[1]!] as [number, number],
            roadName: checkpoint.roadName,
            headingDeg: checkpoint.headingDeg,
          },
        })),
        actor,
      );
      // The plan was confirmed as a whole: one unit taken meanwhile refuses it all.
      const [refused] = claim.refusedUnitIds;
      if (refused !== undefined) await this.dispatcher.explainRefusal(tx, incident, refused);
      const assignmentOf = new Map(claim.assignments.map((a) => [a.unitId, a.id]));
      const created = claim.assignments.map((a) => a.id);
      const records = new Map<string, CheckpointRecord>();
      for (const checkpoint of manned) {
        const unit = checkpoint.unit!;
        const id = assignmentOf.get(unit.unitId)!;
        checkpoint.assignmentId = id;
        records.set(id, {
          checkpointId: checkpoint.id,
          lngLat: checkpoint.lngLat as [number, number],
          roadName: checkpoint.roadName,
          highway: checkpoint.highway,
          headingDeg: checkpoint.headingDeg,
          suspectEtaSeconds: checkpoint.suspectEtaSeconds,
          marginSeconds: unit.marginSeconds,
          escapeMinutes: plan.escapeMinutes,
        });
      }
      const updated = await recordAssignments(tx, outbox, incident, claim.assignments, now);
      await writeAudit(tx, actor, now, [
        ...claim.audit,
        ...[...records].map(([assignmentId, record]) => ({
          action: 'assignment.checkpoint',
          entityType: 'assignment' as const,
          entityId: assignmentId,
          after: { ...record, incidentId },
        })),
        {
          action: 'incident.checkpoints',
          entityType: 'incident',
          entityId: incidentId,
          before: { status: incident.status },
          after: {
            status: updated.status,
            assignmentIds: created,
            escapeMinutes: plan.escapeMinutes,
            exitCount: plan.exitCount,
            checkpoints: plan.checkpoints.map((c) => ({
              checkpointId: c.id,
              lngLat: c.lngLat,
              roadName: c.roadName,
              unitId: c.unit?.unitId ?? null,
              assignmentId: c.assignmentId,
              uncoveredReason: c.uncoveredReason,
            })),
          },
        },
      ]);
      return { incident: updated, assignmentIds: created, plan };
    });
  }

  /** Where each active checkpoint assignment of the incident stands (from the audit trail). */
  async activeCheckpoints(incidentId: string): Promise<Map<string, CheckpointRecord>> {
    const assignments = await this.ctx.prisma.assignment.findMany({
      where: { incidentId, role: 'checkpoint', status: { in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
      select: { id: true },
    });
    if (assignments.length === 0) return new Map();
    const events = await this.ctx.prisma.auditEvent.findMany({
      where: {
        action: 'assignment.checkpoint',
        entityType: 'assignment',
        entityId: { in: assignments.map((a) => a.id) },
      },
      orderBy: { at: 'asc' },
    });
    return new Map(events.map((e) => [e.entityId, e.after as unknown as CheckpointRecord]));
  }

  private assertOpen(incident: IncidentWithAssignments): void {
    if (!isIncidentOpen(incident.status)) {
      throw new DomainErrorException(
        domainError('INCIDENT_CLOSED', `Incident is ${incident.status}`, { incidentId: incident.id }),
      );
    }
  }

  /** Free units of the kinds that can hold a road, at their freshest known position. */
  private async loadUnits(): Promise<LoadedUnit[]> {
    const rows = await this.ctx.prisma.unit.findMany({
      where: { status: { in: [...DISPATCHABLE_UNIT_STATUSES] }, kind: { in: [...CHECKPOINT_UNIT_KINDS] } },
      include: { post: { select: { rangeMeters: true } } },
      orderBy: { id: 'asc' },
    });
    const units: LoadedUnit[] = [];
    for (const row of rows) {
      const fresh = this.positions?.latestOf(row.id);
      const lngLat: LngLat | null = fresh
        ? [fresh.lng, fresh.lat]
        : row.lastLng !== null && row.lastLat !== null
          ? [row.lastLng, row.lastLat]
          : null;
      if (!lngLat) continue;
      units.push({
        ...toDispatchUnit(row, lngLat),
        travel: travelCandidateOf({
          id: row.id,
          kind: row.kind,
          lngLat,
          postRangeMeters: row.post?.rangeMeters ?? null,
        }),
      });
    }
    return units;
  }
}
