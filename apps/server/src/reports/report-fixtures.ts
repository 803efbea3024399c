/**
 * Test support for the response-time review: seeded fixture incidents and assignments covering
 * the edge cases (never dispatched, cancelled before and after the deadline, several units,
 * missing milestones, units still on scene, still-running clocks), a writer into a fresh
 * database, and a plain-JS computation of every figure from the fixtures. The oracle computes
 * the figures independently of the SQL but takes the 1-3-5 rule from the domain (milestones as
 * the server records them, clock outcomes as the wall judges them), its one definition.
 */
import type { ShiftDefinition } from '@dispatch/contracts';
import {
  incidentProgress,
  INCIDENT_TYPES,
  initialMilestones,
  isAssignmentActive,
  isIncidentOpen,
  mean,
  milestoneEventForAssignment,
  nextDay,
  percentile,
  reviewClockOutcomes,
  zonedDay,
  zonedParts,
  type AssignmentRole,
  type ClockTargets,
  type IncidentMilestones,
  type IncidentStatus,
  type ProgressAssignment,
  type ProgressIncident,
} from '@dispatch/domain';
import type { SqlRunner } from '../db/migrate.js';

export interface FxAssignment {
  id: string;
  unitId: string;
  status: 'assigned' | 'en_route' | 'on_scene' | 'cleared' | 'cancelled';
  /** Written as `primary` when absent. */
  role?: AssignmentRole;
  assignedAt: number;
  enRouteAt: number | null;
  onSceneAt: number | null;
  clearedAt: number | null;
  cancelledAt: number | null;
}

export interface FxIncident {
  id: string;
  number: string;
  type: string;
  priority: number;
  gridId: string | null;
  status: 'received' | 'dispatched' | 'en_route' | 'on_scene' | 'resolved' | 'closed' | 'cancelled';
  resolution: 'resolved_on_scene' | 'transferred_to_case' | 'cancelled' | null;
  requiredUnits: number;
  receivedAt: number;
  firstDispatchedAt: number | null;
  firstEnRouteAt: number | null;
  firstOnSceneAt: number | null;
  reinforcedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  assignments: FxAssignment[];
}

export interface Fixture {
  grids: string[];
  units: string[];
  incidents: FxIncident[];
}

/** An assignment of `unitId` made at `assignedAt`, nothing after it unless `fields` say so. */
export function fxAssignment(
  id: string,
  unitId: string,
  assignedAt: number,
  fields: Partial<Omit<FxAssignment, 'id' | 'unitId' | 'assignedAt'>> = {},
): FxAssignment {
  return {
    id,
    unitId,
    status: 'assigned',
    assignedAt,
    enRouteAt: null,
    onSceneAt: null,
    clearedAt: null,
    cancelledAt: null,
    ...fields,
  };
}

/** A priority-1 theft received at `receivedAt` with no milestones yet, unless `fields` say so. */
export function fxIncident(
  id: string,
  receivedAt: number,
  fields: Partial<Omit<FxIncident, 'id' | 'receivedAt'>> = {},
): FxIncident {
  return {
    id,
    number: `110-${id}`,
    type: 'theft',
    priority: 1,
    gridId: null,
    status: 'received',
    resolution: null,
    requiredUnits: 1,
    receivedAt,
    firstDispatchedAt: null,
    firstEnRouteAt: null,
    firstOnSceneAt: null,
    reinforcedAt: null,
    resolvedAt: null,
    closedAt: null,
    assignments: [],
    ...fields,
  };
}

/**
 * Sets the milestone columns as the server records them: the domain's `incidentProgress` replayed
 * over every assignment step (assigned, en route, on scene) in time order. First set wins;
 * checkpoint units only dispatch; `reinforcedAt` is the second distinct unit on scene.
 */
