/**
 * The 1-3-5 response clocks of an incident, all started at `receivedAt`:
 * - dispatch: until the first unit is assigned (target 60 s),
 * - first_arrival: until the first unit is on scene (180 s),
 * - reinforcement: until the second distinct unit is on scene (300 s), only when the response
 *   plan requires more than one unit.
 * This file is the one definition of the rule: which assignments count ({@link clockArrivals}),
 * first and n-th arrival, and each clock's outcome ({@link clockOutcome}). The wall, the clock
 * monitor, the stored `reinforcedAt` milestone and the review's SQL all follow it.
 * Pure: `now` is passed in, so the server can re-evaluate exactly at a deadline.
 */
import { attendsScene, type IncidentMilestones } from './milestones.js';
import type { AssignmentRole } from './model.js';

export const CLOCK_NAMES = ['dispatch', 'first_arrival', 'reinforcement'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

/**
 * `met`: stopped at or before the deadline. `breached`: the deadline passed before the clock
 * stopped (it may still be waiting for its milestone). `not_applicable`: reinforcement not
 * required, or the incident ended before the deadline without needing the step.
 */
export type ClockState = 'running' | 'met' | 'breached' | 'not_applicable';
/** `amber` from {@link AMBER_FRACTION} of the target while running, `red` once breached. */
export type ClockWarning = 'ok' | 'amber' | 'red';

export interface ClockTargets {
  dispatchSeconds: number;
  firstArrivalSeconds: number;
  reinforcementSeconds: number;
}

export const DEFAULT_CLOCK_TARGETS: Readonly<ClockTargets> = {
  dispatchSeconds: 60,
  firstArrivalSeconds: 180,
  reinforcementSeconds: 300,
};

/**
 * What a centre may set as its targets, in seconds: room for the 5- and 10-minute arrival targets
 * some cities use, none so long that a clock could never run out.
 */
export const CLOCK_TARGET_BOUNDS: Readonly<Record<keyof ClockTargets, { min: number; max: number }>> = {
  dispatchSeconds: { min: 10, max: 600 },
  firstArrivalSeconds: { min: 60, max: 3600 },
  reinforcementSeconds: { min: 60, max: 3600 },
};

/** Share of the target after which a running clock turns amber. */
export const AMBER_FRACTION = 2 / 3;

export interface ResponseClock {
  name: ClockName;
  state: ClockState;
  warning: ClockWarning;
  targetSeconds: number;
  startedAt: number;
  /** Epoch ms; null when not applicable. */
  deadlineAt: number | null;
  /** Epoch ms at which the clock turns amber; null when not applicable. */
  amberAt: number | null;
  /** Epoch ms of the milestone (or end of incident) that stopped the clock; null while waiting. */
  stoppedAt: number | null;
  /** Seconds (ms precision) from start to `stoppedAt ?? now`; null when not applicable. */
  elapsedSeconds: number | null;
  /** Seconds from `stoppedAt ?? now` to the deadline, negative when overdue; null when not applicable. */
  remainingSeconds: number | null;
}

export type ResponseClocks = Readonly<Record<ClockName, ResponseClock>>;

/** An assignment as the clocks see it; `onSceneAt` is when that unit arrived (null if it has not). */
export interface ClockAssignment {
  unitId: string;
  onSceneAt: number | null;
  /** Checkpoint units hold roads out of the area: their arrival is no arrival on scene. */
  role?: AssignmentRole;
}

export interface ClockIncident {
  milestones: IncidentMilestones;
  /** Units the response plan requires; the reinforcement clock applies from 2. */
  requiredUnits: number;
  /** All the incident's assignments, any role or status: {@link clockArrivals} picks those that count. */
  assignments: readonly ClockAssignment[];
}

/** The distinct unit whose arrival on scene stops the reinforcement clock: the second. */
export const REINFORCEMENT_ARRIVAL = 2;

/**
 * Arrival instants that count for the clocks, ascending: one per distinct unit (its first arrival),
 * only assignments that attend the scene (not checkpoints). A cancelled assignment that had reached
 * the scene still counts: the unit was there.
 */
export function clockArrivals(assignments: readonly ClockAssignment[]): number[] {
  const firstByUnit = new Map<string, number>();
  for (const a of assignments) {
    if (a.onSceneAt === null || !attendsScene(a)) continue;
    const seen = firstByUnit.get(a.unitId);
    if (seen === undefined || a.onSceneAt < seen) firstByUnit.set(a.unitId, a.onSceneAt);
  }
  return [...firstByUnit.values()].sort((a, b) => a - b);
}

/** Arrival of the n-th distinct unit on scene (n from 1), or null. */
export function nthArrival(assignments: readonly ClockAssignment[], n: number): number | null {
  return clockArrivals(assignments)[n - 1] ?? null;
}

/** When the reinforcement clock stopped (null: not yet, or the plan needs one unit only). */
export function reinforcementArrival(
  requiredUnits: number,
  assignments: readonly ClockAssignment[],
): number | null {
  return requiredUnits > 1 ? nthArrival(assignments, REINFORCEMENT_ARRIVAL) : null;
}

function minOf(values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v < best)) best = v;
  return best;
}

