/**
 * Every Socket.IO event: one list of names and one typed payload per name, imported by the server
 * and every client. Rooms: `wall` (every staff screen), `unit:<id>` (that unit's terminal).
 */
import type { CoverageAlertDto, CoverageDto } from './coverage.js';
import type { AssignmentDto, GridDto, IncidentDto, UnitDto } from './dto.js';
import type { MoveUpDto } from './move-up.js';
import type { PositionReport } from './requests.js';
import type { StandbyUpdatedEvent } from './standby.js';

export type ResponseClockName = 'dispatch' | 'first_arrival' | 'reinforcement';

export interface ClockBreachEvent {
  incidentId: string;
  incidentNumber: string;
  clock: ResponseClockName;
  targetSeconds: number;
  /** Epoch ms when the clock ran out. */
  deadline: number;
}

/** One batched message (at most one per second per client) of moved units. */
export interface UnitPositionsEvent {
  positions: {
    id: string;
    lngLat: [number, number];
    headingDeg: number | null;
    speedMps: number | null;
    at: string;
  }[];
}

/** A consistent picture of the open situation, sent on connect and on request. */
export interface SnapshotEvent {
  /** Server time (epoch ms) the snapshot was taken; clients align their clocks with it. */
  serverTime: number;
  /** The centre's IANA time zone: every time on every screen is shown in it. */
  timeZone: string;
  incidents: IncidentDto[];
  units: UnitDto[];
  grids: GridDto[];
}

export interface ServerToClientEvents {
  'incident:created': (incident: IncidentDto) => void;
  'incident:updated': (incident: IncidentDto) => void;
  'assignment:created': (assignment: AssignmentDto) => void;
  'assignment:updated': (assignment: AssignmentDto) => void;
  'unit:updated': (unit: UnitDto) => void;
  'grid:updated': (grid: GridDto) => void;
  'clock:breach': (breach: ClockBreachEvent) => void;
  'unit:positions': (batch: UnitPositionsEvent) => void;
  /** Live coverage after a recomputation (superseded by the next one). */
  'coverage:updated': (coverage: CoverageDto) => void;
  /** A grid's coverage fell below its threshold (once per alert, on one node). */
  'coverage:alert': (alert: CoverageAlertDto) => void;
  /** That alert's grid is covered again. */
  'coverage:cleared': (alert: CoverageAlertDto) => void;
  /** A unit's standby order was given, replaced or ended (wall and the unit's terminal). */
  'standby:updated': (update: StandbyUpdatedEvent) => void;
  /** A move-up was recommended (pending; staff screens, once per recommendation on one node). */
  'move-up:recommended': (recommendation: MoveUpDto) => void;
  /** A move-up was accepted, declined or expired (superseded, timed out, its unit left). */
  'move-up:decided': (recommendation: MoveUpDto) => void;
  snapshot: (snapshot: SnapshotEvent) => void;
}

export type Ack<T = unknown> = (
  reply: { ok: true; value?: T } | { ok: false; error: { code: string; message: string; field?: string } },
) => void;

export interface ClientToServerEvents {
  /** A unit terminal reports its own position (same ingestion path as REST). */
  'unit:position': (report: PositionReport, ack?: Ack) => void;
  /** Ask for a fresh snapshot (after a reconnect that could not be recovered). */
  'snapshot:request': (ack: Ack<SnapshotEvent>) => void;
}

export const SERVER_EVENTS = [
  'incident:created',
  'incident:updated',
  'assignment:created',
  'assignment:updated',
  'unit:updated',
  'grid:updated',
  'clock:breach',
  'unit:positions',
  'coverage:updated',
  'coverage:alert',
  'coverage:cleared',
  'standby:updated',
  'move-up:recommended',
  'move-up:decided',
  'snapshot',
] as const satisfies readonly (keyof ServerToClientEvents)[];

export const ROOMS = {
  wall: 'wall',
  unit: (unitId: string) => `unit:${unitId}`,
} as const;
