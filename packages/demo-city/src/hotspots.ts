/**
 * Hot spots: the places a call generator should favour (station, pedestrian street, bar street,
 * market, night market...), each with its incident mix and hour-of-day profile. Positions follow
 * the city layout (bar street in the old town, university in the suburbs) and sit on a junction.
 */
import type { IncidentType } from '@dispatch/domain';
import { ringOffset, type CityFrame } from './frame.js';
import { distance, type XY } from './geometry.js';
import { OUTER_RING_NAME, RIVER_NAME } from './names.js';
import type { Rng } from './prng.js';
import { riverYAt } from './river.js';
import type { RoadJunction } from './roads.js';
import type { Hotspot, HotspotKind } from './types.js';

type Profile = 'day' | 'night' | 'commute' | 'steady';

interface Template {
  kind: HotspotKind;
  weight: number;
  radiusMeters: number;
  profile: Profile;
  incidents: Partial<Record<IncidentType, number>>;
  /** Target position (local meters) from the frame; `u` (west/east) and `v` (dry side up) in [-1, 1]. */
  where: 'old_town' | 'urban' | 'suburban' | 'river' | 'motorway';
  u: number;
  v: number;
  name: (place: { road: string; grid: string; roads: string[] }) => string;
}

// prettier-ignore
const TEMPLATES: Template[] = [
  { kind: 'railway_station', weight: 1, radiusMeters: 400, profile: 'commute', where: 'urban', u: 0.33, v: 0.05,
    incidents: { theft: 4, dispute: 3, help_request: 3, missing_person: 2, suspicious: 2, fight: 1 }, name: () => '城站火车站' },
  { kind: 'commercial_street', weight: 0.9, radiusMeters: 350, profile: 'day', where: 'old_town', u: 0.1, v: 0.1,
    incidents: { theft: 4, dispute: 2, help_request: 2, fight: 1, missing_person: 1 }, name: (p) => `${p.road.replace(/[路街巷弄]$/, '')}步行街` },
  { kind: 'bar_street', weight: 0.7, radiusMeters: 250, profile: 'night', where: 'old_town', u: -0.6, v: 0.3,
    incidents: { fight: 4, noise: 3, dispute: 2, knife_attack: 0.5, robbery: 0.5, help_request: 1 }, name: (p) => `${p.road.replace(/[路街巷弄]$/, '')}酒吧街` },
  { kind: 'market', weight: 0.5, radiusMeters: 200, profile: 'day', where: 'old_town', u: 0.45, v: -0.5,
    incidents: { theft: 2, dispute: 3, help_request: 1, fire_medical: 1 }, name: (p) => `${p.grid}菜市场` },
  { kind: 'night_market', weight: 0.6, radiusMeters: 300, profile: 'night', where: 'urban', u: -0.35, v: 0.35,
    incidents: { theft: 3, fight: 2, noise: 2, dispute: 2 }, name: (p) => `${p.road.replace(/[路街巷弄]$/, '')}夜市` },
  { kind: 'shopping_mall', weight: 0.6, radiusMeters: 300, profile: 'day', where: 'urban', u: 0.5, v: 0.45,
    incidents: { theft: 3, dispute: 2, help_request: 2, missing_person: 1 }, name: (p) => `${p.grid}购物中心` },
  { kind: 'hospital', weight: 0.4, radiusMeters: 200, profile: 'steady', where: 'urban', u: -0.1, v: 0.3,
    incidents: { dispute: 3, help_request: 2, fight: 1, fire_medical: 1 }, name: () => '市第一人民医院' },
  { kind: 'stadium', weight: 0.3, radiusMeters: 400, profile: 'night', where: 'urban', u: 0.55, v: -0.2,
    incidents: { fight: 2, theft: 2, traffic_accident: 1, dispute: 1 }, name: () => '市体育中心' },
  { kind: 'bus_station', weight: 0.5, radiusMeters: 300, profile: 'commute', where: 'urban', u: -0.3, v: 0.8,
    incidents: { theft: 3, dispute: 2, help_request: 2, missing_person: 1 }, name: () => '汽车客运总站' },
  { kind: 'scenic_area', weight: 0.4, radiusMeters: 500, profile: 'day', where: 'river', u: -0.25, v: 0,
    incidents: { missing_person: 3, help_request: 3, theft: 1, dispute: 1 }, name: () => `${RIVER_NAME}滨江公园` },
  { kind: 'university', weight: 0.4, radiusMeters: 600, profile: 'day', where: 'suburban', u: -0.85, v: 0.6,
    incidents: { theft: 3, help_request: 2, dispute: 1, suspicious: 1 }, name: (p) => `${p.grid}大学城` },
  { kind: 'urban_village', weight: 0.6, radiusMeters: 400, profile: 'night', where: 'suburban', u: 0.85, v: 0.55,
    incidents: { theft: 3, fight: 2, dispute: 3, robbery: 1, noise: 1 }, name: (p) => `${p.grid}城中村` },
  { kind: 'motorway_exit', weight: 0.3, radiusMeters: 500, profile: 'commute', where: 'motorway', u: -0.6, v: -0.6,
    incidents: { traffic_accident: 5, help_request: 1 }, name: (p) => `${OUTER_RING_NAME}${(p.roads.find((r) => r !== OUTER_RING_NAME) ?? '').replace(/大道$|路$/, '')}出口` },
];

