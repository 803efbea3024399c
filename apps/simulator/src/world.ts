/**
 * What all agents of one run share: the simulated clock, the road network, patrol vertices per
 * grid, the calls behind the incidents (their true service time), counters and the log.
 */
import type { AssignmentDto } from '@dispatch/contracts';
import type { LngLat } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';
import { serviceSecondsFor } from './call-mix.js';
import type { SimCall } from './call-generator.js';
import { createRng, type Rng } from './prng.js';
import type { SimClock } from './sim-clock.js';

export interface RunCounters {
  calls: number;
  incidentsCreated: number;
  dispatches: number;
  assignments: number;
  arrivals: number;
  clears: number;
  closed: number;
  errors: number;
}

export class World {
  readonly counters: RunCounters = {
    calls: 0,
    incidentsCreated: 0,
    dispatches: 0,
    assignments: 0,
    arrivals: 0,
    clears: 0,
    closed: 0,
    errors: 0,
  };
  private readonly calls = new Map<string, SimCall>();
  private readonly fallbackRng: Rng;

  constructor(
    /** Replaced when the run starts (set-up time is not simulated). */
    public clock: SimClock,
    readonly network: RoadNetwork | null,
    private readonly vertices: Map<string, LngLat[]>,
    private readonly seed: number,
    private readonly logger: (line: string) => void,
    private readonly verbose: boolean,
    private readonly utcOffsetHours = 0,
  ) {
    this.fallbackRng = createRng(seed).fork('fallback');
  }

  log(line: string, important = false): void {
    if (important) this.counters.errors += 1;
    if (important || this.verbose) this.logger(`[${this.simTime()}] ${line}`);
  }

  /** Always printed (one line per incident in live mode). */
  say(line: string): void {
    this.logger(`[${this.simTime()}] ${line}`);
  }

  simTime(): string {
    return new Date(this.clock.now() + this.utcOffsetHours * 3_600_000).toISOString().slice(11, 19);
  }

  gridVertices(gridId: string | null): LngLat[] {
    return (gridId && this.vertices.get(gridId)) || [];
  }

  registerCall(incidentId: string, call: SimCall): void {
    this.calls.set(incidentId, call);
  }

  callOf(incidentId: string): SimCall | undefined {
    return this.calls.get(incidentId);
  }

  /** Time on scene: the call's own figure; incidents the simulator did not create get a typical one. */
  serviceSeconds(incidentId: string): number {
    const call = this.calls.get(incidentId);
    return call ? call.serviceSeconds : serviceSecondsFor('other', this.fallbackRng);
  }

  /** Traffic on this trip: 0.9-1.15 times the model's travel time, fixed per call and unit (reproducible). */
  trafficFactor(incidentId: string, unitCallSign: string): number {
    const key = this.calls.get(incidentId)?.seq ?? incidentId;
    return createRng(this.seed).fork(`${key}:${unitCallSign}`).range(0.9, 1.15);
  }

  noteAssigned(_unit: { callSign: string }, _a: AssignmentDto): void {
    this.counters.assignments += 1;
  }

  noteArrived(unit: { callSign: string }, incidentId: string): void {
    this.counters.arrivals += 1;
    this.log(`${unit.callSign} on scene at ${this.callOf(incidentId)?.address ?? incidentId}`);
  }

  noteCleared(_unit: { callSign: string }, _incidentId: string): void {
    this.counters.clears += 1;
  }
}