export function recordMilestones(inc: FxIncident): void {
  const steps = inc.assignments
    .flatMap((a) => [
      { at: a.assignedAt, status: 'assigned' as const, role: a.role },
      ...(a.enRouteAt === null ? [] : [{ at: a.enRouteAt, status: 'en_route' as const, role: a.role }]),
      ...(a.onSceneAt === null ? [] : [{ at: a.onSceneAt, status: 'on_scene' as const, role: a.role }]),
    ])
    .sort((x, y) => x.at - y.at);
  let state: ProgressIncident = {
    status: 'received',
    requiredUnits: inc.requiredUnits,
    milestones: initialMilestones(inc.receivedAt),
    reinforcedAt: null,
  };
  for (const step of steps) {
    // The assignments as they stood at the step.
    const reached = (t: number | null) => t !== null && t <= step.at;
    const assignments = inc.assignments
      .filter((a) => a.assignedAt <= step.at)
      .map((a): ProgressAssignment => ({
        unitId: a.unitId,
        ...(a.role ? { role: a.role } : {}),
        status: reached(a.onSceneAt) ? 'on_scene' : reached(a.enRouteAt) ? 'en_route' : 'assigned',
        onSceneAt: reached(a.onSceneAt) ? a.onSceneAt : null,
      }));
    const event = milestoneEventForAssignment(step.status, step.role);
    const next = incidentProgress(state, assignments, event ? [event] : [], step.at);
    state = { ...state, ...next };
  }
  inc.firstDispatchedAt = state.milestones.firstDispatchedAt;
  inc.firstEnRouteAt = state.milestones.firstEnRouteAt;
  inc.firstOnSceneAt = state.milestones.firstOnSceneAt;
  inc.reinforcedAt = state.reinforcedAt;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;

/**
 * `count` incidents received uniformly in [start, end) plus hand-placed edge cases around
 * `asOf` (clocks still running or just overdue when the report is run).
 */
export function makeFixture(options: {
  seed: number;
  start: number;
  end: number;
  count: number;
  asOf: number;
}) {
  const rnd = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const ms = (lo: number, hi: number) => Math.round(lo + rnd() * (hi - lo));
  const grids = ['g1', 'g2', 'g3'];
  // Ended assignments cycle through 100 units (so a unit filter finds several incidents); active
  // ones each get a unit of their own (one active assignment per unit).
  const pool = Array.from({ length: 100 }, (_, i) => `u${String(i).padStart(3, '0')}`);
  const units = [...pool];
  let nextUnit = 0;
  const freshUnit = () => pool[nextUnit++ % pool.length] as string;
  const activeUnit = () => {
    const id = `v${String(units.length).padStart(4, '0')}`;
    units.push(id);
    return id;
  };
  const incidents: FxIncident[] = [];
  let seq = 0;

  const add = (receivedAt: number, scenario: string) => {
    seq += 1;
    const id = `i${String(seq).padStart(5, '0')}`;
    const inc = fxIncident(id, receivedAt, {
      type: pick(INCIDENT_TYPES),
      priority: 1 + Math.floor(rnd() * 4),
      gridId: rnd() < 0.05 ? null : pick(grids),
    });
    const t0 = receivedAt;
    const dispatchAt = t0 + ms(5_000, 150_000);
    const makeUnit = (at: number, arrive: boolean, clear: boolean, enRouteKnown = true): FxAssignment => {
      const enRouteAt = at + ms(2_000, 60_000);
      const onSceneAt = arrive ? enRouteAt + ms(30_000, 600_000) : null;
      const clearedAt = arrive && clear ? (onSceneAt as number) + ms(60_000, 3_600_000) : null;
      const status = clearedAt ? 'cleared' : arrive ? 'on_scene' : 'en_route';
      return fxAssignment(
        `${id}-a${inc.assignments.length + 1}`,
        status === 'cleared' ? freshUnit() : activeUnit(),
        at,
        { status, enRouteAt: enRouteKnown ? enRouteAt : null, onSceneAt, clearedAt },
      );
    };
    const settleMilestones = (missingEnRoute = false) => {
      recordMilestones(inc);
      // Imported or radio-reported arrivals may lack the en-route step.
      if (missingEnRoute) inc.firstEnRouteAt = null;
    };
    const finish = (resolution: 'resolved_on_scene' | 'transferred_to_case') => {
      const lastClear = Math.max(...inc.assignments.map((a) => a.clearedAt ?? a.onSceneAt ?? a.assignedAt));
      inc.status = rnd() < 0.5 ? 'closed' : 'resolved';
      inc.resolution = resolution;
      inc.resolvedAt = lastClear + ms(0, 120_000);
      inc.closedAt = inc.status === 'closed' ? inc.resolvedAt + ms(0, 600_000) : null;
    };

    switch (scenario) {
      case 'normal': {
        inc.assignments.push(makeUnit(dispatchAt, true, true));
        settleMilestones();
        finish(rnd() < 0.7 ? 'resolved_on_scene' : 'transferred_to_case');
        break;
      }
      case 'multi': {
        inc.requiredUnits = 2 + Math.floor(rnd() * 2);
        const n = inc.requiredUnits + Math.floor(rnd() * 2) - 1; // sometimes one short
        for (let k = 0; k < n; k++)
          inc.assignments.push(makeUnit(dispatchAt + k * ms(0, 90_000), true, true));
        settleMilestones();
        finish(rnd() < 0.6 ? 'resolved_on_scene' : 'transferred_to_case');
        break;
      }
      case 'multi-still-on-scene': {
        inc.requiredUnits = 2;
        inc.assignments.push(makeUnit(dispatchAt, true, true));
        inc.assignments.push(makeUnit(dispatchAt + 20_000, true, false));
        settleMilestones();
        inc.status = 'on_scene';
        break;
      }
      case 'missing-en-route': {
        // Imported or radio-reported: on scene without an en-route milestone.
        inc.assignments.push(makeUnit(dispatchAt, true, true, false));
        settleMilestones(true);
        finish('resolved_on_scene');
        break;
      }
      case 'resolved-without-clear': {
        const a = makeUnit(dispatchAt, true, false);
        a.status = 'cancelled';
        a.cancelledAt = (a.onSceneAt as number) + ms(60_000, 600_000);
        inc.assignments.push(a);
        settleMilestones();
        inc.status = 'resolved';
        inc.resolution = 'resolved_on_scene';
        inc.resolvedAt = a.cancelledAt + ms(0, 300_000);
        break;
      }
      case 'never-dispatched-cancelled-early': {
        inc.status = 'cancelled';
        inc.resolution = 'cancelled';
        inc.closedAt = t0 + ms(5_000, 55_000);
        break;
      }
      case 'never-dispatched-cancelled-late': {
        inc.status = 'cancelled';
        inc.closedAt = t0 + ms(70_000, 900_000);
        break;
      }
      case 'cancelled-en-route': {
        const a = makeUnit(dispatchAt, false, false);
        a.status = 'cancelled';
        a.cancelledAt = (a.enRouteAt as number) + ms(10_000, 200_000);
        inc.assignments.push(a);
        settleMilestones();
        inc.status = 'cancelled';
        inc.resolution = 'cancelled';
        inc.closedAt = a.cancelledAt;
        break;
      }
      case 'never-dispatched-open': {
        break;
      }
      case 'dispatched-not-arrived': {
        inc.assignments.push(makeUnit(dispatchAt, false, false));
        settleMilestones();
        inc.status = 'en_route';
        break;
      }
      case 'resolved-by-phone': {
        // Settled on the phone before any unit was needed.
        inc.status = 'resolved';
        inc.resolution = 'transferred_to_case';
        inc.resolvedAt = t0 + ms(20_000, 400_000);
        break;
      }
      default:
        throw new Error(scenario);
    }
    incidents.push(inc);
    return inc;
  };

  const weighted: [string, number][] = [
    ['normal', 50],
    ['multi', 14],
    ['multi-still-on-scene', 3],
    ['missing-en-route', 4],
    ['resolved-without-clear', 4],
    ['never-dispatched-cancelled-early', 4],
    ['never-dispatched-cancelled-late', 4],
    ['cancelled-en-route', 4],
    ['never-dispatched-open', 3],
    ['dispatched-not-arrived', 3],
    ['resolved-by-phone', 4],
  ];
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  for (let k = 0; k < options.count; k++) {
    let r = rnd() * total;
    let scenario = 'normal';
    for (const [name, w] of weighted) {
      r -= w;
      if (r < 0) {
        scenario = name;
        break;
      }
    }
    const at = ms(options.start, options.end);
    // Keep random incidents clear of asOf so only the hand-placed ones have running clocks.
    if (Math.abs(at - options.asOf) < 2 * 3_600_000) continue;
    add(at, scenario);
  }
  // Running at asOf: never dispatched 30 s ago (not counted), 90 s ago (dispatch missed,
  // arrival still running), 10 min ago (both missed); dispatched 20 s after a call 100 s ago.
  add(options.asOf - 30_000, 'never-dispatched-open');
  add(options.asOf - 90_000, 'never-dispatched-open');
  add(options.asOf - 10 * MIN, 'never-dispatched-open');
  const late = add(options.asOf - 100_000, 'never-dispatched-open');
  late.assignments.push(fxAssignment(`${late.id}-a1`, activeUnit(), late.receivedAt + 20_000));
  recordMilestones(late);
  late.status = 'dispatched';
  return { grids, units, incidents } satisfies Fixture;
}

const iso = (v: number | null) => (v === null ? null : new Date(v));

/** Writes the fixture with plain parameterised INSERTs (no service logic involved). */
export async function writeFixture(db: SqlRunner, fx: Fixture): Promise<void> {
  await writeGridsAndUnits(db, fx.grids, fx.units);
  await writeIncidents(db, fx.incidents);
}

/** The grids and units the incidents refer to (patrol cars, all available). */
export async function writeGridsAndUnits(
  db: SqlRunner,
  grids: readonly string[],
  units: readonly string[],
): Promise<void> {
  const square = {
    type: 'Polygon',
    coordinates: [
      [
        [120, 30],
        [120.1, 30],
        [120.1, 30.1],
        [120, 30],
      ],
    ],
  };
  for (const g of grids) {
    await db.query(`INSERT INTO grid (id, code, name, polygon, updated_at) VALUES ($1, $1, $1, $2, now())`, [
      g,
      JSON.stringify(square),
    ]);
  }
  for (const u of units) {
    await db.query(
      `INSERT INTO unit (id, call_sign, kind, status, updated_at) VALUES ($1, $1, 'patrol_car', 'available', now())`,
      [u],
    );
  }
}

/** Incident and assignment rows, the milestone columns as given (see {@link recordMilestones}). */
export async function writeIncidents(db: SqlRunner, incidents: readonly FxIncident[]): Promise<void> {
  const chunk = 100;
  for (let s = 0; s < incidents.length; s += chunk) {
    const rows = incidents.slice(s, s + chunk);
    const values: unknown[] = [];
    const tuples = rows.map((i) => {
      const base = values.length;
      values.push(
        i.id, i.number, i.type, i.priority, i.gridId, i.status, i.resolution, i.requiredUnits,
        iso(i.receivedAt), iso(i.firstDispatchedAt), iso(i.firstEnRouteAt), iso(i.firstOnSceneAt),
        iso(i.reinforcedAt), iso(i.resolvedAt), iso(i.closedAt),
      ); // prettier-ignore
      const p = (k: number) => `$${base + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}::"IncidentType", ${p(4)}, 120.05, 30.05, ${p(5)}, ${p(6)}::"IncidentStatus",
        ${p(7)}::"Resolution", ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}, ${p(14)}, ${p(15)}, now())`;
    });
    await db.query(
      `INSERT INTO incident (id, number, type, priority, lng, lat, grid_id, status, resolution, required_units,
        received_at, first_dispatched_at, first_en_route_at, first_on_scene_at, reinforced_at, resolved_at,
        closed_at, updated_at) VALUES ${tuples.join(',\n')}`,
      values,
    );
  }
  const assignments = incidents.flatMap((i) => i.assignments.map((a) => ({ ...a, incidentId: i.id })));
  for (let s = 0; s < assignments.length; s += chunk) {
    const rows = assignments.slice(s, s + chunk);
    const values: unknown[] = [];
    const tuples = rows.map((a) => {
      const base = values.length;
      values.push(
        a.id, a.incidentId, a.unitId, a.status, a.role ?? 'primary', iso(a.assignedAt), iso(a.enRouteAt),
        iso(a.onSceneAt), iso(a.clearedAt), iso(a.cancelledAt),
      ); // prettier-ignore
      const p = (k: number) => `$${base + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::"AssignmentStatus", ${p(5)}::"AssignmentRole", ${p(6)}, ${p(7)},
        ${p(8)}, ${p(9)}, ${p(10)})`;
    });
    await db.query(
      `INSERT INTO assignment (id, incident_id, unit_id, status, role, assigned_at, en_route_at, on_scene_at,
        cleared_at, cancelled_at) VALUES ${tuples.join(',\n')}`,
      values,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Independent computation (plain JS over the fixture objects).

export interface OracleFilters {
  gridId?: string;
  type?: string;
  priority?: number;
  shift?: ShiftDefinition;
  unitId?: string;
}

function localParts(at: number, timeZone: string) {
  const { hour, minute } = zonedParts(at, timeZone);
  return { day: zonedDay(at, timeZone), hour, minute };
}

const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

function selected(fx: Fixture, from: number, to: number, tz: string, f: OracleFilters): FxIncident[] {
  return fx.incidents.filter((i) => {
    if (i.receivedAt < from || i.receivedAt >= to) return false;
    if (f.gridId && i.gridId !== f.gridId) return false;
    if (f.type && i.type !== f.type) return false;
    if (f.priority !== undefined && i.priority !== f.priority) return false;
    if (f.unitId && !i.assignments.some((a) => a.unitId === f.unitId)) return false;
    if (f.shift) {
      const { hour, minute } = localParts(i.receivedAt, tz);
      const m = hour * 60 + minute;
      const s = hhmm(f.shift.start);
      const e = hhmm(f.shift.end);
      if (s < e ? !(m >= s && m < e) : !(m >= s || m < e)) return false;
    }
    return true;
  });
}

export const isCancelled = (i: FxIncident) => i.status === 'cancelled' || i.resolution === 'cancelled';
const span = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / 1000);

function clearTime(i: FxIncident): number | null {
  const active = i.assignments.some((a) => isAssignmentActive(a.status));
  const cleared = i.assignments.map((a) => a.clearedAt).filter((x): x is number => x !== null);
  if (i.assignments.length > 0 && !active && cleared.length > 0) return Math.max(...cleared);
  return i.resolvedAt;
}

export function segmentValues(i: FxIncident) {
  return {
    callToDispatch: span(i.receivedAt, i.firstDispatchedAt),
    dispatchToEnRoute: span(i.firstDispatchedAt, i.firstEnRouteAt),
    enRouteToOnScene: span(i.firstEnRouteAt, i.firstOnSceneAt),
    callToOnScene: span(i.receivedAt, i.firstOnSceneAt),
    onSceneToClear: i.firstOnSceneAt === null ? null : span(i.firstOnSceneAt, clearTime(i)),
  };
}

export function milestonesOf(i: FxIncident): IncidentMilestones {
  const { receivedAt, firstDispatchedAt, firstEnRouteAt, firstOnSceneAt, resolvedAt, closedAt } = i;
  return { receivedAt, firstDispatchedAt, firstEnRouteAt, firstOnSceneAt, resolvedAt, closedAt };
}

/** 'met' | 'missed' | null (not counted) per clock, as the live clocks judge them at `asOf`. */
function outcomes(i: FxIncident, t: ClockTargets, asOf: number) {
  const o = reviewClockOutcomes(
    {
      milestones: milestonesOf(i),
      requiredUnits: i.requiredUnits,
      assignments: i.assignments,
      cancelled: isCancelled(i),
    },
    asOf,
    t,
  );
  return { dispatch: o.dispatch, firstArrival: o.first_arrival, reinforcement: o.reinforcement };
}

const nonNull = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

function stats(values: number[]) {
  return {
    n: values.length,
    median: percentile(values, 0.5),
    p90: percentile(values, 0.9),
    mean: mean(values),
  };
}

function share(os: (string | null)[], targetSeconds: number) {
  const met = os.filter((o) => o === 'met').length;
  const missed = os.filter((o) => o === 'missed').length;
  return { targetSeconds, met, missed, share: met + missed > 0 ? met / (met + missed) : null };
}

function summary(list: FxIncident[], t: ClockTargets, asOf: number) {
  const seg = list.map(segmentValues);
  const out = list.map((i) => outcomes(i, t, asOf));
  return {
    counts: {
      incidents: list.length,
      cancelled: list.filter(isCancelled).length,
      neverDispatched: list.filter((i) => i.firstDispatchedAt === null).length,
      dispatched: list.filter((i) => i.firstDispatchedAt !== null).length,
      reachedScene: list.filter((i) => i.firstOnSceneAt !== null).length,
      multiUnit: list.filter((i) => i.requiredUnits > 1).length,
      resolvedOnScene: list.filter((i) => i.resolution === 'resolved_on_scene').length,
      transferredToCase: list.filter((i) => i.resolution === 'transferred_to_case').length,
      open: list.filter((i) => isIncidentOpen(i.status as IncidentStatus)).length,
    },
    segments: {
      callToDispatch: stats(nonNull(seg.map((s) => s.callToDispatch))),
      dispatchToEnRoute: stats(nonNull(seg.map((s) => s.dispatchToEnRoute))),
      enRouteToOnScene: stats(nonNull(seg.map((s) => s.enRouteToOnScene))),
      callToOnScene: stats(nonNull(seg.map((s) => s.callToOnScene))),
      onSceneToClear: stats(nonNull(seg.map((s) => s.onSceneToClear))),
    },
    shares: {
      dispatch: share(
        out.map((o) => o.dispatch),
        t.dispatchSeconds,
      ),
      firstArrival: share(
        out.map((o) => o.firstArrival),
        t.firstArrivalSeconds,
      ),
      reinforcement: share(
        out.map((o) => o.reinforcement),
        t.reinforcementSeconds,
      ),
    },
  };
}

function trend(list: FxIncident[], t: ClockTargets, asOf: number) {
  const s = summary(list, t, asOf);
  return {
    incidents: list.length,
    callToDispatchMedian: s.segments.callToDispatch.median,
    callToOnSceneMedian: s.segments.callToOnScene.median,
    callToOnSceneP90: s.segments.callToOnScene.p90,
    dispatchShare: s.shares.dispatch.share,
    firstArrivalShare: s.shares.firstArrival.share,
  };
}

function localDays(from: number, to: number, tz: string): string[] {
  const last = zonedDay(to - 1, tz);
  const days: string[] = [];
  for (let d = zonedDay(from, tz); d <= last; d = nextDay(d)) days.push(d);
  return days;
}

/** Every figure of the report, computed from the fixture objects alone. */
export function expectedReport(
  fx: Fixture,
  q: {
    from: number;
    to: number;
    tz: string;
    asOf: number;
    targets: ClockTargets;
    filters: OracleFilters;
    limit: number;
  },
) {
  const list = selected(fx, q.from, q.to, q.tz, q.filters);
  const prevFrom = q.from - (q.to - q.from);
  const prev = selected(fx, prevFrom, q.from, q.tz, q.filters);
  const types = [...new Set(list.map((i) => i.type))].sort();
  const resolutionByType = types.map((type) => {
    const of = list.filter((i) => i.type === type);
    const onScene = of.filter((i) => i.resolution === 'resolved_on_scene').length;
    const transferred = of.filter((i) => i.resolution === 'transferred_to_case').length;
    return {
      type,
      incidents: of.length,
      resolvedOnScene: onScene,
      transferredToCase: transferred,
      cancelled: of.filter(isCancelled).length,
      rate: onScene + transferred > 0 ? onScene / (onScene + transferred) : null,
    };
  });
  const byDay = localDays(q.from, q.to, q.tz).map((day) => ({
    day,
    ...trend(
      list.filter((i) => localParts(i.receivedAt, q.tz).day === day),
      q.targets,
      q.asOf,
    ),
  }));
  const byHour = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    ...trend(
      list.filter((i) => localParts(i.receivedAt, q.tz).hour === hour),
      q.targets,
      q.asOf,
    ),
  }));
  const slowest = list
    .filter((i) => i.firstOnSceneAt !== null)
    .map((i) => ({ i, s: segmentValues(i) }))
    .sort(
      (a, b) => (b.s.callToOnScene as number) - (a.s.callToOnScene as number) || (a.i.id < b.i.id ? -1 : 1),
    )
    .slice(0, q.limit)
    .map(({ i, s }) => ({
      id: i.id,
      number: i.number,
      type: i.type,
      priority: i.priority,
      gridId: i.gridId,
      status: i.status,
      receivedAt: new Date(i.receivedAt).toISOString(),
      callToDispatch: s.callToDispatch,
      callToOnScene: s.callToOnScene as number,
      onSceneToClear: s.onSceneToClear,
    }));
  return {
    current: summary(list, q.targets, q.asOf),
    previous: summary(prev, q.targets, q.asOf),
    resolutionByType,
    byDay,
    byHour,
    slowest,
  };
}
