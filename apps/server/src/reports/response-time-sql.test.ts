/**
 * The review's SQL restates the 1-3-5 rule for speed (`clockOutcome` and the o_* columns of the
 * base CTE). This property holds it to the domain's one definition, `reviewClockOutcomes`, on
 * random incidents stored as the server stores them, on the real database engine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_ROLES,
  reviewClockOutcomes,
  type ClockOutcome,
  type ClockTargets,
} from '@dispatch/domain';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import {
  fxAssignment,
  fxIncident,
  isCancelled,
  milestonesOf,
  recordMilestones,
  writeGridsAndUnits,
  writeIncidents,
  type FxAssignment,
  type FxIncident,
} from './report-fixtures.js';
import { buildOutcomeQuery } from './response-time-sql.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const INCIDENTS = 20;
/** Units per incident: few, so units repeat within an incident (one distinct arrival each). */
const UNITS = 3;
const unitId = (incident: number, unit: number) => `u${incident}-${unit}`;
const AS_OF_MIN = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

const targetsArb = fc.record({
  dispatchSeconds: fc.integer({ min: 1, max: 600 }),
  firstArrivalSeconds: fc.integer({ min: 1, max: 900 }),
  reinforcementSeconds: fc.integer({ min: 1, max: 1200 }),
});

/** Milliseconds after an instant: anywhere in 25 minutes, or a millisecond either side of a deadline. */
const offsetArb = (t: ClockTargets) =>
  fc.oneof(
    fc.integer({ min: 0, max: 1_500_000 }),
    fc
      .constantFrom(t.dispatchSeconds, t.firstArrivalSeconds, t.reinforcementSeconds)
      .chain((s) => fc.constantFrom(s * 1000 - 1, s * 1000, s * 1000 + 1)),
  );

const assignmentArb = (t: ClockTargets) =>
  fc.record({
    unit: fc.integer({ min: 0, max: UNITS - 1 }),
    role: fc.constantFrom(...ASSIGNMENT_ROLES),
    assigned: offsetArb(t),
    enRoute: fc.boolean(),
    arrival: fc.option(offsetArb(t), { freq: 3 }),
    ending: fc.constantFrom('active', 'cleared', 'cancelled'),
  });

const endArb = (t: ClockTargets) =>
  fc.oneof(
    fc.record({ kind: fc.constant('open' as const) }),
    fc.record({
      kind: fc.constant('resolved' as const),
      resolvedAt: offsetArb(t),
      resolution: fc.constantFrom('resolved_on_scene', 'transferred_to_case', 'cancelled'),
    }),
    fc.record({
      kind: fc.constant('closed' as const),
      resolvedAt: fc.option(offsetArb(t)),
      closedAt: offsetArb(t),
    }),
    fc.record({
      kind: fc.constant('cancelled' as const),
      closedAt: offsetArb(t),
      byResolution: fc.boolean(),
    }),
  );

const incidentArb = (t: ClockTargets) =>
  fc.record({
    // Received before asOf (a deadline may fall exactly on it), or just after it.
    receivedBeforeAsOf: fc.oneof(
      { weight: 4, arbitrary: offsetArb(t) },
      fc.integer({ min: -300_000, max: 0 }),
    ),
    requiredUnits: fc.integer({ min: 1, max: 4 }),
    assignments: fc.array(assignmentArb(t), { maxLength: 5 }),
    end: endArb(t),
  });

type IncidentSpec = ReturnType<typeof incidentArb> extends fc.Arbitrary<infer S> ? S : never;

const runArb = targetsArb.chain((targets) =>
  fc.record({
    targets: fc.constant(targets),
    asOf: fc.integer({ min: AS_OF_MIN, max: AS_OF_MIN + 24 * HOUR }),
    incidents: fc.array(incidentArb(targets), { minLength: INCIDENTS, maxLength: INCIDENTS }),
  }),
);

