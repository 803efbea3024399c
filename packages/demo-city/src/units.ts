/**
 * The unit roster: mostly patrol cars, plus motorcycles, foot patrols, post units at the street
 * posts, drones at the nests and partner forces (security guards, volunteers). Minimum staffing
 * is filled first, the rest follows grid demand; a few surplus units are off duty.
 */
import type { Capability, LngLat, MinStaffing, UnitKind } from '@dispatch/domain';
import { CAPABILITIES } from '@dispatch/domain';
import { generationFailed } from './errors.js';
import type { GridDraft, PrecinctDraft } from './grids.js';
import type { Rng } from './prng.js';
import type { RoadJunction } from './roads.js';
import { fitStaffing, gridDemand } from './staffing.js';
import type { Hotspot, PostSpec, UnitSpec } from './types.js';

const ROAMING: readonly UnitKind[] = ['patrol_car', 'motorcycle', 'foot_patrol', 'partner'];
const CALL_SIGN_MARK: Record<UnitKind, string> = {
  patrol_car: '巡',
  motorcycle: '摩',
  foot_patrol: '步',
  post: '岗',
  drone: '鹰',
  partner: '保',
};

/** Rough distance in meters between two nearby `[lng, lat]` points (enough for a radius check). */
function approxMeters(a: LngLat, b: LngLat): number {
  return Math.hypot((a[0] - b[0]) * 96_000, (a[1] - b[1]) * 110_900);
}

export interface UnitInputs {
  total: number;
  grids: readonly GridDraft[];
  precincts: readonly PrecinctDraft[];
  posts: readonly PostSpec[];
  hotspots: readonly Hotspot[];
  /** Junctions per grid code, as candidate start positions. */
  junctionsByGrid: ReadonlyMap<string, readonly RoadJunction[]>;
  /** Desired minima; lowered in place where the roster cannot meet them. */
  minima: Map<string, MinStaffing>;
}

function capabilitiesFor(rng: Rng, kind: UnitKind): Capability[] {
  const caps = new Set<Capability>();
  if (kind === 'patrol_car') {
    caps.add('loudspeaker');
    if (rng.chance(0.35)) caps.add('armed');
    if (rng.chance(0.08)) caps.add('medical');
    if (rng.chance(0.03)) caps.add('k9');
    if (rng.chance(0.03)) caps.add('negotiator');
  } else if (kind === 'motorcycle') {
    caps.add('traffic');
    if (rng.chance(0.2)) caps.add('armed');
  } else if (kind === 'foot_patrol') {
    if (rng.chance(0.15)) caps.add('medical');
    if (rng.chance(0.1)) caps.add('loudspeaker');
  } else if (kind === 'post') {
    caps.add('video');
    caps.add('loudspeaker');
    if (rng.chance(0.3)) caps.add('armed');
  } else if (kind === 'drone') {
    caps.add('video');
    caps.add('loudspeaker');
  }
  return CAPABILITIES.filter((c) => caps.has(c));
}

