/** Response clocks of an incident DTO, evaluated by the domain's one definition of the 1-3-5 rule. */
import type { IncidentDto } from '@dispatch/contracts';
import {
  CLOCK_NAMES,
  evaluateResponseClocks,
  type ClockIncident,
  type ClockTargets,
  type ClockWarning,
  type ResponseClocks,
} from '@dispatch/domain';

const parse = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** Maps the DTO's ISO milestones to the domain's epoch-ms shape. */
export function toClockIncident(incident: IncidentDto): ClockIncident {
  return {
    milestones: {
      receivedAt: Date.parse(incident.receivedAt),
      firstDispatchedAt: parse(incident.firstDispatchedAt),
      firstEnRouteAt: parse(incident.firstEnRouteAt),
      firstOnSceneAt: parse(incident.firstOnSceneAt),
      resolvedAt: parse(incident.resolvedAt),
      // A cancelled incident stops its clocks too.
      closedAt: parse(incident.closedAt),
    },
    requiredUnits: incident.requiredUnits,
    // Which of them count (not checkpoints; each unit once) is the domain's rule: clockArrivals.
    assignments: incident.assignments.map((a) => ({
      unitId: a.unitId,
      role: a.role,
      onSceneAt: parse(a.onSceneAt),
    })),
  };
}

/** The three clocks of `incident` at `now` (epoch ms). */
export function incidentClocks(incident: IncidentDto, now: number, targets: ClockTargets): ResponseClocks {
  return evaluateResponseClocks(toClockIncident(incident), now, targets);
}

/** Worst warning among the clocks: red beats amber beats ok. */
export function worstWarning(clocks: ResponseClocks): ClockWarning {
  let worst: ClockWarning = 'ok';
  for (const name of CLOCK_NAMES) {
    const w = clocks[name].warning;
    if (w === 'red') return 'red';
    if (w === 'amber') worst = 'amber';
  }
  return worst;
}

/** True when any clock of the incident is breached at `now`. */
export function isBreached(incident: IncidentDto, now: number, targets: ClockTargets): boolean {
  return worstWarning(incidentClocks(incident, now, targets)) === 'red';
}
