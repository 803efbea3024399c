import type { AssignmentDto, IncidentDto } from '@dispatch/contracts';
import { create } from 'zustand';
import { isNewer, mergeSnapshot } from '../lib/versioned.js';

export interface IncidentsState {
  byId: Record<string, IncidentDto>;
  /**
   * Replaces the open situation with a snapshot (newer events already held win; incidents in
   * `keep`, brought by events while the snapshot was on its way, stay though it lacks them).
   */
  applySnapshot: (incidents: readonly IncidentDto[], keep?: ReadonlySet<string>) => void;
  /** Merges incidents from an event or a REST answer; older versions are ignored. */
  upsertIncidents: (incidents: readonly IncidentDto[]) => void;
  upsertIncident: (incident: IncidentDto) => void;
  /** Merges one assignment into its incident (ignored until the incident is known). */
  upsertAssignment: (assignment: AssignmentDto) => void;
}

/** Union of two assignment lists, each assignment at its highest version, in assignment order. */
export function mergeAssignments(
  existing: readonly AssignmentDto[],
  incoming: readonly AssignmentDto[],
): readonly AssignmentDto[] {
  let changed = false;
  const byId = new Map(existing.map((a) => [a.id, a]));
  for (const a of incoming) {
    if (isNewer(a, byId.get(a.id))) {
      byId.set(a.id, a);
      changed = true;
    }
  }
  if (!changed) return existing;
  return [...byId.values()].sort(
    (a, b) => a.assignedAt.localeCompare(b.assignedAt) || a.id.localeCompare(b.id),
  );
}

/** Merges an incoming incident with the one held: newest fields, union of assignments. */
export function mergeIncident(existing: IncidentDto, incoming: IncidentDto): IncidentDto {
  const base = isNewer(incoming, existing) ? incoming : existing;
  const assignments = mergeAssignments(existing.assignments, incoming.assignments);
  if (base === existing && assignments === existing.assignments) return existing;
  return { ...base, assignments: assignments as AssignmentDto[] };
}

export const useIncidentsStore = create<IncidentsState>()((set, get) => ({
  byId: {},
  applySnapshot: (incidents, keep) =>
    set({ byId: mergeSnapshot(get().byId, incidents, mergeIncident, keep) }),
  upsertIncidents: (incidents) => {
    const current = get().byId;
    let next: Record<string, IncidentDto> | null = null;
    for (const incoming of incidents) {
      const held = (next ?? current)[incoming.id];
      const merged = held === undefined ? incoming : mergeIncident(held, incoming);
      if (merged === held) continue;
      next ??= { ...current };
      next[incoming.id] = merged;
    }
    if (next) set({ byId: next });
  },
  upsertIncident: (incident) => get().upsertIncidents([incident]),
  upsertAssignment: (assignment) => {
    const incident = get().byId[assignment.incidentId];
    if (!incident) return;
    const assignments = mergeAssignments(incident.assignments, [assignment]);
    if (assignments === incident.assignments) return;
    set({
      byId: { ...get().byId, [incident.id]: { ...incident, assignments: assignments as AssignmentDto[] } },
    });
  },
}));
