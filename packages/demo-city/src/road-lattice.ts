/**
 * The street lattice: north-south and east-west lines every 300 m, every third one an arterial,
 * each bent by a slow wave and jittered so blocks look hand-drawn. Local streets thin out beyond
 * the outer ring and give way, inside the inner ring, to the old town's 130 m lanes (many
 * one-way, alternating direction). One pair of east-west arterials runs one-way.
 */
import { ringOffset } from './frame.js';
import type { XY } from './geometry.js';
import { EW_ARTERIAL_NAMES, NS_ARTERIAL_NAMES, NamePool } from './names.js';
import type { Rng } from './prng.js';
import { roadTags, type Clipper, type LineDraft, type RoadLine } from './road-lines.js';
import type { RoadProperties } from './types.js';

export interface Lattice {
  arterials: LineDraft[];
  locals: RoadLine[];
  lanes: RoadLine[];
}

type Axis = 'ns' | 'ew';

const LOCAL_SPACING_METERS = 300;
const ARTERIAL_EVERY = 3;
const LANE_SPACING_METERS = 130;

function wave(
  rng: Rng,
  amp: readonly [number, number],
  len: readonly [number, number],
): (s: number) => number {
  const a = rng.range(amp[0], amp[1]);
  const l = rng.range(len[0], len[1]);
  const phase = rng.range(0, 2 * Math.PI);
  return (s) => a * Math.sin((2 * Math.PI * s) / l + phase);
}

/** A line along `axis` at `offset` across it, from -half to +half along it. */
function drawLine(
  rng: Rng,
  axis: Axis,
  offset: number,
  half: number,
  step: number,
  bend: (s: number) => number,
  jitter: number,
): XY[] {
  const n = Math.max(1, Math.ceil((2 * half) / step));
  const pts: XY[] = [];
  for (let i = 0; i <= n; i++) {
    const s = -half + (2 * half * i) / n;
    const across = offset + bend(s) + (i > 0 && i < n ? rng.range(-jitter, jitter) : 0);
    pts.push(axis === 'ns' ? [across, s] : [s, across]);
  }
  return pts;
}

function toLines(
  kind: RoadLine['kind'],
  pieces: ReturnType<Clipper['clip']>,
  tags: RoadLine['tags'],
): RoadLine[] {
  return pieces.map((p) => ({
    kind,
    coords: p.coords,
    closed: false,
    pruneStart: p.pruneStart,
    pruneEnd: p.pruneEnd,
    tags,
  }));
}

