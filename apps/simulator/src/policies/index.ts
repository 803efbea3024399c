/** Every dispatch policy the simulator knows: add a policy's file here, one line. */
import type { DispatchPolicy } from './policy.js';
import { roadPolicy } from './road.js';
import { straightPolicy } from './straight.js';

export type { DispatchPolicy, PolicyContext } from './policy.js';

export const POLICIES: readonly DispatchPolicy[] = [roadPolicy, straightPolicy];

/** The policy called `name`; throws with the known names otherwise. */
export function policyNamed(name: string): DispatchPolicy {
  const policy = POLICIES.find((p) => p.name === name);
  if (!policy) throw new Error(`unknown policy ${name} (known: ${POLICIES.map((p) => p.name).join(', ')})`);
  return policy;
}
