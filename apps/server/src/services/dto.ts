/** Maps database rows to the DTOs of @dispatch/contracts (ISO times, [lng, lat]). */
import type {
  AssignmentDto,
  AuditEventDto,
  GridDto,
  IncidentDto,
  PostDto,
  RouteDto,
  UnitDto,
} from '@dispatch/contracts';
import { ACTIVE_ASSIGNMENT_STATUSES, type GridStaffing } from '@dispatch/domain';
import type {
  Assignment,
  AuditEvent,
  Grid,
  Incident,
  Post,
  Prisma,
  Station,
  Unit,
} from '../generated/prisma/client.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type AssignmentWithUnit = Assignment & { unit: Pick<Unit, 'callSign' | 'kind'> };
export type IncidentWithAssignments = Incident & { assignments: AssignmentWithUnit[] };

export function toAssignmentDto(a: AssignmentWithUnit): AssignmentDto {
  return {
    id: a.id,
    incidentId: a.incidentId,
    unitId: a.unitId,
    callSign: a.unit.callSign,
    unitKind: a.unit.kind,
    role: a.role,
    tier: a.tier,
    status: a.status,
    etaSeconds: a.etaSeconds,
    distanceMeters: a.distanceMeters,
    etaMethod: a.etaMethod,
    assignedAt: a.assignedAt.toISOString(),
    acceptedAt: iso(a.acceptedAt),
    enRouteAt: iso(a.enRouteAt),
    onSceneAt: iso(a.onSceneAt),
    clearedAt: iso(a.clearedAt),
    cancelledAt: iso(a.cancelledAt),
    version: a.version,
    checkpoint: (a.checkpoint as AssignmentDto['checkpoint'] | null) ?? null,
  };
}

export function toIncidentDto(i: IncidentWithAssignments): IncidentDto {
  return {
    id: i.id,
    number: i.number,
    type: i.type,
    priority: i.priority,
    source: i.source,
    lngLat: [i.lng, i.lat],
    address: i.address,
    description: i.description,
    callerName: i.callerName,
    callerPhone: i.callerPhone,
    callerCount: i.callerCount,
    gridId: i.gridId,
    status: i.status,
    resolution: i.resolution,
    requiredUnits: i.requiredUnits,
    receivedAt: i.receivedAt.toISOString(),
    firstDispatchedAt: iso(i.firstDispatchedAt),
    firstEnRouteAt: iso(i.firstEnRouteAt),
    firstOnSceneAt: iso(i.firstOnSceneAt),
    reinforcedAt: iso(i.reinforcedAt),
    resolvedAt: iso(i.resolvedAt),
    closedAt: iso(i.closedAt),
    version: i.version,
    assignments: [...i.assignments]
      .sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime())
      .map(toAssignmentDto),
  };
}

/** A unit row's last stored position, or null when it has none. */
export function toPositionDto(
  u: Pick<Unit, 'lastLng' | 'lastLat' | 'lastHeadingDeg' | 'lastSpeedMps' | 'lastPositionAt'>,
): UnitDto['position'] {
  return u.lastLng !== null && u.lastLat !== null && u.lastPositionAt
    ? {
        lngLat: [u.lastLng, u.lastLat],
        headingDeg: u.lastHeadingDeg,
        speedMps: u.lastSpeedMps,
        at: u.lastPositionAt.toISOString(),
      }
    : null;
}

export type UnitWithActive = Unit & { assignments: Pick<Assignment, 'id' | 'incidentId'>[] };

export function toUnitDto(u: UnitWithActive): UnitDto {
  const active = u.assignments[0] ?? null;
  return {
    id: u.id,
    callSign: u.callSign,
    kind: u.kind,
    status: u.status,
    homeGridId: u.homeGridId,
    currentGridId: u.currentGridId,
    postId: u.postId,
    capabilities: u.capabilities,
    position: toPositionDto(u),
    activeAssignmentId: active?.id ?? null,
    activeIncidentId: active?.incidentId ?? null,
    version: u.version,
  };
}

export function toGridDto(
  g: Grid & { station: Station | null },
  staffing: GridStaffing | undefined,
): GridDto {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    stationName: g.station?.name ?? null,
    polygon: g.polygon,
    minStaffing: (g.minStaffing ?? {}) as Record<string, number>,
    coverageThreshold: g.coverageThreshold,
    staffing: {
      status: staffing?.status ?? 'uncovered',
      present: (staffing?.presentByKind ?? {}) as Record<string, number>,
      available: (staffing?.availableByKind ?? {}) as Record<string, number>,
      shortfall: (staffing?.shortfallByKind ?? {}) as Record<string, number>,
    },
    version: g.version,
  };
}

export function toPostDto(p: Post): PostDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    lngLat: [p.lng, p.lat],
    gridId: p.gridId,
    rangeMeters: p.rangeMeters,
  };
}

/** Prisma include that loads what {@link toIncidentDto} needs. */
export const incidentInclude = {
  assignments: { include: { unit: { select: { callSign: true, kind: true } } } },
} as const;

/** Prisma include that loads what {@link toUnitDto} needs (the active assignment only). */
export const unitInclude = {
  assignments: {
    where: { status: { in: [...ACTIVE_ASSIGNMENT_STATUSES] } },
    select: { id: true, incidentId: true },
  },
} satisfies Prisma.UnitInclude;

export function toAuditEventDto(e: AuditEvent): AuditEventDto {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
  };
}

/** A unit's route as the API sends it (whole seconds and metres; -1 when not reachable). */
export function toRouteDto(
  unitId: string,
  route: {
    coordinates: readonly (readonly [number, number])[];
    etaSeconds: number;
    distanceMeters: number;
    method: RouteDto['method'];
  },
): RouteDto {
  return {
    unitId,
    coordinates: route.coordinates.map(([lng, lat]) => [lng, lat] as [number, number]),
    etaSeconds: Number.isFinite(route.etaSeconds) ? Math.round(route.etaSeconds) : -1,
    distanceMeters: Number.isFinite(route.distanceMeters) ? Math.round(route.distanceMeters) : -1,
    method: route.method,
  };
}
