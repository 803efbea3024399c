/**
 * Cutting polylines by a region. Road lines are drawn across the whole city first and then cut
 * where they may not run (river, old town, city edge). A cut end can be flagged "prune": such an
 * end deliberately overshoots the road it should stop at, so noding creates the junction there and
 * the overshooting stub is pruned afterwards.
 */
import { distance, lerp, polylineLength, type XY } from './geometry.js';

export interface Piece {
  coords: XY[];
  /** Start (end) was made by a cut whose stub must be pruned back to the first junction. */
  pruneStart: boolean;
  pruneEnd: boolean;
}

/** Sampling step while looking for boundary crossings: regions narrower than this may be missed. */
const STEP_METERS = 10;

function boundary(a: XY, b: XY, keep: (p: XY) => boolean, keepA: boolean): XY {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (keep(lerp(a, b, mid)) === keepA) lo = mid;
    else hi = mid;
  }
  // The kept side of the boundary, so the cut point itself satisfies `keep`.
  return lerp(a, b, keepA ? lo : hi);
}

/**
 * Keeps the parts of each piece where `keep` holds. Cuts are located to well under a millimetre.
 * `prune` flags the new cut ends (see module doc); existing flags are carried over.
 */
export function clipPieces(pieces: readonly Piece[], keep: (p: XY) => boolean, prune: boolean): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const first = piece.coords[0];
    if (first === undefined) continue;
    let inside = keep(first);
    let current: Piece | null = inside
      ? { coords: [first], pruneStart: piece.pruneStart, pruneEnd: false }
      : null;
    for (let i = 1; i < piece.coords.length; i++) {
      const a = piece.coords[i - 1] as XY;
      const b = piece.coords[i] as XY;
      const steps = Math.max(1, Math.ceil(distance(a, b) / STEP_METERS));
      let prev = a;
      for (let s = 1; s <= steps; s++) {
        const p = s === steps ? b : lerp(a, b, s / steps);
        const k = keep(p);
        if (k !== inside) {
          const cut = boundary(prev, p, keep, inside);
          if (inside && current) {
            current.coords.push(cut);
            current.pruneEnd = prune;
            out.push(current);
            current = null;
          } else {
            current = { coords: [cut], pruneStart: prune, pruneEnd: false };
          }
          inside = k;
        }
        prev = p;
      }
      if (inside && current && b !== current.coords[current.coords.length - 1]) current.coords.push(b);
    }
    if (current) {
      current.pruneEnd = piece.pruneEnd;
      out.push(current);
    }
  }
  return out.filter((p) => p.coords.length >= 2 && polylineLength(p.coords) > 1);
}
