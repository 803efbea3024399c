/**
 * A dispatch policy: who the simulated dispatcher sends, and (optionally) where free units wait.
 * One file per policy in this folder, listed once in `index.ts`; the CLI, the headless table and
 * both engines pick it up from there. A policy only talks to the console through the context,
 * so it runs unchanged against the real server and the in-process console. A new kind of decision
 * (say, move-ups after a dispatch) is a new optional hook here, called from dispatcher-agent.ts or
 * unit-agent.ts as `standbyTarget` is; policies without it behave as before.
 */
import type { IncidentDto } from '@dispatch/contracts';
import type { LngLat } from '@dispatch/domain';
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

export interface DispatchPolicy {
  /** Name on the command line (`--policy`) and in the result table. */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /**
   * Unit ids to send to `incident` now (the response plan's first tier); an empty list means
   * nobody fits and the dispatcher tries again 30 simulated seconds later.
   */
  chooseUnits(incident: IncidentDto, ctx: PolicyContext): Promise<string[]>;
  /**
   * Where a free unit should wait instead of patrolling its grid at random (a standby point), or
   * null to patrol. Asked each time a free unit picks its next leg. Default: always patrol.
   */
  standbyTarget?(unit: UnitIdentity & { lngLat: LngLat }, now: number): LngLat | null;
}
