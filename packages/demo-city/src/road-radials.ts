/**
 * Radial roads (大道) from the inner ring to the city edge: primary inside the outer ring, trunk
 * with a national/provincial road number outside it. Angles keep at least ~18° off the lattice
 * axes so they never run nearly parallel to a lattice street.
 */
import { ringOffset } from './frame.js';
import type { XY } from './geometry.js';
import { NamePool, RADIAL_NAMES, TRUNK_REFS } from './names.js';
import type { Rng } from './prng.js';
import { roadTags, type Clipper, type LineDraft } from './road-lines.js';

/** 6-8 radial drafts; the southbound/northbound steep ones may carry bridges. */
export function buildRadials(rng: Rng, c: Clipper, used: Set<string>): LineDraft[] {
  const { frame } = c;
  const names = new NamePool(rng.fork('names'), RADIAL_NAMES, used);
  const refs = rng.shuffle(TRUNK_REFS);
  const count = rng.int(6, 8);
  const doubled = new Set(rng.shuffle([0, 1, 2, 3]).slice(0, count - 4));
  const angles: number[] = [];
  for (let q = 0; q < 4; q++) {
    const base = (q * Math.PI) / 2;
    const deg = doubled.has(q) ? [rng.range(22, 30), rng.range(60, 68)] : [rng.range(35, 55)];
    for (const d of deg) angles.push(base + (d * Math.PI) / 180);
  }
  const reach = Math.hypot(frame.halfWidth, frame.halfHeight) + 100;
  return angles.map((theta, i) => {
    const dir: XY = [Math.cos(theta), Math.sin(theta)];
    const amp = rng.range(20, 60);
    const len = rng.range(3000, 7000);
    const phase = rng.range(0, 2 * Math.PI);
    const coords: XY[] = [];
    for (let r = 0; r <= reach; r += 200) {
      const side = amp * Math.sin((2 * Math.PI * r) / len + phase) * Math.min(1, r / 1000);
      coords.push([dir[0] * r - dir[1] * side, dir[1] * r + dir[0] * side]);
    }
    const base = names.next();
    const ref = refs[i % refs.length];
    const maxspeed = rng.chance(0.6) ? 60 : undefined;
    return {
      coords,
      bridgeEligible: Math.abs(dir[1]) > 0.75,
      finish: (bridgeName) => {
        const rules: [(p: XY) => boolean, boolean][] = [
          [c.inFrame, false],
          [c.outsideOldTown, true],
        ];
        if (bridgeName === null) rules.push([c.offRiver, true]);
        return c.clip(coords, rules).map((p) => ({
          kind: 'radial' as const,
          coords: p.coords,
          closed: false,
          pruneStart: p.pruneStart,
          pruneEnd: p.pruneEnd,
          tags: (mid: XY) => {
            const outside = ringOffset(frame.outer, mid) > 0;
            const tags = outside
              ? roadTags('trunk', { name: `${base}大道`, ref, maxspeed: 70 })
              : roadTags('primary', { name: `${base}大道`, maxspeed });
            return c.bridgeOr(tags, mid, bridgeName);
          },
        }));
      },
    };
  });
}
