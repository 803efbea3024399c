/** Every dispatch policy the simulator knows: add a policy's file here, one line. */
import { closest } from './closest.js';
import { closestStandbyMoveUp } from './closest-standby-moveup.js';
import { closestStandby } from './closest-standby.js';
import type { DispatchPolicy, PolicyEntry } from './policy.js';
import { straight } from './straight.js';

export type { DispatchPolicy, PolicyContext, PolicyEntry, PolicyRun, Relocation } from './policy.js';

export const POLICIES: readonly PolicyEntry[] = [closest, straight, closestStandby, closestStandbyMoveUp];

/** The entry called `name` (or one of its aliases); throws with the known names otherwise. */
export function policyEntry(name: string): PolicyEntry {
  const entry = POLICIES.find((p) => p.name === name || p.aliases?.includes(name));
  if (!entry) throw new Error(`unknown policy ${name} (known: ${POLICIES.map((p) => p.name).join(', ')})`);
  return entry;
}

/** A fresh policy called `name` (or an alias), for one run. */
export function policyNamed(name: string): DispatchPolicy {
  return policyEntry(name).create();
}
