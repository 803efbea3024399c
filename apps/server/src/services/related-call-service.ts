/**
 * Duplicate and related calls while a call is taken: the open incidents it may be about (the
 * domain's windows per type, the same phone wider) and the history of its place; and attaching
 * the call to one of them as a further caller instead of opening a second incident.
 */
import type { AddCallerBody, IncidentDto, RelatedCallsDto, RelatedCallsQuery } from '@dispatch/contracts';
import {
  ON_BOARD_INCIDENT_STATUSES,
  PLACE_HISTORY_DAYS,
  PLACE_HISTORY_METERS,
  SAME_PHONE_WINDOW,
  checkReceivedAt,
  comparablePhone,
  compareRelated,
  domainError,
  isIncidentOnBoard,
  isRelatedCall,
  relatedCallWindow,
  unwrap,
  DomainErrorException,
  type LngLat,
} from '@dispatch/domain';
import { haversineMeters } from '@dispatch/routing';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';
import { incidentInclude, toIncidentDto } from './dto.js';
import { incidentRooms } from './incident-rooms.js';
import { lockIncident } from './incident-repository.js';

const MINUTE = 60_000;
/** Degrees of latitude per meter, and of longitude at a latitude: the bounding box of a radius. */
const box = (p: LngLat, meters: number) => {
  const dLat = meters / 111_195;
  const dLng = meters / (111_195 * Math.max(0.01, Math.cos((p[1] * Math.PI) / 180)));
  return { lng: { gte: p[0] - dLng, lte: p[0] + dLng }, lat: { gte: p[1] - dLat, lte: p[1] + dLat } };
};

export class RelatedCallService {
  constructor(private readonly ctx: ServiceContext) {}

  async related(q: RelatedCallsQuery): Promise<RelatedCallsDto> {
    const at: LngLat = [q.lng, q.lat];
    const now = this.ctx.now();
    const type = q.type ?? null;
    const window = relatedCallWindow(type);
    const phone = comparablePhone(q.phone);
    const minutes = Math.max(window.minutes, phone ? SAME_PHONE_WINDOW.minutes : 0);
    const radius = Math.max(window.radiusMeters, phone ? SAME_PHONE_WINDOW.radiusMeters : 0);
    const open = await this.ctx.prisma.incident.findMany({
      where: {
        status: { in: [...ON_BOARD_INCIDENT_STATUSES] },
        receivedAt: { gte: new Date(now - minutes * MINUTE) },
        ...box(at, radius),
      },
      include: incidentInclude,
      take: 500,
    });
    const related = open
      .map((incident) => ({
        incident,
        distanceMeters: Math.round(haversineMeters(at, [incident.lng, incident.lat])),
        minutesBefore: Math.max(0, (now - incident.receivedAt.getTime()) / MINUTE),
        samePhone: phone !== null && comparablePhone(incident.callerPhone) === phone,
      }))
      .filter((c) => isRelatedCall(c, type))
      .sort(compareRelated)
      .slice(0, 10);
    const shown = new Set(related.map((r) => r.incident.id));
    const past = await this.ctx.prisma.incident.findMany({
      where: {
        receivedAt: { gte: new Date(now - PLACE_HISTORY_DAYS * 24 * 60 * MINUTE) },
        ...box(at, PLACE_HISTORY_METERS),
      },
      orderBy: { receivedAt: 'desc' },
      take: 50,
    });
    const history = past
      .filter((i) => !shown.has(i.id))
      .map((i) => ({ i, d: haversineMeters(at, [i.lng, i.lat]) }))
      .filter(({ d }) => d <= PLACE_HISTORY_METERS)
      .slice(0, 20)
      .map(({ i, d }) => ({
        id: i.id,
        number: i.number,
        type: i.type,
        status: i.status,
        resolution: i.resolution,
        receivedAt: i.receivedAt.toISOString(),
        address: i.address,
        distanceMeters: Math.round(d),
      }));
    return {
      open: related.map((r) => ({
        incident: toIncidentDto(r.incident),
        distanceMeters: r.distanceMeters,
        minutesBefore: Math.round(r.minutesBefore * 10) / 10,
        samePhone: r.samePhone,
      })),
      history,
      window,
    };
  }

  /**
   * The call being taken becomes a further caller of an open incident (one call record, the
   * caller count up, audited, pushed). Retried with the same call id it is stored once.
   */
  async addCaller(incidentId: string, body: AddCallerBody, actor: Actor): Promise<IncidentDto> {
    const now = this.ctx.now();
    const receivedAt = unwrap(
      checkReceivedAt(body.receivedAt ? Date.parse(body.receivedAt) : undefined, now),
    );
    return inTransaction(this.ctx, async (tx, outbox) => {
      const incident = await lockIncident(tx, incidentId);
      const known = await tx.callRecord.findUnique({ where: { id: body.callId } });
      if (known) {
        if (known.incidentId !== incidentId)
          throw new DomainErrorException(
            domainError('CONFLICT', 'this call was already attached to another incident', {
              field: 'body.callId',
              incidentId: known.incidentId,
            }),
          );
        return toIncidentDto(incident);
      }
      if (await tx.incident.findUnique({ where: { id: body.callId }, select: { id: true } }))
        throw new DomainErrorException(
          domainError('CONFLICT', 'this call was already saved as an incident of its own', {
            field: 'body.callId',
          }),
        );
      if (!isIncidentOnBoard(incident.status))
        throw new DomainErrorException(
          domainError(
            'INCIDENT_CLOSED',
            `incident ${incident.number} has ended; take the call as a new one`,
            {
              status: incident.status,
            },
          ),
        );
      await tx.callRecord.create({
        data: {
          id: body.callId,
          incidentId,
          callerName: body.callerName?.trim() || null,
          callerPhone: body.callerPhone?.trim() || null,
          notes: body.notes?.trim() ?? '',
          receivedAt: new Date(receivedAt),
          createdById: actor.id,
        },
      });
      const updated = await tx.incident.update({
        where: { id: incidentId },
        data: { callerCount: { increment: 1 }, version: { increment: 1 } },
        include: incidentInclude,
      });
      await writeAudit(tx, actor, now, [
        {
          action: 'incident.caller_added',
          entityType: 'incident',
          entityId: incidentId,
          before: { callerCount: incident.callerCount },
          // Who called stays in the call record: the timeline is read by units too, callers' details not.
          after: { callerCount: updated.callerCount, callId: body.callId },
        },
      ]);
      const dto = toIncidentDto(updated);
      outbox.add('incident:updated', dto, incidentRooms(updated));
      return dto;
    });
  }
}
