/**
 * How the demo city is seeded: the ids of its records, the order unit logins are numbered in
 * (`unit001` crews the first available patrol car) and each post's reach. The server's demo seed
 * and the simulator's in-process console both read them here, so `unit042` is the same crew with
 * the same id in both.
 */
import type { PostKind, UnitKind } from '@dispatch/domain';
import { xmur3 } from './prng.js';
import type { UnitSpec } from './types.js';

const KIND_ORDER: Record<UnitKind, number> = {
  patrol_car: 0,
  motorcycle: 1,
  foot_patrol: 2,
  post: 3,
  drone: 4,
  partner: 5,
};

/** The units in login order: available first, then by kind, then by call sign. */
export function unitsInLoginOrder<U extends Pick<UnitSpec, 'status' | 'kind' | 'callSign'>>(
  units: readonly U[],
): U[] {
  return [...units].sort(
    (a, b) =>
      Number(a.status !== 'available') - Number(b.status !== 'available') ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.callSign.localeCompare(b.callSign, 'zh-CN'),
  );
}

/** Login of the unit at `index` of {@link unitsInLoginOrder}: `unit001`, `unit002`, ... */
export function unitUsername(index: number): string {
  return `unit${String(index + 1).padStart(3, '0')}`;
}

/** Reach of a post: drones fly a few kilometres; a street post answers on foot nearby. */
export function postRangeMeters(kind: PostKind): number {
  return kind === 'drone_nest' ? 5000 : 800;
}

/**
 * Id of a seeded demo record: a UUID-shaped hash (RFC 9562 version 8) of the city seed, the kind
 * of record and its code. Every fresh demo database, and the simulator's in-process console, give
 * a unit the same id: dispatch breaks exact ETA ties by id (two drones of one nest), so random
 * ids made two fresh demo cities rank differently.
 */
export function demoRecordId(seed: number, kind: 'unit' | 'grid' | 'post', code: string): string {
  const next = xmur3(`demo:${seed}:${kind}:${code}`);
  const hex = Array.from({ length: 4 }, () => next().toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
