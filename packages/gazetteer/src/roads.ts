/**
 * Gazetteer entries from the road graph (@dispatch/routing's RoadNetwork): one entry per named
 * road (per stretch: two roads of the same name kilometres apart are two entries), and one per
 * junction where two differently named roads meet, searchable as 「A路与B路交叉口」, 「A路B路口」 and
 * 「A / B」 in either order.
 */
import type { RoadNetwork } from '@dispatch/routing';
import { haversineRaw } from './geo.js';
import type { GazetteerEntry } from './entry.js';
import { hasCjk } from './normalize.js';

/** Stretches of one name closer than this are one road (dual carriageways, gaps at junctions). */
const ROAD_MERGE_METERS = 300;
/** Junctions of the same two names closer than this are one intersection (dual carriageways). */
const INTERSECTION_MERGE_METERS = 150;

/** Road classes, most important first: the main road is named first in an intersection. */
const CLASS_ORDER = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
];
const classRank = (highway: string): number => {
  const i = CLASS_ORDER.indexOf(highway.replace(/_link$/, ''));
  return i < 0 ? CLASS_ORDER.length : i;
};

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(a: number): number {
    let r = a;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[a] !== r) {
      const next = this.parent[a]!;
      this.parent[a] = r;
      a = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

interface Box {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Smallest distance in meters between two boxes (0 when they overlap). */
function boxGapMeters(a: Box, b: Box): number {
  const dLng = Math.max(0, a.minLng - b.maxLng, b.minLng - a.maxLng);
  const dLat = Math.max(0, a.minLat - b.maxLat, b.minLat - a.maxLat);
  const lat = (a.minLat + a.maxLat) / 2;
  return haversineRaw(0, lat, dLng, lat + dLat);
}

/** Named roads: one entry per stretch of a name, placed on the road near the stretch's middle. */
export function roadEntries(network: RoadNetwork): GazetteerEntry[] {
  const { segFeature, segFrom, segTo, vertexLng, vertexLat, features } = network;
  const byName = new Map<string, number[]>();
  for (let s = 0; s < network.segmentCount; s++) {
    const name = features[segFeature[s]!]?.name?.trim();
    if (!name) continue;
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push(s);
  }
  const entries: GazetteerEntry[] = [];
  for (const [name, segments] of byName) {
    // Stretches: segments sharing a vertex, then stretches whose boxes nearly touch.
    const uf = new UnionFind(segments.length);
    const atVertex = new Map<number, number>();
    segments.forEach((s, i) => {
      for (const v of [segFrom[s]!, segTo[s]!]) {
        const j = atVertex.get(v);
        if (j === undefined) atVertex.set(v, i);
        else uf.union(i, j);
      }
    });
    const stretches = new Map<number, { segments: number[]; box: Box; rank: number }>();
    segments.forEach((s, i) => {
      const root = uf.find(i);
      let st = stretches.get(root);
      if (!st) {
        st = {
          segments: [],
          box: { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity },
          rank: 99,
        };
        stretches.set(root, st);
      }
      st.segments.push(s);
      st.rank = Math.min(st.rank, classRank(features[segFeature[s]!]!.highway));
      for (const v of [segFrom[s]!, segTo[s]!]) {
        st.box.minLng = Math.min(st.box.minLng, vertexLng[v]!);
        st.box.maxLng = Math.max(st.box.maxLng, vertexLng[v]!);
        st.box.minLat = Math.min(st.box.minLat, vertexLat[v]!);
        st.box.maxLat = Math.max(st.box.maxLat, vertexLat[v]!);
      }
    });
    const groups = [...stretches.values()];
    const merged = new UnionFind(groups.length);
    for (let a = 0; a < groups.length; a++)
      for (let b = a + 1; b < groups.length; b++)
        if (boxGapMeters(groups[a]!.box, groups[b]!.box) <= ROAD_MERGE_METERS) merged.union(a, b);
    const roads = new Map<number, { segments: number[]; box: Box; rank: number }>();
    groups.forEach((g, i) => {
      const root = merged.find(i);
      const r = roads.get(root);
      if (!r) roads.set(root, { segments: [...g.segments], box: { ...g.box }, rank: g.rank });
      else {
        r.segments.push(...g.segments);
        r.rank = Math.min(r.rank, g.rank);
        r.box = {
          minLng: Math.min(r.box.minLng, g.box.minLng),
          minLat: Math.min(r.box.minLat, g.box.minLat),
          maxLng: Math.max(r.box.maxLng, g.box.maxLng),
          maxLat: Math.max(r.box.maxLat, g.box.maxLat),
        };
      }
    });
    // Larger stretches first, so `:0` is the main one.
    const ordered = [...roads.values()].sort((a, b) => b.segments.length - a.segments.length);
    ordered.forEach((road, i) => {
      const cLng = (road.box.minLng + road.box.maxLng) / 2;
      const cLat = (road.box.minLat + road.box.maxLat) / 2;
      let best = segFrom[road.segments[0]!]!;
      let bestD = Infinity;
      for (const s of road.segments) {
        for (const v of [segFrom[s]!, segTo[s]!]) {
          const d = haversineRaw(cLng, cLat, vertexLng[v]!, vertexLat[v]!);
          if (d < bestD) {
            bestD = d;
            best = v;
          }
        }
      }
      const highway = CLASS_ORDER[road.rank] ?? null;
      entries.push({
        id: `road:${name}:${i}`,
        kind: 'road',
        name,
        aliases: [],
        address: null,
        lng: vertexLng[best]!,
        lat: vertexLat[best]!,
        category: highway ? `highway=${highway}` : null,
        keyPlace: null,
        source: 'roads',
      });
    });
  }
  return entries;
}

/** The searchable forms of the junction of `a` (the main road) and `b`. */
export function intersectionNames(a: string, b: string): { name: string; aliases: string[] } {
  if (hasCjk(a) || hasCjk(b)) {
    const forms = (x: string, y: string) => [`${x}与${y}交叉口`, `${x}${y}口`, `${x} / ${y}`];
    const [name, ...rest] = forms(a, b);
    return { name: name!, aliases: [...rest, ...forms(b, a)] };
  }
  return { name: `${a} / ${b}`, aliases: [`${a} & ${b}`, `${b} / ${a}`, `${b} & ${a}`] };
}

/**
 * Junctions of two differently named roads: at a vertex where at least three segment ends meet
 * (a name changing along one road is no junction) and two names are present, each pair of
 * names makes an entry; the vertices of one pair within 150 m (dual carriageways) are one entry
 * at their middle.
 */
export function intersectionEntries(network: RoadNetwork): GazetteerEntry[] {
  const { segFeature, segFrom, segTo, vertexLng, vertexLat, features } = network;
  const degree = new Uint16Array(network.vertexCount);
  const namesAt = new Map<number, Map<string, number>>();
  for (let s = 0; s < network.segmentCount; s++) {
    const f = features[segFeature[s]!]!;
    const name = f.name?.trim();
    for (const v of [segFrom[s]!, segTo[s]!]) {
      degree[v] = Math.min(65535, degree[v]! + 1);
      if (!name) continue;
      let names = namesAt.get(v);
      if (!names) namesAt.set(v, (names = new Map()));
      names.set(name, Math.min(names.get(name) ?? 99, classRank(f.highway)));
    }
  }
  const byPair = new Map<string, { a: string; b: string; points: number[] }>();
  for (const [v, names] of namesAt) {
    if (names.size < 2 || degree[v]! < 3) continue;
    // Main road first (by class, then name), so the display name reads as locals say it.
    const ordered = [...names].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    for (let i = 0; i < ordered.length; i++)
      for (let j = i + 1; j < ordered.length; j++) {
        const a = ordered[i]![0];
        const b = ordered[j]![0];
        const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
        let pair = byPair.get(key);
        if (!pair) byPair.set(key, (pair = { a, b, points: [] }));
        pair.points.push(v);
      }
  }
  const entries: GazetteerEntry[] = [];
  for (const { a, b, points } of byPair.values()) {
    const uf = new UnionFind(points.length);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) {
        const p = points[i]!;
        const q = points[j]!;
        if (
          haversineRaw(vertexLng[p]!, vertexLat[p]!, vertexLng[q]!, vertexLat[q]!) <=
          INTERSECTION_MERGE_METERS
        )
          uf.union(i, j);
      }
    const clusters = new Map<number, number[]>();
    points.forEach((v, i) => {
      const root = uf.find(i);
      const c = clusters.get(root);
      if (c) c.push(v);
      else clusters.set(root, [v]);
    });
    const { name, aliases } = intersectionNames(a, b);
    [...clusters.values()].forEach((vertices, i) => {
      let lng = 0;
      let lat = 0;
      for (const v of vertices) {
        lng += vertexLng[v]!;
        lat += vertexLat[v]!;
      }
      entries.push({
        id: `junction:${a}|${b}:${i}`,
        kind: 'intersection',
        name,
        aliases,
        address: null,
        lng: lng / vertices.length,
        lat: lat / vertices.length,
        category: null,
        keyPlace: null,
        source: 'roads',
      });
    });
  }
  return entries;
}
