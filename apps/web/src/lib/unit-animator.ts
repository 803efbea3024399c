/**
 * Smooth unit movement: each new fix starts a short linear glide from where the unit is drawn
 * now to where it was reported, so 1 Hz updates look continuous instead of jumping.
 */
export type Point2 = readonly [number, number];

interface Track {
  from: Point2;
  to: Point2;
  startMs: number;
}

/** Moves farther than this (degrees, about 2 km) are drawn as jumps, not glides. */
const MAX_GLIDE_DEGREES = 0.02;

export class UnitAnimator {
  private readonly tracks = new Map<string, Track>();
  private lastStartMs = -Infinity;

  /** `durationMs` 0 turns gliding off (units jump to each fix). */
  constructor(private readonly durationMs = 1000) {}

  /**
   * Registers the latest positions at `nowMs`; units that moved start a glide, units gone from
   * `positions` are forgotten. Returns true when anything changed.
   */
  update(positions: Readonly<Record<string, { lngLat: Point2 }>>, nowMs: number): boolean {
    let changed = false;
    for (const id in positions) {
      const target = (positions[id] as { lngLat: Point2 }).lngLat;
      const track = this.tracks.get(id);
      if (!track) {
        this.tracks.set(id, { from: target, to: target, startMs: -Infinity });
        changed = true;
        continue;
      }
      if (track.to === target || (track.to[0] === target[0] && track.to[1] === target[1])) continue;
      const current = this.positionOf(track, nowMs);
      const far =
        Math.abs(current[0] - target[0]) > MAX_GLIDE_DEGREES ||
        Math.abs(current[1] - target[1]) > MAX_GLIDE_DEGREES;
      this.tracks.set(id, { from: far ? target : current, to: target, startMs: nowMs });
      this.lastStartMs = nowMs;
      changed = true;
    }
    if (this.tracks.size > Object.keys(positions).length) {
      for (const id of this.tracks.keys()) if (!(id in positions)) this.tracks.delete(id);
      changed = true;
    }
    return changed;
  }

  /** Where unit `id` is drawn at `nowMs`, or undefined if unknown. */
  sample(id: string, nowMs: number): Point2 | undefined {
    const track = this.tracks.get(id);
    return track ? this.positionOf(track, nowMs) : undefined;
  }

  /** True while some glide is still running (the caller keeps animating until false). */
  isAnimating(nowMs: number): boolean {
    return nowMs - this.lastStartMs < this.durationMs;
  }

  private positionOf(track: Track, nowMs: number): Point2 {
    if (this.durationMs <= 0) return track.to;
    const t = (nowMs - track.startMs) / this.durationMs;
    if (t >= 1) return track.to;
    if (t <= 0) return track.from;
    return [
      track.from[0] + (track.to[0] - track.from[0]) * t,
      track.from[1] + (track.to[1] - track.from[1]) * t,
    ];
  }
}
