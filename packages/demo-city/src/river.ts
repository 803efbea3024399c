/**
 * The river: a meandering west-east polyline sampled at a fixed x step, so "how far north of the
 * river is this point" is an exact, cheap lookup. Roads use it to stop at the embankment and to
 * mark bridges; the embankment roads are the same polyline shifted north and south.
 */
import type { XY } from './geometry.js';
import type { Rng } from './prng.js';

export interface River {
  readonly x0: number;
  readonly dx: number;
  readonly ys: readonly number[];
  readonly halfWidthMeters: number;
  /** Vertical offset of the embankment roads from the centre line. */
  readonly bankOffsetMeters: number;
}

export const RIVER_HALF_WIDTH_METERS = 70;
export const RIVER_BANK_OFFSET_METERS = 110;

/** A river across the whole width (`halfWidth` each side of x = 0), on the `side` (+1 north, -1 south). */
export function buildRiver(rng: Rng, halfWidth: number, k: number, side: 1 | -1): River {
  const dx = 100;
  const n = Math.ceil((2 * halfWidth) / dx);
  const x0 = -halfWidth;
  const base = side * rng.range(2400, 3000) * k;
  const waves = [
    { amp: rng.range(250, 350) * k, len: rng.range(8000, 10000) * k, phase: rng.range(0, 2 * Math.PI) },
    { amp: rng.range(60, 120) * k, len: rng.range(2800, 3400) * k, phase: rng.range(0, 2 * Math.PI) },
  ];
  const ys: number[] = [];
  for (let i = 0; i <= n; i++) {
    const x = x0 + i * dx;
    let y = base;
    for (const w of waves) y += w.amp * Math.sin((2 * Math.PI * x) / w.len + w.phase);
    ys.push(y);
  }
  return {
    x0,
    dx,
    ys,
    halfWidthMeters: RIVER_HALF_WIDTH_METERS,
    bankOffsetMeters: RIVER_BANK_OFFSET_METERS,
  };
}

/** y of the river centre line at `x` (linear between samples, clamped at the ends). */
export function riverYAt(river: River, x: number): number {
  const f = (x - river.x0) / river.dx;
  const last = river.ys.length - 1;
  const i = Math.min(last - 1, Math.max(0, Math.floor(f)));
  const t = Math.min(1, Math.max(0, f - i));
  const a = river.ys[i] ?? 0;
  const b = river.ys[i + 1] ?? a;
  return a + (b - a) * t;
}

/** Signed vertical offset of `p` from the river centre line (positive north of it). */
export function riverOffset(river: River, p: XY): number {
  return p[1] - riverYAt(river, p[0]);
}

/** The centre line shifted by `offset` meters north (0: the river itself). */
export function riverPolyline(river: River, offset = 0): XY[] {
  return river.ys.map((y, i): XY => [river.x0 + i * river.dx, y + offset]);
}