/** Builds arterial drafts, local streets and old-town lanes. */
export function buildLattice(rng: Rng, c: Clipper, used: Set<string>): Lattice {
  const { frame } = c;
  const [ia, ib] = frame.innerHalfAxes;
  const pools = {
    ns: new NamePool(rng.fork('ns-names'), NS_ARTERIAL_NAMES, used),
    ew: new NamePool(rng.fork('ew-names'), EW_ARTERIAL_NAMES, used),
    local: new NamePool(rng.fork('local-names'), [], used),
  };
  const out: Lattice = { arterials: [], locals: [], lanes: [] };
  const arterialOffsets: Record<Axis, number[]> = { ns: [], ew: [] };
  const riverSide = Math.sign(frame.river.ys[0] ?? -1);

  for (const axis of ['ns', 'ew'] as const) {
    const lr = rng.fork(axis);
    const halfAcross = axis === 'ns' ? frame.halfWidth : frame.halfHeight;
    const halfAlong = (axis === 'ns' ? frame.halfHeight : frame.halfWidth) + 60;
    // Keep arterials off the straight sides of the inner ring: no near-tangent crossings.
    const period = LOCAL_SPACING_METERS * ARTERIAL_EVERY;
    const side = axis === 'ns' ? ia : ib;
    const nearSide = (ph: number): boolean =>
      [side, -side].some((s) => {
        const d = (((ph - s) % period) + period) % period;
        return Math.min(d, period - d) < 150;
      });
    let phase = lr.range(0, period);
    for (let tries = 0; tries < 50 && nearSide(phase); tries++) phase = lr.range(0, period);
    const j0 = Math.ceil((-halfAcross + 100 - phase) / LOCAL_SPACING_METERS);
    const j1 = Math.floor((halfAcross - 100 - phase) / LOCAL_SPACING_METERS);
    // One-way pair: two neighbouring east-west arterials on the dry side of the city centre.
    const pairCandidates: number[] = [];
    for (let j = j0; j + ARTERIAL_EVERY <= j1; j++) {
      const y0 = phase + j * LOCAL_SPACING_METERS;
      const y1 = y0 + ARTERIAL_EVERY * LOCAL_SPACING_METERS;
      if (
        j % ARTERIAL_EVERY === 0 &&
        y0 * riverSide <= 0 &&
        y1 * riverSide <= 0 &&
        Math.max(Math.abs(y0), Math.abs(y1)) < 0.8 * frame.outerHalfAxes[1]
      )
        pairCandidates.push(j);
    }
    const pairStart = axis === 'ew' && pairCandidates.length > 0 ? lr.pick(pairCandidates) : null;

    for (let j = j0; j <= j1; j++) {
      const nominal = phase + j * LOCAL_SPACING_METERS;
      if (((j % ARTERIAL_EVERY) + ARTERIAL_EVERY) % ARTERIAL_EVERY === 0) {
        const offset = nominal + lr.range(-25, 25);
        arterialOffsets[axis].push(offset);
        const coords = drawLine(lr, axis, offset, halfAlong, 300, wave(lr, [10, 35], [2500, 6000]), 0);
        const primary = lr.chance(0.5);
        const maxspeed = primary ? (lr.chance(0.8) ? 50 : undefined) : lr.chance(0.5) ? 40 : undefined;
        const base = pools[axis].next();
        const oneway =
          pairStart === null ? 0 : j === pairStart ? 1 : j === pairStart + ARTERIAL_EVERY ? -1 : 0;
        if (oneway === -1) coords.reverse();
        const tagsAt = (mid: XY, bridgeName: string | null): RoadProperties => {
          const dir =
            axis === 'ns'
              ? mid[1] > ib
                ? '北'
                : mid[1] < -ib
                  ? '南'
                  : '中'
              : mid[0] > ia
                ? '东'
                : mid[0] < -ia
                  ? '西'
                  : '中';
          const tags = roadTags(primary ? 'primary' : 'secondary', {
            name: primary ? `${base}${dir}路` : `${base}路`,
            maxspeed,
            oneway: oneway !== 0 && ringOffset(frame.outer, mid) < 0 ? 'yes' : undefined,
          });
          return c.bridgeOr(tags, mid, bridgeName);
        };
        out.arterials.push({
          coords,
          bridgeEligible: axis === 'ns',
          finish: (bridgeName) =>
            toLines(
              'arterial',
              c.clip(
                coords,
                bridgeName === null
                  ? [
                      [c.inFrame, false],
                      [c.offRiver, true],
                    ]
                  : [[c.inFrame, false]],
              ),
              (mid) => tagsAt(mid, bridgeName),
            ),
        });
      } else {
        const coords = drawLine(
          lr,
          axis,
          nominal + lr.range(-30, 30),
          halfAlong,
          400,
          wave(lr, [0, 25], [1500, 4000]),
          4,
        );
        const rules: [(p: XY) => boolean, boolean][] = [
          [c.inFrame, false],
          [c.offRiver, true],
          [c.outsideOldTown, true],
          [c.awayFromMotorway, false],
        ];
        // Suburbs: every other local street stops at the outer ring.
        if (((j % ARTERIAL_EVERY) + ARTERIAL_EVERY) % ARTERIAL_EVERY === 2)
          rules.push([c.insideMotorway, false]);
        const tertiary = lr.chance(0.2);
        const tags = roadTags(tertiary ? 'tertiary' : 'residential', {
          name: `${pools.local.next()}${lr.chance(0.6) ? '路' : '街'}`,
          maxspeed: tertiary ? (lr.chance(0.5) ? 40 : undefined) : lr.chance(0.2) ? 30 : undefined,
        });
        out.locals.push(...toLines('local', c.clip(coords, rules), () => tags));
      }
    }
  }

  // Old town lanes, kept clear of the arterials that cross the old town.
  for (const axis of ['ns', 'ew'] as const) {
    const lr = rng.fork(`lanes-${axis}`);
    const halfAcross = axis === 'ns' ? ia : ib;
    const halfAlong = (axis === 'ns' ? ib : ia) + 150;
    let onewayCount = 0;
    for (let o = -halfAcross + lr.range(0, LANE_SPACING_METERS); o < halfAcross; o += LANE_SPACING_METERS) {
      if (arterialOffsets[axis].some((a) => Math.abs(a - o) < 85) || Math.abs(o) > halfAcross - 60) continue;
      const coords = drawLine(
        lr,
        axis,
        o + lr.range(-15, 15),
        halfAlong,
        80,
        wave(lr, [3, 12], [300, 900]),
        3,
      );
      const oneway = lr.chance(0.5);
      if (oneway && onewayCount++ % 2 === 1) coords.reverse();
      const tags = roadTags('residential', {
        name: `${pools.local.next()}${lr.chance(0.3) ? '弄' : '巷'}`,
        maxspeed: lr.chance(0.4) ? 20 : undefined,
        oneway: oneway ? 'yes' : undefined,
      });
      out.lanes.push(...toLines('lane', c.clip(coords, [[c.insideOldTown, true]]), () => tags));
    }
  }
  return out;
}