function notApplicable(name: ClockName, targetSeconds: number, startedAt: number): ResponseClock {
  return {
    name,
    state: 'not_applicable',
    warning: 'ok',
    targetSeconds,
    startedAt,
    deadlineAt: null,
    amberAt: null,
    stoppedAt: null,
    elapsedSeconds: null,
    remainingSeconds: null,
  };
}

function evaluateClock(
  name: ClockName,
  targetSeconds: number,
  startedAt: number,
  stopAt: number | null,
  endAt: number | null,
  now: number,
): ResponseClock {
  const deadlineAt = startedAt + targetSeconds * 1000;
  const amberAt = startedAt + targetSeconds * 1000 * AMBER_FRACTION;
  // An incident that ended without the step and before the deadline never owed it.
  const stoppedAt = stopAt ?? (endAt !== null && endAt >= deadlineAt ? endAt : null);
  if (stopAt === null && endAt !== null && stoppedAt === null) {
    return notApplicable(name, targetSeconds, startedAt);
  }
  const reference = stoppedAt ?? now;
  const base = {
    name,
    targetSeconds,
    startedAt,
    deadlineAt,
    amberAt,
    stoppedAt,
    elapsedSeconds: Math.max(0, reference - startedAt) / 1000,
    remainingSeconds: (deadlineAt - reference) / 1000,
  };
  if (stopAt !== null) {
    return stopAt <= deadlineAt
      ? { ...base, state: 'met', warning: 'ok' }
      : { ...base, state: 'breached', warning: 'red' };
  }
  // Waiting for the milestone: breached from the deadline instant on, so a timer fired
  // exactly at `deadlineAt` sees the breach.
  if (reference >= deadlineAt) return { ...base, state: 'breached', warning: 'red' };
  return { ...base, state: 'running', warning: reference >= amberAt ? 'amber' : 'ok' };
}

/** Evaluates the three response clocks of an incident at `now` (epoch ms). */
export function evaluateResponseClocks(
  incident: ClockIncident,
  now: number,
  targets: ClockTargets = DEFAULT_CLOCK_TARGETS,
): ResponseClocks {
  const m = incident.milestones;
  const start = m.receivedAt;
  const endAt = minOf([m.resolvedAt, m.closedAt]);
  const firstOnScene = minOf([m.firstOnSceneAt, nthArrival(incident.assignments, 1)]);
  return {
    dispatch: evaluateClock('dispatch', targets.dispatchSeconds, start, m.firstDispatchedAt, endAt, now),
    first_arrival: evaluateClock(
      'first_arrival',
      targets.firstArrivalSeconds,
      start,
      firstOnScene,
      endAt,
      now,
    ),
    reinforcement:
      incident.requiredUnits > 1
        ? evaluateClock(
            'reinforcement',
            targets.reinforcementSeconds,
            start,
            reinforcementArrival(incident.requiredUnits, incident.assignments),
            endAt,
            now,
          )
        : notApplicable('reinforcement', targets.reinforcementSeconds, start),
  };
}

/**
 * Earliest future instant (epoch ms) at which a running clock breaches (and, with
 * `includeAmber`, turns amber), so the server can arm one precise timer; null if none.
 */
export function nextClockDeadline(
  clocks: ResponseClocks,
  now: number,
  options: { includeAmber?: boolean } = {},
): number | null {
  let next: number | null = null;
  for (const name of CLOCK_NAMES) {
    const c = clocks[name];
    if (c.state !== 'running') continue;
    const instants = options.includeAmber ? [c.amberAt, c.deadlineAt] : [c.deadlineAt];
    for (const t of instants) if (t !== null && t > now && (next === null || t < next)) next = t;
  }
  return next;
}

/** Clocks breached in `current` that were not breached in `previous` (null: nothing known before). */
export function detectNewBreaches(previous: ResponseClocks | null, current: ResponseClocks): ClockName[] {
  return CLOCK_NAMES.filter(
    (name) => current[name].state === 'breached' && previous?.[name].state !== 'breached',
  );
}

/**
 * How a clock counts in the response-time review: `met`, `missed` (breached), or `null` when it is
 * not counted (not applicable, or still running at the instant of the review).
 */
export type ClockOutcome = 'met' | 'missed' | null;

export function clockOutcome(clock: ResponseClock): ClockOutcome {
  if (clock.state === 'met') return 'met';
  if (clock.state === 'breached') return 'missed';
  return null;
}

/**
 * The three outcomes of an incident for the review at `asOf`. A cancelled incident (a false call,
 * a duplicate) owed no unit on scene: only its dispatch clock counts.
 */
export function reviewClockOutcomes(
  incident: ClockIncident & { cancelled: boolean },
  asOf: number,
  targets: ClockTargets = DEFAULT_CLOCK_TARGETS,
): Record<ClockName, ClockOutcome> {
  const clocks = evaluateResponseClocks(incident, asOf, targets);
  return {
    dispatch: clockOutcome(clocks.dispatch),
    first_arrival: incident.cancelled ? null : clockOutcome(clocks.first_arrival),
    reinforcement: incident.cancelled ? null : clockOutcome(clocks.reinforcement),
  };
}
