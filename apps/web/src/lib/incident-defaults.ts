import type { IncidentType } from '@dispatch/domain';

/**
 * Priority offered when the call taker picks a type; a starting point the dispatcher can change
 * (violence against people and fire first, nuisances last).
 */
export const DEFAULT_PRIORITY_BY_TYPE: Readonly<Record<IncidentType, 1 | 2 | 3 | 4>> = {
  knife_attack: 1,
  robbery: 1,
  fire_medical: 1,
  fight: 2,
  traffic_accident: 2,
  help_request: 2,
  missing_person: 2,
  theft: 3,
  dispute: 3,
  suspicious: 3,
  other: 3,
  noise: 4,
};
