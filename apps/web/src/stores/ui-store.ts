import type { RouteDto } from '@dispatch/contracts';
import type { UnitKind } from '@dispatch/domain';
import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  /** i18n key and its parameters, translated when shown. */
  key: string;
  params?: Record<string, string | number>;
}

export interface FlyToRequest {
  lngLat: [number, number];
  zoom?: number;
  /** Show all of these instead (the unit, its destination and route): the map fits them. */
  bounds?: [[number, number], [number, number]];
  /** Increments on every request so the same place can be flown to twice. */
  seq: number;
}

export interface AssignmentRoute extends RouteDto {
  assignmentId: string;
}

export interface UiState {
  connection: ConnectionState;
  selectedIncidentId: string | null;
  selectedUnitId: string | null;
  flyTo: FlyToRequest | null;
  /** Routes drawn on the map, by assignment id. */
  routes: Record<string, AssignmentRoute>;
  unitKindFilter: UnitKind | 'all';
  notices: Notice[];
  setConnection: (connection: ConnectionState) => void;
  selectIncident: (id: string | null) => void;
  selectUnit: (id: string | null) => void;
  requestFlyTo: (lngLat: [number, number], zoom?: number) => void;
  /** Fit the map to these points (one point: fly there at street zoom). */
  requestFitPoints: (points: readonly (readonly [number, number])[]) => void;
  setRoutes: (routes: readonly AssignmentRoute[]) => void;
  setUnitKindFilter: (kind: UnitKind | 'all') => void;
  notify: (notice: Omit<Notice, 'id'>) => void;
  dismissNotice: (id: number) => void;
}

const MAX_NOTICES = 5;
let noticeSeq = 0;

export const useUiStore = create<UiState>()((set, get) => ({
  connection: 'connecting',
  selectedIncidentId: null,
  selectedUnitId: null,
  flyTo: null,
  routes: {},
  unitKindFilter: 'all',
  notices: [],
  setConnection: (connection) => {
    if (get().connection !== connection) set({ connection });
  },
  selectIncident: (id) => set({ selectedIncidentId: id }),
  selectUnit: (id) => set({ selectedUnitId: id }),
  requestFlyTo: (lngLat, zoom) => set({ flyTo: { lngLat, zoom, seq: (get().flyTo?.seq ?? 0) + 1 } }),
  requestFitPoints: (points) => {
    if (points.length === 0) return;
    const lngs = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const bounds: [[number, number], [number, number]] = [
      [Math.min(...lngs), Math.min(...lats)],
      [Math.max(...lngs), Math.max(...lats)],
    ];
    const center: [number, number] = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2];
    set({ flyTo: { lngLat: center, zoom: 15, bounds, seq: (get().flyTo?.seq ?? 0) + 1 } });
  },
  setRoutes: (routes) => set({ routes: Object.fromEntries(routes.map((r) => [r.assignmentId, r])) }),
  setUnitKindFilter: (unitKindFilter) => set({ unitKindFilter }),
  notify: (notice) => {
    noticeSeq += 1;
    set({ notices: [...get().notices, { ...notice, id: noticeSeq }].slice(-MAX_NOTICES) });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
}));
