/** `road` (the console's own "closest"): send the server's recommendation, ranked by road ETA. */
import type { DispatchPolicy } from './policy.js';

export const roadPolicy: DispatchPolicy = {
  name: 'road',
  description: "the console's recommendations: first tier of the plan, ranked by road travel time",
  async chooseUnits(incident, ctx) {
    const rec = await ctx.console.recommendations(incident.id);
    return rec.candidates.filter((c) => c.tier === 1).map((c) => c.unitId);
  },
};
