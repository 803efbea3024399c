/**
 * `closest+standby+moveup`: `closest+standby`, and after each dispatch up to two idle units move
 * up at once (`recommendMoveUp`, `@dispatch/coverage`; none moved twice within 30 minutes).
 */
import { CoveragePolicy } from './coverage-policy.js';
import type { PolicyEntry } from './policy.js';

export const closestStandbyMoveUp: PolicyEntry = {
  name: 'closest+standby+moveup',
  description: 'closest+standby, and idle units move up after each dispatch (at most 2, 30-min rule)',
  create: () => new CoveragePolicy({ name: 'closest+standby+moveup', moveUp: true }),
};