/** Generates the roster (see module doc). */
export function buildUnits(rng: Rng, input: UnitInputs): UnitSpec[] {
  const streetPosts = input.posts.filter((p) => p.kind === 'street_post');
  const nests = input.posts.filter((p) => p.kind === 'drone_nest');
  // Posts at hot spots (listed first) get a second unit.
  const postSlots = [...streetPosts, ...streetPosts.slice(0, Math.round(streetPosts.length / 3))];
  const counts: Record<UnitKind, number> = {
    post: postSlots.length,
    drone: nests.length * 2,
    partner: Math.round(input.total * 0.1),
    foot_patrol: Math.round(input.total * 0.14),
    motorcycle: Math.round(input.total * 0.11),
    patrol_car: 0,
  };
  counts.patrol_car =
    input.total - counts.post - counts.drone - counts.partner - counts.foot_patrol - counts.motorcycle;
  if (counts.patrol_car < counts.foot_patrol)
    throw generationFailed('too few units for the posts', { total: input.total });

  const gridByCode = new Map(input.grids.map((g) => [g.code, g]));
  const precinctOf = (code: string): PrecinctDraft =>
    input.precincts.find((p) => p.gridCodes.includes(code)) ?? (input.precincts[0] as PrecinctDraft);
  const demand = (code: string): number => {
    const g = gridByCode.get(code);
    return g ? gridDemand(g, input.hotspots) : 0;
  };

  type Draft = Omit<UnitSpec, 'callSign' | 'precinct' | 'status'> & { required: boolean; mark: string };
  const drafts: Draft[] = [];
  const positionIn = (code: string, kind: UnitKind): LngLat | null => {
    const js = input.junctionsByGrid.get(code) ?? [];
    const pool = js.filter((j) => j.degree >= 2);
    const spots = input.hotspots.filter((h) => h.gridCode === code);
    const near =
      (kind === 'foot_patrol' || kind === 'partner') && spots.length > 0
        ? pool.filter((j) => spots.some((h) => approxMeters(j.lngLat, h.lngLat) < h.radiusMeters * 1.2))
        : [];
    const choice = near.length > 0 ? near : pool.length > 0 ? pool : js;
    if (choice.length === 0) return null;
    const [lng, lat] = rng.pick(choice).lngLat;
    return [lng, lat];
  };

  for (const kind of ROAMING) {
    fitStaffing(input.minima, kind, counts[kind], demand);
    const homes: { code: string; required: boolean }[] = [];
    for (const g of input.grids)
      for (let i = 0; i < (input.minima.get(g.code)?.[kind] ?? 0); i++)
        homes.push({ code: g.code, required: true });
    const weights = input.grids.map((g) => {
      const d = demand(g.code);
      return kind === 'foot_patrol' || kind === 'partner'
        ? d * d
        : kind === 'motorcycle' && g.zone === 'urban'
          ? d * 1.3
          : d;
    });
    while (homes.length < counts[kind])
      homes.push({ code: (input.grids[rng.weightedIndex(weights)] as GridDraft).code, required: false });
    for (const home of homes) {
      const at = positionIn(home.code, kind);
      if (!at) throw generationFailed('grid without any road junction', { grid: home.code });
      // Partner forces: security guards (保) and volunteers (志, some trained in first aid).
      const volunteer = kind === 'partner' && rng.chance(0.4);
      const capabilities =
        kind === 'partner'
          ? volunteer && rng.chance(0.4)
            ? ['medical' as const]
            : []
          : capabilitiesFor(rng, kind);
      const mark = kind === 'partner' ? (volunteer ? '志' : '保') : CALL_SIGN_MARK[kind];
      drafts.push({ kind, homeGridCode: home.code, lngLat: at, capabilities, required: home.required, mark });
    }
  }
  for (const post of postSlots)
    drafts.push({
      kind: 'post',
      homeGridCode: post.gridCode,
      lngLat: post.lngLat,
      capabilities: capabilitiesFor(rng, 'post'),
      postCode: post.code,
      required: false,
      mark: CALL_SIGN_MARK.post,
    });
  for (const nest of nests)
    for (let i = 0; i < 2; i++)
      drafts.push({
        kind: 'drone',
        homeGridCode: nest.gridCode,
        lngLat: nest.lngLat,
        capabilities: capabilitiesFor(rng, 'drone'),
        postCode: nest.code,
        required: false,
        mark: CALL_SIGN_MARK.drone,
      });

  // About 4% of the roster off duty, never a unit that fills a minimum.
  const spare = drafts.flatMap((d, i) => (!d.required && d.kind !== 'post' && d.kind !== 'drone' ? [i] : []));
  const offDuty = new Set(rng.shuffle(spare).slice(0, Math.round(input.total * 0.04)));

  const seq = new Map<string, number>();
  return drafts.map((d, i): UnitSpec => {
    const precinct = precinctOf(d.homeGridCode);
    const key = `${precinct.shortName}-${d.mark}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    const unit: UnitSpec = {
      callSign: `${key}${String(n).padStart(2, '0')}`,
      kind: d.kind,
      homeGridCode: d.homeGridCode,
      precinct: precinct.name,
      lngLat: [d.lngLat[0], d.lngLat[1]],
      capabilities: d.capabilities,
      status: offDuty.has(i) ? 'off_duty' : 'available',
    };
    if (d.postCode !== undefined) unit.postCode = d.postCode;
    return unit;
  });
}
