/**
 * `straight`: the comparison policy of a console without a road network: the same plan and
 * rules, units ranked by straight-line distance from `GET /units` positions.
 */
import { activeUnitIds } from '@dispatch/domain';
import type { DispatchPolicy, PolicyEntry } from './policy.js';
import { straightLineChoice } from './straight-line-choice.js';

const straightPolicy: DispatchPolicy = {
  name: 'straight',
  async chooseUnits(incident, ctx) {
    const [units, postRangeMeters] = await Promise.all([ctx.console.units(), ctx.postRanges()]);
    return straightLineChoice(
      {
        type: incident.type,
        priority: incident.priority as 1 | 2 | 3 | 4,
        lngLat: incident.lngLat,
        gridId: incident.gridId,
      },
      units,
      { postRangeMeters, alreadyAssignedUnitIds: activeUnitIds(incident.assignments) },
    );
  },
};

export const straight: PolicyEntry = {
  name: 'straight',
  description: 'same plan and rules, units ranked by straight-line distance (no road network)',
  create: () => straightPolicy,
};
