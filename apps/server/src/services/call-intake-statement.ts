/**
 * Taking an urgent call and auto-dispatching it in ONE SQL statement: number the call, claim the
 * planned units that are still free, insert the incident (already dispatched if any unit was
 * claimed), their assignments and every audit entry. One statement is one transaction, and one
 * round trip instead of eight: under position load each round trip waits behind the event loop
 * and the database's other work, and they made most of the time from call to the unit's screen.
 *
 * Everything the domain decides (the plan, the status after a dispatch, the audit contents) is
 * decided in TypeScript beforehand; the statement only chooses between "some units claimed" and
 * "none" and fills in what only the database knows (the number, which units were still free).
 */
import { INCIDENT_NUMBER_PREFIX } from '@dispatch/domain';
import { Prisma, type Incident, type PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from './context.js';
import type { PlannedUnit } from './recommender.js';
import { claimCtes, type ClaimedUnit } from './unit-claim-sql.js';

export interface CallIntakeInput {
  /** The incident as taken (status received, no number yet: the statement assigns it). */
  incident: Omit<Incident, 'number'>;
  /** Centre-local calendar day of the call (YYYYMMDD): the incident number's sequence. */
  day: string;
  /** Planned units with the ids their assignments will get. */
  planned: readonly (PlannedUnit & { assignmentId: string })[];
  /** The incident's status and first-dispatch time if at least one unit is claimed. */
  ifDispatched: { status: Incident['status']; firstDispatchedAt: Date | null };
  /** Audit `after` of the creation (the call as taken), without its number. */
  createdAudit: unknown;
  actor: Actor;
  autoActor: Actor;
  at: Date;
}

export interface CallIntakeResult {
  number: string;
  claimed: ClaimedUnit[];
}

const json = (value: unknown) => JSON.stringify(value ?? null);

export async function takeCallAndDispatch(
  prisma: PrismaClient,
  input: CallIntakeInput,
): Promise<CallIntakeResult> {
  const { incident: i, planned, actor, autoActor, at } = input;
  const rows = await prisma.$queryRaw<(ClaimedUnit & { number: string; id: string | null })[]>`
    WITH seq AS (
      INSERT INTO incident_sequence (day, last) VALUES (${input.day}, 1)
      ON CONFLICT (day) DO UPDATE SET last = incident_sequence.last + 1
      RETURNING last),
    planned AS (
      SELECT * FROM unnest(
        ${planned.map((p) => p.unitId)}::text[], ${planned.map((p) => p.assignmentId)}::text[],
        ${planned.map((p) => p.role)}::text[], ${planned.map((p) => p.tier)}::int[],
        ${planned.map((p) => (p.etaSeconds === null ? null : Math.round(p.etaSeconds)))}::int[],
        ${planned.map((p) => (p.distanceMeters === null ? null : Math.round(p.distanceMeters)))}::int[],
        ${planned.map((p) => p.method)}::text[],
        ${planned.map((p) => json({ ...p, assignmentId: undefined, incidentId: i.id }))}::text[]::jsonb[])
        WITH ORDINALITY AS p(unit_id, assignment_id, role, tier, eta_seconds, distance_meters, eta_method, audit_after, ord)),
    ${claimCtes(Prisma.sql`SELECT unit_id FROM planned`, at)},
    sent AS (
      SELECT p.* FROM planned p WHERE p.unit_id IN (SELECT id FROM claimed)),
    inc AS (
      INSERT INTO incident (id, number, type, priority, source, lng, lat, address, description,
        caller_name, caller_phone, grid_id, status, required_units, received_at, first_dispatched_at,
        created_by_id, version, updated_at)
      SELECT ${i.id},
        -- formatIncidentNumber: four digits at least, never cut.
        ${`${INCIDENT_NUMBER_PREFIX}-${input.day}-`} ||
          CASE WHEN seq.last < 10000 THEN lpad(seq.last::text, 4, '0') ELSE seq.last::text END,
        ${i.type}::"IncidentType", ${i.priority}, ${i.source}::"IncidentSource", ${i.lng}, ${i.lat},
        ${i.address}, ${i.description}, ${i.callerName}, ${i.callerPhone}, ${i.gridId},
        (CASE WHEN EXISTS (SELECT 1 FROM sent) THEN ${input.ifDispatched.status} ELSE ${i.status} END)::"IncidentStatus",
        ${i.requiredUnits}, ${i.receivedAt},
        CASE WHEN EXISTS (SELECT 1 FROM sent) THEN ${input.ifDispatched.firstDispatchedAt}::timestamptz END,
        ${i.createdById}, ${i.version}, ${at}
      FROM seq
      RETURNING id, number, status::text AS status),
    assignments AS (
      INSERT INTO assignment (id, incident_id, unit_id, role, tier, status, eta_seconds,
        distance_meters, eta_method, assigned_by_id, assigned_at, version)
      SELECT s.assignment_id, inc.id, s.unit_id, s.role::"AssignmentRole", s.tier, 'assigned',
        s.eta_seconds, s.distance_meters, s.eta_method, ${autoActor.id}, ${at}, 0
      FROM sent s CROSS JOIN inc
      RETURNING id),
    audit AS (
      INSERT INTO audit_event (at, actor_id, actor_name, action, entity_type, entity_id, before, after)
      SELECT ${at}, entry.actor_id, entry.actor_name, entry.action, entry.entity_type, entry.entity_id,
        entry.before, entry.after
      FROM (
        SELECT 0 AS ord, ${actor.id} AS actor_id, ${actor.name} AS actor_name, 'incident.create' AS action,
          'incident' AS entity_type, inc.id AS entity_id, NULL::jsonb AS before,
          jsonb_set(${json(input.createdAudit)}::jsonb, '{number}', to_jsonb(inc.number)) AS after
        FROM inc
        UNION ALL
        SELECT 1 + 2 * s.ord, ${autoActor.id}, ${autoActor.name}, 'assignment.create', 'assignment',
          s.assignment_id, NULL, s.audit_after
        FROM sent s
        UNION ALL
        SELECT 2 + 2 * s.ord, ${autoActor.id}, ${autoActor.name}, 'unit.status', 'unit', c.id,
          jsonb_build_object('status', c."statusBefore"), '{"status":"assigned"}'::jsonb
        FROM sent s JOIN claimed c ON c.id = s.unit_id
        UNION ALL
        SELECT 1000000, ${autoActor.id}, ${autoActor.name}, 'incident.dispatch', 'incident', inc.id,
          jsonb_build_object('status', ${i.status}::text),
          jsonb_build_object('status', inc.status, 'mode', 'plan',
            'assignmentIds', (SELECT jsonb_agg(s.assignment_id ORDER BY s.ord) FROM sent s))
        FROM inc WHERE EXISTS (SELECT 1 FROM sent)
      ) entry
      ORDER BY entry.ord)
    SELECT inc.number, c.* FROM inc LEFT JOIN claimed c ON TRUE`;
  const number = rows[0]?.number;
  if (number === undefined) throw new Error('call intake statement returned no incident');
  return {
    number,
    claimed: rows.filter((r) => r.id !== null).map(({ number: _number, ...unit }) => unit as ClaimedUnit),
  };
}
