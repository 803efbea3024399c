/**
 * The claim of units for a dispatch, as two CTEs (`locked`, `claimed`) shared by every dispatch
 * path: DispatchService.claimUnits and the one-statement call intake. Rows are locked in id order
 * (ORDER BY under the locking clause), so two dispatches naming the same units in a different
 * order queue behind each other instead of deadlocking. NO KEY UPDATE, the strength of the UPDATE
 * that follows: FOR UPDATE would also block the foreign-key checks of every position sample
 * inserted for the unit meanwhile (a deadlock found by bench:push). Only units in a dispatchable
 * status are claimed; `claimed` returns each unit as claimed (for its event, camelCase like the
 * Prisma model) and the status its lock found (for the audit), as "statusBefore".
 */
import { DISPATCHABLE_UNIT_STATUSES } from '@dispatch/domain';
import { Prisma, type Unit } from '../generated/prisma/client.js';
import { toUnitDto } from './dto.js';
import type { Outbox } from './event-bus.js';
import { unitRooms } from './unit-service.js';

/** A unit a claim took, as it is now, with the status its lock found. */
export type ClaimedUnit = Unit & { statusBefore: string };

/** `unitIds`: an SQL set of unit ids, e.g. `SELECT unit_id FROM planned`. */
export function claimCtes(unitIds: Prisma.Sql, at: Date): Prisma.Sql {
  return Prisma.sql`
    locked AS (
      SELECT id, status FROM unit WHERE id IN (${unitIds}) ORDER BY id FOR NO KEY UPDATE),
    claimed AS (
      UPDATE unit u SET status = 'assigned', version = u.version + 1, updated_at = ${at}
      FROM locked
      WHERE u.id = locked.id AND locked.status::text = ANY(${[...DISPATCHABLE_UNIT_STATUSES]}::text[])
      RETURNING u.id, u.call_sign AS "callSign", u.kind::text AS kind, u.status::text AS status,
        u.home_grid_id AS "homeGridId", u.current_grid_id AS "currentGridId", u.post_id AS "postId",
        u.capabilities, u.last_lng AS "lastLng", u.last_lat AS "lastLat",
        u.last_heading_deg AS "lastHeadingDeg", u.last_speed_mps AS "lastSpeedMps",
        u.last_position_at AS "lastPositionAt", u.version, u.created_at AS "createdAt",
        u.updated_at AS "updatedAt", locked.status::text AS "statusBefore")`;
}

/** Queues `unit:updated` for a unit a claim took, now on `assignment` (built from the claim's row). */
export function announceClaimedUnit(
  outbox: Outbox,
  { statusBefore: _before, ...unit }: ClaimedUnit,
  assignment: { id: string; incidentId: string },
): void {
  outbox.add(
    'unit:updated',
    toUnitDto({ ...unit, assignments: [{ id: assignment.id, incidentId: assignment.incidentId }] }),
    unitRooms(unit),
  );
}
