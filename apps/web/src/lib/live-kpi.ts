import type { IncidentDto, UnitDto } from '@dispatch/contracts';
import { isIncidentOpen, isUnitBusy, isUnitDispatchable, type ClockTargets } from '@dispatch/domain';
import { isBreached } from './incident-clocks.js';
import { isOnBoard } from './incident-queue.js';

export interface LiveKpi {
  openIncidents: number;
  breaches: number;
  unitsFree: number;
  unitsBusy: number;
}

/** The counts the wall can compute live from the stores (the rest comes from /api/kpi/today). */
export function liveKpi(
  incidents: Iterable<IncidentDto>,
  units: Iterable<UnitDto>,
  now: number,
  targets: ClockTargets,
): LiveKpi {
  let openIncidents = 0;
  let breaches = 0;
  for (const incident of incidents) {
    if (!isOnBoard(incident)) continue;
    // "Open" as the server's KPI counts it: a resolved incident awaiting close is on the board, not open.
    if (isIncidentOpen(incident.status)) openIncidents += 1;
    if (isBreached(incident, now, targets)) breaches += 1;
  }
  let unitsFree = 0;
  let unitsBusy = 0;
  for (const unit of units) {
    if (isUnitDispatchable(unit.status)) unitsFree += 1;
    else if (isUnitBusy(unit.status)) unitsBusy += 1;
  }
  return { openIncidents, breaches, unitsFree, unitsBusy };
}
