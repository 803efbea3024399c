/** Loading and locking incidents, units and assignments inside a transaction. */
import { domainError, DomainErrorException } from '@dispatch/domain';
import type { Tx } from './context.js';
import { incidentInclude, type IncidentWithAssignments } from './dto.js';

/** Locks the incident row for the rest of the transaction (serialises changes per incident). */
export async function lockIncident(tx: Tx, id: string): Promise<IncidentWithAssignments> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM incident WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0)
    throw new DomainErrorException(domainError('NOT_FOUND', 'Incident not found', { incidentId: id }));
  return tx.incident.findUniqueOrThrow({ where: { id }, include: incidentInclude });
}

export async function loadIncident(tx: Tx, id: string): Promise<IncidentWithAssignments> {
  const incident = await tx.incident.findUnique({ where: { id }, include: incidentInclude });
  if (!incident)
    throw new DomainErrorException(domainError('NOT_FOUND', 'Incident not found', { incidentId: id }));
  return incident;
}