/** The incident and assignment rows the server would hold for `spec`. */
function toIncident(index: number, spec: IncidentSpec, asOf: number): FxIncident {
  const receivedAt = asOf - spec.receivedBeforeAsOf;
  const id = `p${String(index).padStart(2, '0')}`;
  const active = new Set<string>();
  const assignments = spec.assignments.map((a, k): FxAssignment => {
    const assignedAt = receivedAt + a.assigned;
    const onSceneAt = a.arrival === null ? null : receivedAt + Math.max(a.arrival, a.assigned);
    const enRouteAt = a.enRoute ? Math.floor((assignedAt + (onSceneAt ?? assignedAt + 60_000)) / 2) : null;
    const unit = unitId(index, a.unit);
    // One active assignment per unit (a database constraint): a repeat is an ended one.
    const ending = a.ending === 'active' && active.has(unit) ? 'cancelled' : a.ending;
    if (ending === 'active') active.add(unit);
    const lastAt = onSceneAt ?? enRouteAt ?? assignedAt;
    return fxAssignment(`${id}-a${k}`, unit, assignedAt, {
      role: a.role,
      status:
        ending === 'active'
          ? onSceneAt !== null
            ? 'on_scene'
            : enRouteAt !== null
              ? 'en_route'
              : 'assigned'
          : ending === 'cleared' && onSceneAt !== null
            ? 'cleared'
            : 'cancelled',
      enRouteAt,
      onSceneAt,
      clearedAt: ending === 'cleared' && onSceneAt !== null ? lastAt + 60_000 : null,
      cancelledAt: ending === 'cancelled' || (ending === 'cleared' && onSceneAt === null) ? lastAt + 1 : null,
    });
  });
  const inc = fxIncident(id, receivedAt, { requiredUnits: spec.requiredUnits, assignments });
  recordMilestones(inc);
  const end = spec.end;
  switch (end.kind) {
    case 'open':
      inc.status =
        inc.firstOnSceneAt !== null ? 'on_scene' : inc.firstDispatchedAt !== null ? 'dispatched' : 'received';
      break;
    case 'resolved':
      inc.status = 'resolved';
      inc.resolution = end.resolution;
      inc.resolvedAt = receivedAt + end.resolvedAt;
      break;
    case 'closed':
      inc.status = 'closed';
      inc.resolution = 'resolved_on_scene';
      inc.resolvedAt = end.resolvedAt === null ? null : receivedAt + Math.min(end.resolvedAt, end.closedAt);
      inc.closedAt = receivedAt + end.closedAt;
      break;
    case 'cancelled':
      inc.status = 'cancelled';
      inc.resolution = end.byResolution ? 'cancelled' : null;
      inc.closedAt = receivedAt + end.closedAt;
      break;
  }
  return inc;
}

const outcomeOf = (value: boolean | null): ClockOutcome => (value === null ? null : value ? 'met' : 'missed');

describe(`response-time SQL clock outcomes (${engine})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const units = Array.from({ length: INCIDENTS * UNITS }, (_, k) =>
      unitId(Math.floor(k / UNITS), k % UNITS),
    );
    await writeGridsAndUnits(db.runner, [], units);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("equal the domain's reviewClockOutcomes on random incidents", async () => {
    // What the runs covered: every outcome of every clock, and instants exactly at a deadline.
    const seen = new Map<string, number>();
    const tally = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(runArb, async (run) => {
        const incidents = run.incidents.map((spec, k) => toIncident(k, spec, run.asOf));
        await db.runner.exec('DELETE FROM assignment; DELETE FROM incident');
        await writeIncidents(db.runner, incidents);
        const { sql, values } = buildOutcomeQuery({
          from: new Date(run.asOf - 2 * HOUR),
          to: new Date(run.asOf + 2 * HOUR),
          timeZone: 'Asia/Shanghai',
          asOf: new Date(run.asOf),
          targets: run.targets,
          filters: {},
        });
        const rows = await db.runner.query<{
          id: string;
          o_dispatch: boolean | null;
          o_first_arrival: boolean | null;
          o_reinforcement: boolean | null;
        }>(sql, values);
        const actual = Object.fromEntries(
          rows.map((r) => [
            r.id,
            {
              dispatch: outcomeOf(r.o_dispatch),
              first_arrival: outcomeOf(r.o_first_arrival),
              reinforcement: outcomeOf(r.o_reinforcement),
            },
          ]),
        );
        const expected = Object.fromEntries(
          incidents.map((i) => [
            i.id,
            reviewClockOutcomes(
              {
                milestones: milestonesOf(i),
                requiredUnits: i.requiredUnits,
                assignments: i.assignments,
                cancelled: isCancelled(i),
              },
              run.asOf,
              run.targets,
            ),
          ]),
        );
        expect(actual).toEqual(expected);
        for (const i of incidents) {
          for (const [clock, outcome] of Object.entries(expected[i.id]!)) tally(`${clock}:${outcome}`);
          const deadlines = [run.targets.dispatchSeconds, run.targets.firstArrivalSeconds].map(
            (s) => i.receivedAt + s * 1000,
          );
          const instants = [i.firstDispatchedAt, i.firstOnSceneAt, i.resolvedAt, i.closedAt, run.asOf];
          if (instants.some((t) => t !== null && deadlines.includes(t))) tally('at deadline');
          if (
            i.requiredUnits > 1 &&
            i.reinforcedAt === i.receivedAt + run.targets.reinforcementSeconds * 1000
          )
            tally('reinforced at deadline');
        }
      }),
      { numRuns: 40 },
    );
    for (const clock of ['dispatch', 'first_arrival', 'reinforcement'])
      for (const outcome of ['met', 'missed', 'null'])
        expect(seen.get(`${clock}:${outcome}`), `${clock}:${outcome}`).toBeGreaterThan(0);
    expect(seen.get('at deadline')).toBeGreaterThan(20);
    expect(seen.get('reinforced at deadline')).toBeGreaterThan(0);
  });
});
