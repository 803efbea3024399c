/** Version-aware merging shared by the stores: an update older than what we hold is ignored. */
export interface Versioned {
  id: string;
  version: number;
}

/** True when `incoming` should replace `existing` (strictly newer version, or nothing held). */
export function isNewer(incoming: { version: number }, existing: { version: number } | undefined): boolean {
  return existing === undefined || incoming.version > existing.version;
}

/**
 * Replaces a record's entries from a snapshot: entries absent from the snapshot are dropped,
 * but an entry we hold at a newer version than the snapshot's (an event that overtook it) wins.
 * Entries in `keep` (ids an event brought while the snapshot was on its way) stay even when the
 * snapshot lacks them: its read may have begun before they were committed.
 */
export function mergeSnapshot<T extends Versioned>(
  current: Readonly<Record<string, T>>,
  snapshot: readonly T[],
  merge: (existing: T, incoming: T) => T = (existing, incoming) =>
    isNewer(incoming, existing) ? incoming : existing,
  keep: ReadonlySet<string> = new Set(),
): Record<string, T> {
  const next: Record<string, T> = {};
  for (const id of keep) {
    const held = current[id];
    if (held !== undefined) next[id] = held;
  }
  for (const item of snapshot) {
    const existing = current[item.id];
    next[item.id] = existing === undefined ? item : merge(existing, item);
  }
  return next;
}
