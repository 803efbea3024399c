/** Typed wrappers of the REST API (one function per route), over the shared contract types. */
import type {
  ActiveCheckpointDto,
  AddCallerBody,
  RelatedCallsDto,
  RelatedCallsQuery,
  AssignmentActionBody,
  AssignmentDto,
  AuditEventDto,
  CheckpointDispatchDto,
  CheckpointPlanDto,
  CheckpointPreviewQuery,
  CheckpointsBody,
  ClockTargetsDto,
  CoverageAlertDto,
  CoverageDto,
  CreateIncidentBody,
  DispatchBody,
  EditGridBody,
  GeocodeSearchDto,
  GridDto,
  HotspotMapDto,
  HotspotsQuery,
  HotspotsTopQuery,
  HotspotTopDto,
  IncidentDto,
  ListIncidentsQuery,
  LoginResponse,
  MoveUpAcceptedDto,
  MoveUpDto,
  PositionReport,
  PostDto,
  RecommendationsDto,
  ReportQuery,
  ResolveBody,
  ResponseTimeReport,
  ReverseGeocodeDto,
  RouteDto,
  StandbyOrderBody,
  StandbyOrderDto,
  StandbyRecommendationsDto,
  StandbyRecommendationsQuery,
  SessionUserDto,
  ShiftDefinition,
  UnitDto,
  UnitStatusBody,
} from '@dispatch/contracts';
import type { IncidentType } from '@dispatch/domain';
import { ApiError } from './api-error.js';
import type { Http } from './http.js';
import type { Feature, FeatureCollection, LineString } from '../lib/geojson.js';

export interface KpiTodayDto {
  openIncidents: number | null;
  breaches: number | null;
  medianDispatchSeconds: number | null;
  shareOnSceneWithin3: number | null;
  shareOnSceneWithin5: number | null;
  unitsFree: number | null;
  unitsBusy: number | null;
}

export type IncidentWithTimeline = IncidentDto & { timeline: AuditEventDto[] };

export interface DispatchResult {
  incident: IncidentDto;
  assignments: AssignmentDto[];
}

export type RoadFeatureCollection = FeatureCollection<
  LineString,
  { highway?: string; name?: string | null; oneway?: boolean }
>;