function hourlyProfile(profile: Profile): number[] {
  const bump = (h: number, centre: number, width: number): number => {
    const d = Math.min(Math.abs(h - centre), 24 - Math.abs(h - centre));
    return Math.exp(-(d * d) / (2 * width * width));
  };
  const raw = Array.from({ length: 24 }, (_, h) => {
    switch (profile) {
      case 'day':
        return 0.2 + 1.5 * bump(h, 14, 3.5);
      case 'night':
        return 0.2 + 1.8 * bump(h, 23, 2.5);
      case 'commute':
        return 0.3 + bump(h, 8, 1.3) + bump(h, 18, 1.5) + 0.4 * bump(h, 13, 3);
      case 'steady':
        return 0.7 + 0.5 * bump(h, 11, 4);
    }
  });
  const mean = raw.reduce((a, b) => a + b, 0) / 24;
  return raw.map((x) => Math.round((x / mean) * 1000) / 1000);
}

/** Places the hot spots on junctions; `gridOf` maps a junction to its grid (code and name). */
export function buildHotspots(
  rng: Rng,
  frame: CityFrame,
  junctions: readonly RoadJunction[],
  gridOf: (j: RoadJunction) => { code: string; name: string },
): Hotspot[] {
  const [ia, ib] = frame.innerHalfAxes;
  const [oa, ob] = frame.outerHalfAxes;
  const dry = -Math.sign(frame.river.ys[0] ?? -1) || 1;
  const fits: Record<Template['where'], (j: RoadJunction) => boolean> = {
    old_town: (j) => ringOffset(frame.inner, j.xy) < -80 && j.degree >= 3,
    urban: (j) =>
      ringOffset(frame.inner, j.xy) > 100 && ringOffset(frame.outer, j.xy) < -100 && j.degree >= 3,
    suburban: (j) => ringOffset(frame.outer, j.xy) > 200 && j.degree >= 3,
    river: (j) => j.names.some((n) => n.startsWith(RIVER_NAME)) && j.degree >= 3,
    motorway: (j) => j.highway === 'motorway' && j.degree >= 3,
  };
  const total = TEMPLATES.reduce((s, t) => s + t.weight, 0);
  return TEMPLATES.map((t, i): Hotspot => {
    const [sx, sy] = t.where === 'old_town' ? [ia, ib] : [oa, ob];
    let target: XY = [
      t.u * sx + rng.range(-300, 300) * frame.k,
      t.v * sy * dry + rng.range(-300, 300) * frame.k,
    ];
    if (t.where === 'river') target = [target[0], riverYAt(frame.river, target[0])];
    let best: RoadJunction | undefined;
    for (const j of junctions)
      if (fits[t.where](j) && (!best || distance(j.xy, target) < distance(best.xy, target))) best = j;
    const at = best ?? (junctions[0] as RoadJunction);
    const grid = gridOf(at);
    const road = at.names.find((n) => !n.startsWith('环城') && n !== OUTER_RING_NAME) ?? at.names[0] ?? '';
    return {
      code: `H${String(i + 1).padStart(2, '0')}`,
      name: t.name({ road, grid: grid.name.replace(/网格$/, ''), roads: at.names }),
      kind: t.kind,
      lngLat: at.lngLat,
      radiusMeters: t.radiusMeters,
      weight: Math.round((t.weight / total) * 10000) / 10000,
      incidentWeights: { ...t.incidents },
      hourlyProfile: hourlyProfile(t.profile),
      gridCode: grid.code,
    };
  });
}
