/**
 * Layout of the road lines, before noding: ring roads, radials, a jittered lattice of arterials
 * and local streets, embankment roads, and the old town's narrow lanes. Lines are drawn across
 * the city and then cut (river, old town, city edge); only the chosen bridge lines keep their
 * river crossing. Tags are computed per edge from its midpoint, so a line can change name or
 * class along the way (中山北路 / 中山中路, primary inside the ring / trunk outside).
 */
import { clipPieces, type Piece } from './clip.js';
import { insideFrame, ringOffset, ringPolyline, type CityFrame } from './frame.js';
import type { XY } from './geometry.js';
import { BRIDGE_NAMES, OUTER_RING_NAME, OUTER_RING_REF, RIVER_NAME } from './names.js';
import type { Rng } from './prng.js';
import { riverOffset, riverPolyline } from './river.js';
import { chooseBridges } from './bridges.js';
import { buildLattice } from './road-lattice.js';
import { buildRadials } from './road-radials.js';
import type { RoadProperties } from './types.js';

export type LineKind =
  'outer_ring' | 'inner_ring' | 'radial' | 'arterial' | 'bank' | 'local' | 'lane' | 'service';

export interface RoadLine {
  kind: LineKind;
  coords: XY[];
  closed: boolean;
  pruneStart: boolean;
  pruneEnd: boolean;
  /** Tags of an edge of this line, from the edge's midpoint. */
  tags: (mid: XY) => RoadProperties;
}

/** A line drawn across the city whose river cut waits for the choice of bridges. */
export interface LineDraft {
  coords: XY[];
  /** Crosses the river steeply enough to carry a bridge. */
  bridgeEligible: boolean;
  /** Cut pieces; `bridgeName` null: cut at the river like any other road. */
  finish(bridgeName: string | null): RoadLine[];
}

/** How far a cut line runs past the road it should end at (see clip.ts). */
export const OVERSHOOT_METERS = 12;
/** Local streets stop this far from the motorway: no at-grade access. */
export const MOTORWAY_SETBACK_METERS = 40;

/** Builds a tag object without undefined fields (deep-equal friendly JSON). */
export function roadTags(
  highway: RoadProperties['highway'],
  extra: Omit<RoadProperties, 'highway'> = {},
): RoadProperties {
  const out: RoadProperties = { highway };
  if (extra.name !== undefined) out.name = extra.name;
  if (extra.ref !== undefined) out.ref = extra.ref;
  if (extra.maxspeed !== undefined) out.maxspeed = extra.maxspeed;
  if (extra.oneway !== undefined) out.oneway = extra.oneway;
  if (extra.bridge !== undefined) out.bridge = extra.bridge;
  if (extra.layer !== undefined) out.layer = extra.layer;
  return out;
}

/** Region rules shared by the line builders. */
export interface Clipper {
  readonly frame: CityFrame;
  /** Cuts `coords` by the given rules, each `[keep, prune]`. */
  clip(coords: XY[], rules: readonly (readonly [(p: XY) => boolean, boolean])[]): Piece[];
  readonly inFrame: (p: XY) => boolean;
  /** Off the river and its embankment (overshooting the embankment road). */
  readonly offRiver: (p: XY) => boolean;
  /** Outside the old town (overshooting into it up to the inner ring road). */
  readonly outsideOldTown: (p: XY) => boolean;
  readonly insideOldTown: (p: XY) => boolean;
  readonly awayFromMotorway: (p: XY) => boolean;
  readonly insideMotorway: (p: XY) => boolean;
  /** Tags of a bridge edge when `mid` is over the water, otherwise `base`. */
  bridgeOr(base: RoadProperties, mid: XY, bridgeName: string | null): RoadProperties;
}

