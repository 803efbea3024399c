/**
 * `--fleet X`: only a share of the crews on duty, the same units on both engines for a seed. Crews
 * are picked by login index (unit001 is 0; the local engine logs in the demo units in the same
 * order), by a seeded shuffle, so every seed has its own thinner fleet and every policy of a
 * seed the same one.
 */
import { createRng } from './prng.js';

/** The login indices in [0, count) kept on duty: round(share x count) of them, by `seed`. */
export function fleetOnDuty(count: number, share: number, seed: number): Set<number> {
  if (!(share > 0 && share <= 1)) throw new RangeError('fleet share must be in (0, 1]');
  const order = Array.from({ length: count }, (_, i) => i);
  if (share === 1) return new Set(order);
  const rng = createRng(seed).fork('fleet');
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Set(order.slice(0, Math.round(share * count)));
}
