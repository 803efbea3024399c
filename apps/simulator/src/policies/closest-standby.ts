/**
 * `closest+standby`: dispatch as `closest`; free cars and motorcycles wait at the standby points
 * `standbyPoints` (MEXCLP greedy, `@dispatch/coverage`) gives for the hour's demand, learnt from a
 * seeded history of earlier weeks (see coverage-policy.ts).
 */
import { CoveragePolicy } from './coverage-policy.js';
import type { PolicyEntry } from './policy.js';

export const closestStandby: PolicyEntry = {
  name: 'closest+standby',
  description: "closest; free cars wait at standby points (MEXCLP on the hour's demand from earlier weeks)",
  create: () => new CoveragePolicy({ name: 'closest+standby', moveUp: false }),
};
