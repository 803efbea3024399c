/**
 * Choice of the arterial bridges. The outer ring always crosses the river twice; 2-4 more bridges
 * go to eligible radials and north-south arterials, spread along the river inside the city,
 * which keeps the total at 4-6 as a real city's handful of river crossings.
 */
import type { CityFrame } from './frame.js';
import type { XY } from './geometry.js';
import type { Rng } from './prng.js';
import { riverOffset } from './river.js';
import type { LineDraft } from './road-lines.js';

/** x of the first river crossing of a polyline, or null. */
export function riverCrossingX(frame: CityFrame, coords: readonly XY[]): number | null {
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1] as XY;
    const b = coords[i] as XY;
    const da = riverOffset(frame.river, a);
    const db = riverOffset(frame.river, b);
    if (da === 0) return a[0];
    if (da * db < 0) return a[0] + ((b[0] - a[0]) * da) / (da - db);
  }
  return null;
}

/** The drafts that get a bridge (2-4 of them, evenly spread west to east). */
export function chooseBridges(rng: Rng, frame: CityFrame, drafts: readonly LineDraft[]): Set<LineDraft> {
  const limit = 0.7 * frame.outerHalfAxes[0];
  const candidates = drafts
    .filter((d) => d.bridgeEligible)
    .map((d) => ({ d, x: riverCrossingX(frame, d.coords) }))
    .filter((c): c is { d: LineDraft; x: number } => c.x !== null && Math.abs(c.x) < limit)
    .sort((a, b) => a.x - b.x);
  const count = Math.min(candidates.length, rng.int(2, 4));
  const chosen = new Set<LineDraft>();
  for (let i = 0; i < count; i++) {
    const c = candidates[Math.floor(((i + 0.5) * candidates.length) / count)];
    if (c) chosen.add(c.d);
  }
  return chosen;
}