function createClipper(frame: CityFrame): Clipper {
  const river = frame.river;
  return {
    frame,
    clip(coords, rules) {
      let pieces: Piece[] = [{ coords, pruneStart: false, pruneEnd: false }];
      for (const [keep, prune] of rules) pieces = clipPieces(pieces, keep, prune);
      return pieces;
    },
    inFrame: (p) => insideFrame(frame, p),
    offRiver: (p) => Math.abs(riverOffset(river, p)) >= river.bankOffsetMeters - OVERSHOOT_METERS,
    outsideOldTown: (p) => ringOffset(frame.inner, p) >= -OVERSHOOT_METERS,
    insideOldTown: (p) => ringOffset(frame.inner, p) <= OVERSHOOT_METERS,
    awayFromMotorway: (p) => Math.abs(ringOffset(frame.outer, p)) >= MOTORWAY_SETBACK_METERS,
    insideMotorway: (p) => ringOffset(frame.outer, p) <= -MOTORWAY_SETBACK_METERS,
    bridgeOr(base, mid, bridgeName) {
      if (bridgeName === null || Math.abs(riverOffset(river, mid)) >= river.halfWidthMeters) return base;
      return { ...base, name: bridgeName, bridge: 'yes', layer: 1 };
    },
  };
}

/** All road lines of the city, in drawing order (major roads first). */
export function buildRoadLines(rng: Rng, frame: CityFrame): RoadLine[] {
  const clipper = createClipper(frame);
  const used = new Set<string>();
  const bridgeNames = rng.fork('bridges').shuffle(BRIDGE_NAMES);
  const nextBridgeName = (): string => bridgeNames.shift() ?? `清江${used.size}桥`;
  const lines: RoadLine[] = [];

  // Outer ring: a two-way motorway line; it always crosses the river twice, on bridges.
  const westBridge = nextBridgeName();
  const eastBridge = nextBridgeName();
  lines.push({
    kind: 'outer_ring',
    coords: ringPolyline(frame.outer),
    closed: true,
    pruneStart: false,
    pruneEnd: false,
    tags: (mid) =>
      clipper.bridgeOr(
        roadTags('motorway', { name: OUTER_RING_NAME, ref: OUTER_RING_REF, maxspeed: 80 }),
        mid,
        mid[0] < 0 ? westBridge : eastBridge,
      ),
  });

  // Inner ring (环城路): trunk, named after the side of the old town it runs along.
  const [ia, ib] = frame.innerHalfAxes;
  lines.push({
    kind: 'inner_ring',
    coords: ringPolyline(frame.inner),
    closed: true,
    pruneStart: false,
    pruneEnd: false,
    tags: (mid) => {
      const side =
        Math.abs(mid[0]) / ia > Math.abs(mid[1]) / ib ? (mid[0] > 0 ? '东' : '西') : mid[1] > 0 ? '北' : '南';
      return roadTags('trunk', { name: `环城${side}路`, maxspeed: 60 });
    },
  });

  const lattice = buildLattice(rng.fork('lattice'), clipper, used);
  const drafts = [...buildRadials(rng.fork('radials'), clipper, used), ...lattice.arterials];
  const bridged = chooseBridges(rng.fork('bridge-choice'), frame, drafts);
  for (const draft of drafts) lines.push(...draft.finish(bridged.has(draft) ? nextBridgeName() : null));

  // Embankment roads on both banks, the whole width of the city.
  for (const [offset, bank] of [
    [frame.river.bankOffsetMeters, '北'],
    [-frame.river.bankOffsetMeters, '南'],
  ] as const) {
    for (const piece of clipper.clip(riverPolyline(frame.river, offset), [[clipper.inFrame, false]])) {
      lines.push({
        kind: 'bank',
        coords: piece.coords,
        closed: false,
        pruneStart: piece.pruneStart,
        pruneEnd: piece.pruneEnd,
        tags: () => roadTags('secondary', { name: `${RIVER_NAME}${bank}路`, maxspeed: 50 }),
      });
    }
  }
  lines.push(...lattice.locals, ...lattice.lanes);
  return lines;
}
