/**
 * What the simulated people use of the console: the call-taker/dispatcher's and a unit
 * terminal's requests, and the events their screens hear. The real server's REST client
 * (`api-client.ts`) and Socket.IO sockets provide them in live and `--engine server` runs; the
 * in-process console (`local-console.ts`) provides the same in `--engine local` runs, so the
 * agents and policies are the same code in both.
 */
import type {
  AssignmentDto,
  CreateIncidentBody,
  IncidentDto,
  PostDto,
  RecommendationsDto,
  ServerToClientEvents,
  StandbyOrderDto,
  UnitDto,
} from '@dispatch/contracts';
import type { Resolution, UnitStatus } from '@dispatch/domain';

export type AssignmentAction = 'accept' | 'en_route' | 'on_scene' | 'clear';

export interface DispatchResult {
  incident: IncidentDto;
  assignments: AssignmentDto[];
}

/** The call-taker/dispatcher's requests (REST in the real console). */
export interface DispatcherConsole {
  createIncident(body: CreateIncidentBody): Promise<IncidentDto>;
  incident(id: string): Promise<IncidentDto>;
  recommendations(incidentId: string): Promise<RecommendationsDto>;
  units(): Promise<UnitDto[]>;
  posts(): Promise<PostDto[]>;
  dispatch(incidentId: string, unitIds: string[]): Promise<DispatchResult>;
  resolve(incidentId: string, resolution: Resolution): Promise<IncidentDto>;
  close(incidentId: string): Promise<IncidentDto>;
  setUnitStatus(unitId: string, status: UnitStatus): Promise<UnitDto>;
}

/** A unit terminal's requests. */
export interface UnitTerminal {
  incident(id: string): Promise<IncidentDto>;
  assignmentAction(assignmentId: string, action: AssignmentAction): Promise<AssignmentDto>;
  setUnitStatus(unitId: string, status: UnitStatus): Promise<UnitDto>;
  /** The unit's active standby order (a supervisor's or an accepted move-up), or null. */
  standbyOrder(unitId: string): Promise<StandbyOrderDto | null>;
}

/** The events a screen hears (a Socket.IO socket in the real console). */
export interface ConsoleEvents {
  on<K extends keyof ServerToClientEvents>(name: K, handler: ServerToClientEvents[K]): void;
}
