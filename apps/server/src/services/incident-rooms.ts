/** Which Socket.IO rooms hear about an incident. */
import { ROOMS } from '@dispatch/contracts';
import type { IncidentWithAssignments } from './dto.js';

/** Rooms that hear about an incident: the wall and every unit ever assigned. */
export function incidentRooms(incident: IncidentWithAssignments): string[] {
  const rooms: string[] = [ROOMS.wall];
  for (const a of incident.assignments) rooms.push(ROOMS.unit(a.unitId));
  return [...new Set(rooms)];
}
