/**
 * What a run needs from the console it runs against, whichever it is: the real server over REST
 * and Socket.IO (`server-engine.ts`) or the in-process console (`local-engine.ts`). The run
 * (`run.ts`) builds the same agents on either.
 */
import type { UnitDto } from '@dispatch/contracts';
import type { RoadNetwork } from '@dispatch/routing';
import type { BackgroundPlace } from './call-generator.js';
import type { GridPolygon } from './city-geometry.js';
import type { ConsoleEvents, DispatcherConsole, UnitTerminal } from './console-port.js';
import type { Hotspot } from '@dispatch/demo-city';
import type { IncidentTimes } from './summary.js';
import type { UnitAgent } from './unit-agent.js';
import type { World } from './world.js';

export type EngineName = 'server' | 'local';

/** One crewed unit: its state at the start, its terminal and what it hears. */
export interface CrewedUnit {
  unit: UnitDto;
  terminal: UnitTerminal;
  events: ConsoleEvents;
}

export interface Engine {
  readonly name: EngineName;
  network: RoadNetwork | null;
  /** Road vertices fit for patrols and call addresses. */
  places: BackgroundPlace[];
  /** Grids with their station (派出所) name, null when not known. */
  grids: { id: string; polygon: GridPolygon; station: string | null }[];
  hotspots: Hotspot[];
  dispatcher: DispatcherConsole;
  dispatcherEvents: ConsoleEvents;
  /** The on-duty units with a simulated crew. */
  crews: CrewedUnit[];
  /** The run's world and agents exist: positions start flowing (GPS). */
  start(world: World, agents: readonly UnitAgent[]): void;
  /** Before each dispatch decision (see World.beforeDecision). */
  beforeDecision(): Promise<void>;
  /** Before the stepped clock moves to `simMs`. */
  beforeStep(simMs: number): Promise<void>;
  /** Live runs: sends what is due at real time `realNow` (the terminals' GPS). */
  tick?(realNow: number): void;
  /** Consoles that stamp with the real clock: how their timestamps map onto the simulated one. */
  useTimeMapping?(toSim: (realMs: number) => number): void;
  /** The incidents' timestamps as the console recorded them, on the simulated clock. */
  incidentTimes(incidentIds: readonly string[]): Promise<IncidentTimes[]>;
  stop(): Promise<void>;
}
