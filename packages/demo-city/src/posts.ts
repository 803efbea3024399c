/**
 * Street police posts (街面警务站) at hot spots and busy arterial junctions, and 1-2 drone nests
 * (无人机机巢). Everything sits on a road junction so units start on the network.
 */
import { distance } from './geometry.js';
import type { PrecinctDraft } from './grids.js';
import type { Rng } from './prng.js';
import type { RoadJunction } from './roads.js';
import { HIGHWAY_CLASSES, type Hotspot, type PostSpec } from './types.js';

const MIN_POST_SPACING_METERS = 900;

/** Builds 10-25 street posts (about 0.4 per grid) and 1-2 drone nests. */
export function buildPosts(
  rng: Rng,
  gridCount: number,
  junctions: readonly RoadJunction[],
  hotspots: readonly Hotspot[],
  precincts: readonly PrecinctDraft[],
  gridOf: (j: RoadJunction) => { code: string; name: string },
): PostSpec[] {
  const target = Math.min(25, Math.max(10, Math.round(gridCount * 0.4) + rng.int(-2, 2)));
  const chosen: { j: RoadJunction; name: string }[] = [];
  const free = (j: RoadJunction): boolean =>
    chosen.every((c) => distance(c.j.xy, j.xy) >= MIN_POST_SPACING_METERS);
  const byKey = new Map(junctions.map((j) => [`${j.lngLat[0]},${j.lngLat[1]}`, j]));

  for (const h of hotspots) {
    if (chosen.length >= target || h.kind === 'motorway_exit') continue;
    const j = byKey.get(`${h.lngLat[0]},${h.lngLat[1]}`);
    if (j && free(j)) chosen.push({ j, name: `${h.name}街面警务站` });
  }
  // Then busy arterial crossings, central ones first.
  const rank = (j: RoadJunction): number => HIGHWAY_CLASSES.indexOf(j.highway);
  const crossings = junctions
    .filter((j) => j.degree >= 4 && j.names.length >= 2 && rank(j) >= 1 && rank(j) <= 3)
    .map((j) => ({ j, score: Math.hypot(...j.xy) * rng.range(0.7, 1.3) }))
    .sort((a, b) => a.score - b.score);
  for (const { j } of crossings) {
    if (chosen.length >= target) break;
    if (free(j)) chosen.push({ j, name: `${j.names[0]}${j.names[1]}口街面警务站` });
  }
  const posts: PostSpec[] = chosen.map(({ j, name }, i) => ({
    code: `P${String(i + 1).padStart(2, '0')}`,
    name,
    kind: 'street_post',
    lngLat: j.lngLat,
    gridCode: gridOf(j).code,
  }));

  // Drone nests near the centres of the first (old town) and the largest outer precinct.
  const nestCount = rng.int(1, 2);
  const outer = [...precincts.slice(1)].sort((a, b) => b.gridCodes.length - a.gridCodes.length)[0];
  const sites = [precincts[0], outer].slice(0, nestCount);
  sites.forEach((p, i) => {
    if (!p) return;
    let best: RoadJunction | undefined;
    for (const j of junctions)
      if (
        j.degree >= 3 &&
        j.highway !== 'motorway' &&
        (!best || distance(j.xy, p.centroidXY) < distance(best.xy, p.centroidXY))
      )
        best = j;
    if (!best) return;
    const grid = gridOf(best);
    posts.push({
      code: `UAV${String(i + 1).padStart(2, '0')}`,
      name: `${grid.name.replace(/网格$/, '')}无人机机巢`,
      kind: 'drone_nest',
      lngLat: best.lngLat,
      gridCode: grid.code,
    });
  });
  return posts;
}
