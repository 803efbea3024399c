/** Builders of contract DTOs for tests; every field overridable. */
import type { AssignmentDto, GridDto, IncidentDto, RecommendationsDto, UnitDto } from '@dispatch/contracts';

export const T0 = Date.parse('2026-11-23T08:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export function makeAssignment(overrides: Partial<AssignmentDto> = {}): AssignmentDto {
  return {
    id: 'a1',
    incidentId: 'i1',
    unitId: 'u1',
    callSign: '巡01',
    unitKind: 'patrol_car',
    role: 'primary',
    tier: 1,
    status: 'assigned',
    etaSeconds: 120,
    distanceMeters: 900,
    etaMethod: 'road',
    assignedAt: iso(T0 + 30_000),
    acceptedAt: null,
    enRouteAt: null,
    onSceneAt: null,
    clearedAt: null,
    cancelledAt: null,
    version: 1,
    checkpoint: null,
    ...overrides,
  };
}

export function makeIncident(overrides: Partial<IncidentDto> = {}): IncidentDto {
  return {
    id: 'i1',
    number: '110-20261123-0001',
    type: 'theft',
    priority: 3,
    source: 'call',
    lngLat: [116.4, 39.9],
    address: '人民路',
    description: '',
    callerName: null,
    callerPhone: null,
    callerCount: 1,
    gridId: 'g1',
    status: 'received',
    resolution: null,
    requiredUnits: 1,
    receivedAt: iso(T0),
    firstDispatchedAt: null,
    firstEnRouteAt: null,
    firstOnSceneAt: null,
    reinforcedAt: null,
    resolvedAt: null,
    closedAt: null,
    version: 1,
    assignments: [],
    ...overrides,
  };
}

export function makeUnit(overrides: Partial<UnitDto> = {}): UnitDto {
  return {
    id: 'u1',
    callSign: '巡01',
    kind: 'patrol_car',
    status: 'available',
    homeGridId: 'g1',
    currentGridId: 'g1',
    postId: null,
    capabilities: [],
    position: { lngLat: [116.41, 39.91], headingDeg: null, speedMps: null, at: iso(T0) },
    activeAssignmentId: null,
    activeIncidentId: null,
    version: 1,
    ...overrides,
  };
}

export function makeGrid(overrides: Partial<GridDto> = {}): GridDto {
  return {
    id: 'g1',
    code: 'G01',
    name: '一网格',
    stationName: '城关派出所',
    polygon: {
      type: 'Polygon',
      coordinates: [
        [
          [116.39, 39.89],
          [116.42, 39.89],
          [116.42, 39.92],
          [116.39, 39.92],
          [116.39, 39.89],
        ],
      ],
    },
    minStaffing: { patrol_car: 1 },
    staffing: { status: 'ok', present: { patrol_car: 1 }, available: { patrol_car: 1 }, shortfall: {} },
    coverageThreshold: null,
    version: 1,
    ...overrides,
  };
}

export function makeRecommendations(overrides: Partial<RecommendationsDto> = {}): RecommendationsDto {
  const candidate = (unitId: string, rank: number, tier: number | null) => ({
    unitId,
    callSign: `巡${unitId}`,
    kind: 'patrol_car' as const,
    status: 'available' as const,
    etaSeconds: 60 * rank,
    distanceMeters: 500 * rank,
    method: 'road' as const,
    reachable: true,
    rank,
    reasons: [{ code: 'ETA', params: { seconds: 60 * rank } }, { code: 'OWN_GRID' }],
    tier,
    role: tier === null ? null : ('primary' as const),
  });
  return {
    lngLat: [116.4, 39.9],
    gridId: 'g1',
    straightLine: false,
    requiredUnits: 1,
    autoDispatch: false,
    candidates: [candidate('u1', 1, 1), candidate('u2', 2, 2), candidate('u3', 3, null)],
    shortfalls: [],
    ...overrides,
  };
}
