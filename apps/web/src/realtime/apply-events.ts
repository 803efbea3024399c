/**
 * The one place where server events enter the client: each event calls exactly one store action.
 * Kept free of socket.io so it can be driven directly by tests.
 */
import type { ClockBreachEvent, IncidentDto, ServerToClientEvents, SnapshotEvent } from '@dispatch/contracts';
import { useClockStore } from '../stores/clock-store.js';
import { useCoverageStore } from '../stores/coverage-store.js';
import { useGridsStore } from '../stores/grids-store.js';
import { useIncidentsStore } from '../stores/incidents-store.js';
import { useMoveUpStore } from '../stores/move-up-store.js';
import { useStandbyStore } from '../stores/standby-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useUnitsStore } from '../stores/units-store.js';

/**
 * Incidents that events brought since the connection began, while its snapshot was still on the
 * way (null: no snapshot awaited). The server joins the client to its rooms before it reads the
 * snapshot, so an incident committed during that read reaches the client as an event first and is
 * missing from the snapshot that follows: without this it would vanish until the next snapshot.
 */
let sinceConnect: Set<string> | null = null;

/** A connection began that the server did not recover: its snapshot is on the way. */
export function expectSnapshot(): void {
  sinceConnect = new Set();
}

/** True from a connection the server did not recover until its snapshot has been applied. */
export function awaitingSnapshot(): boolean {
  return sinceConnect !== null;
}

function upsertIncident(incident: IncidentDto): void {
  sinceConnect?.add(incident.id);
  useIncidentsStore.getState().upsertIncident(incident);
}

/** Applies a snapshot to every store and aligns the clock with the server. */
export function applySnapshot(snapshot: SnapshotEvent): void {
  const keep = sinceConnect ?? undefined;
  sinceConnect = null;
  useClockStore.getState().syncServerTime(snapshot.serverTime);
  useClockStore.getState().setTimeZone(snapshot.timeZone);
  useIncidentsStore.getState().applySnapshot(snapshot.incidents, keep);
  useUnitsStore.getState().applySnapshot(snapshot.units);
  useGridsStore.getState().applySnapshot(snapshot.grids);
}

function noticeBreach(breach: ClockBreachEvent): void {
  useUiStore.getState().notify({
    level: 'warning',
    key: 'notices.breach',
    params: { number: breach.incidentNumber, clock: breach.clock },
  });
}

/** Handlers for every server-to-client event, keyed by event name. */
export const eventHandlers: ServerToClientEvents = {
  snapshot: applySnapshot,
  'incident:created': upsertIncident,
  'incident:updated': upsertIncident,
  'assignment:created': (assignment) => useIncidentsStore.getState().upsertAssignment(assignment),
  'assignment:updated': (assignment) => useIncidentsStore.getState().upsertAssignment(assignment),
  'unit:updated': (unit) => useUnitsStore.getState().upsertUnit(unit),
  'grid:updated': (grid) => useGridsStore.getState().upsertGrid(grid),
  'clock:breach': noticeBreach,
  'unit:positions': (batch) => useUnitsStore.getState().applyPositions(batch.positions),
  'coverage:updated': (coverage) => useCoverageStore.getState().applyCoverage(coverage),
  'coverage:alert': (alert) => useCoverageStore.getState().raiseAlert(alert),
  'coverage:cleared': (alert) => useCoverageStore.getState().clearAlert(alert),
  'standby:updated': (update) => useStandbyStore.getState().applyUpdate(update),
  'move-up:recommended': (move) => useMoveUpStore.getState().applyEvent(move),
  'move-up:decided': (move) => useMoveUpStore.getState().applyEvent(move),
};