/** Builds the endpoint functions over an HTTP client. */
export function createApi(http: Http) {
  return {
    login: (username: string, password: string, otp?: string) =>
      http.post<LoginResponse>('/api/auth/login', { username, password, ...(otp ? { otp } : {}) }),
    logout: () => http.post<{ ok: boolean }>('/api/auth/logout'),
    unlock: (password: string) => http.post<{ ok: boolean }>('/api/auth/unlock', { password }),
    me: () => http.get<SessionUserDto>('/api/auth/me'),

    listIncidents: (query: ListIncidentsQuery = {}) =>
      http.get<IncidentDto[]>('/api/incidents', { ...query }),
    createIncident: (body: CreateIncidentBody) => http.post<IncidentDto>('/api/incidents', body),
    getIncident: (id: string) => http.get<IncidentWithTimeline>(`/api/incidents/${encodeURIComponent(id)}`),
    dispatch: (id: string, body: DispatchBody) =>
      http.post<DispatchResult>(`/api/incidents/${encodeURIComponent(id)}/dispatch`, body),
    cancelIncident: (id: string, reason?: string) =>
      http.post<IncidentDto>(`/api/incidents/${encodeURIComponent(id)}/cancel`, reason ? { reason } : {}),
    resolveIncident: (id: string, body: ResolveBody) =>
      http.post<IncidentDto>(`/api/incidents/${encodeURIComponent(id)}/resolve`, body),
    /** Open incidents the call being taken may be about, and the place's past calls. */
    relatedCalls: (query: RelatedCallsQuery) =>
      http.get<RelatedCallsDto>('/api/incidents/related', { ...query }),
    /** The call being taken as a further caller of an open incident. */
    addCaller: (id: string, body: AddCallerBody) =>
      http.post<IncidentDto>(`/api/incidents/${encodeURIComponent(id)}/callers`, body),
    closeIncident: (id: string) => http.post<IncidentDto>(`/api/incidents/${encodeURIComponent(id)}/close`),
    checkpointPreview: (id: string, query: CheckpointPreviewQuery = {}) =>
      http.get<CheckpointPlanDto>(`/api/incidents/${encodeURIComponent(id)}/checkpoints/preview`, {
        ...query,
      }),
    dispatchCheckpoints: (id: string, body: CheckpointsBody) =>
      http.post<CheckpointDispatchDto>(`/api/incidents/${encodeURIComponent(id)}/checkpoints`, body),
    incidentCheckpoints: (id: string) =>
      http.get<ActiveCheckpointDto[]>(`/api/incidents/${encodeURIComponent(id)}/checkpoints`),
    incidentRecommendations: (id: string) =>
      http.get<RecommendationsDto>(`/api/incidents/${encodeURIComponent(id)}/recommendations`),
    recommendations: (query: {
      lng: number;
      lat: number;
      /** Left out before the type is chosen: the nearest police units. */
      type?: IncidentType;
      priority: number;
      limit?: number;
    }) => http.get<RecommendationsDto>('/api/recommendations', query),

    assignmentRoute: (id: string) => http.get<RouteDto>(`/api/assignments/${encodeURIComponent(id)}/route`),
    assignmentAction: (id: string, body: AssignmentActionBody) =>
      http.post<AssignmentDto>(`/api/assignments/${encodeURIComponent(id)}/actions`, body),

    unitStandby: (unitId: string) =>
      http.get<{ order: StandbyOrderDto | null }>(`/api/units/${encodeURIComponent(unitId)}/standby`),
    standbyRoute: (unitId: string) =>
      http.get<RouteDto>(`/api/units/${encodeURIComponent(unitId)}/standby/route`),
    orderStandby: (unitId: string, body: StandbyOrderBody) =>
      http.post<StandbyOrderDto>(`/api/units/${encodeURIComponent(unitId)}/standby`, body),
    /** Recommended standby points for the free cars (cached on the server per period and fleet). */
    standbyRecommendations: (query: StandbyRecommendationsQuery = {}) =>
      http.get<StandbyRecommendationsDto>('/api/standby/recommendations', { ...query }),
    listUnits: () => http.get<UnitDto[]>('/api/units'),
    setUnitStatus: (id: string, body: UnitStatusBody) =>
      http.post<UnitDto>(`/api/units/${encodeURIComponent(id)}/status`, body),
    reportPosition: (id: string, report: PositionReport) =>
      http.post<UnitDto>(`/api/units/${encodeURIComponent(id)}/position`, report),
    moveUnitToGrid: (id: string, gridId: string) =>
      http.post<UnitDto>(`/api/units/${encodeURIComponent(id)}/grid`, { gridId }),

    listGrids: () => http.get<GridDto[]>('/api/grids'),
    editGrid: (id: string, body: EditGridBody) =>
      http.patch<GridDto>(`/api/grids/${encodeURIComponent(id)}`, body),
    coverage: () => http.get<CoverageDto>('/api/coverage'),
    /** Open uncovered-area alerts, newest first. */
    coverageAlerts: () => http.get<CoverageAlertDto[]>('/api/coverage/alerts'),
    /** Pending move-up recommendations, oldest first. */
    moveUps: () => http.get<MoveUpDto[]>('/api/move-ups'),
    acceptMoveUp: (id: string) =>
      http.post<MoveUpAcceptedDto>(`/api/move-ups/${encodeURIComponent(id)}/accept`, {}),
    declineMoveUp: (id: string) =>
      http.post<MoveUpDto>(`/api/move-ups/${encodeURIComponent(id)}/decline`, {}),
    /** Expected incidents per H3 cell for an hour of week, a shift, now or the next shift (heat map). */
    hotspots: (query: HotspotsQuery = {}) => http.get<HotspotMapDto>('/api/hotspots', { ...query }),
    hotspotsTop: (query: HotspotsTopQuery = {}) => http.get<HotspotTopDto>('/api/hotspots/top', { ...query }),
    listPosts: () => http.get<PostDto[]>('/api/posts'),
    /** Places, addresses, roads and junctions matching what was typed, nearer to `near` first. */
    geocodeSearch: (q: string, near: readonly [number, number] | null, limit = 8) =>
      http.get<GeocodeSearchDto>('/api/geocode/search', {
        q,
        limit,
        ...(near ? { near: `${near[0].toFixed(6)},${near[1].toFixed(6)}` } : {}),
      }),
    /** 「X路, 近Y (50 米)」 for a point. */
    reverseGeocode: (lngLat: readonly [number, number]) =>
      http.get<ReverseGeocodeDto>('/api/geocode/reverse', { lng: lngLat[0], lat: lngLat[1] }),
    roads: () => http.get<RoadFeatureCollection>('/api/map/roads'),
    /** The river outline, or null when the city has none (404). */
    river: async (): Promise<Feature | null> => {
      try {
        return await http.get<Feature>('/api/map/river');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    clockTargets: () => http.get<ClockTargetsDto>('/api/settings/clock-targets'),
    kpiToday: () => http.get<KpiTodayDto>('/api/kpi/today'),
    responseTimeReport: (query: ReportQuery) =>
      http.get<ResponseTimeReport>('/api/reports/response-times', { ...query }),
    reportShifts: () => http.get<ShiftDefinition[]>('/api/reports/shifts'),
  };
}

export type Api = ReturnType<typeof createApi>;
