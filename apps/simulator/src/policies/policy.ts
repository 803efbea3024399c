/**
 * A dispatch policy: who the simulated dispatcher sends, and (optionally) where free units wait
 * and who moves up after a dispatch. One file per policy in this folder, listed once in
 * `index.ts`; the CLI, the headless table and both engines pick it up from there. A policy only
 * talks to the console through the context, so it runs unchanged against the real server and the
 * in-process console. A new kind of decision is a new optional hook here, called from
 * dispatcher-agent.ts or unit-agent.ts as `standbyTarget` and `afterDispatch` are; policies
 * without it behave as before.
 */
import type { IncidentDto } from '@dispatch/contracts';
import type { Hotspot } from '@dispatch/demo-city';
import type { LngLat } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';
import type { BackgroundPlace } from '../call-generator.js';
import type { GridPolygon } from '../city-geometry.js';
import type { DispatcherConsole } from '../console-port.js';
import type { UnitIdentity } from '../unit-agent.js';

export interface PolicyContext {
  /** The dispatcher's console: REST on the real server, in-process with `--engine local`. */
  console: DispatcherConsole;
  /** Range of every post by post id (read once per run). */
  postRanges(): Promise<ReadonlyMap<string, number>>;
  /** Simulated epoch ms now. */
  now(): number;
}

/** What a policy may know of the run before the first call: the map and the call model. */
export interface PolicyRun {
  network: RoadNetwork | null;
  /** Grids with the station (派出所) each belongs to (null: none known). */
  grids: readonly { id: string; polygon: GridPolygon; station: string | null }[];
  hotspots: readonly Hotspot[];
  /** Road vertices the call generator places background calls on. */
  places: readonly BackgroundPlace[];
  seed: number;
  /** Simulated epoch ms of the start, and its local hour. */
  startSimMs: number;
  startHour: number;
  utcOffsetHours: number;
  callsPerHour: number;
  hotspotShare: number;
  log(line: string): void;
}

/** An order to a free unit: drive to `lngLat` now and wait there. */
export interface Relocation {
  unitId: string;
  lngLat: LngLat;
}

export interface DispatchPolicy {
  /** Name on the command line (`--policy`) and in the result table. */
  readonly name: string;
  /** Once per run, before the first call (build what the policy needs of the map). */
  start?(run: PolicyRun, ctx: PolicyContext): Promise<void>;
  /**
   * Unit ids to send to `incident` now (the response plan's first tier); an empty list means
   * nobody fits and the dispatcher tries again 30 simulated seconds later.
   */
  chooseUnits(incident: IncidentDto, ctx: PolicyContext): Promise<string[]>;
  /**
   * Where a free unit should wait instead of patrolling its grid at random (a standby point), or
   * null to patrol. Asked each time a free unit picks its next leg, and when it heads back after a
   * call. Default: always patrol.
   */
  standbyTarget?(unit: UnitIdentity & { lngLat: LngLat }, now: number): Promise<LngLat | null>;
  /**
   * Called by the dispatcher after each dispatch (the units sent have left the free fleet): the
   * free units to move now (a move-up). Default: none.
   */
  afterDispatch?(
    dispatched: { incident: IncidentDto; unitIds: readonly string[] },
    ctx: PolicyContext,
  ): Promise<Relocation[]>;
}

/** A policy by name; `create` gives a fresh one per run (coverage policies keep per-run state). */
export interface PolicyEntry {
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Older names still accepted on the command line. */
  readonly aliases?: readonly string[];
  create(): DispatchPolicy;
}
