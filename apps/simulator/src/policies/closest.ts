/**
 * `closest` (the console's own recommendation, formerly `road`): send the server's
 * recommendation, ranked by road ETA. Free units patrol their grid.
 */
import type { DispatchPolicy, PolicyEntry } from './policy.js';

/** The first tier of the console's recommendation for `incident`. */
export const chooseClosest: DispatchPolicy['chooseUnits'] = async (incident, ctx) => {
  const rec = await ctx.console.recommendations(incident.id);
  return rec.candidates.filter((c) => c.tier === 1).map((c) => c.unitId);
};

const closestPolicy: DispatchPolicy = { name: 'closest', chooseUnits: chooseClosest };

export const closest: PolicyEntry = {
  name: 'closest',
  aliases: ['road'],
  description: "the console's recommendations (road ETA, first tier of the plan); free units patrol",
  create: () => closestPolicy,
};
