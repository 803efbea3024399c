/**
 * The offline basemap's own layers from the same OpenStreetMap file as the roads: water, land use,
 * buildings (closed ways as polygons), waterway and coastline lines, and place and POI label
 * points. Roads are not read here: the basemap draws the stored road network. Two passes like the
 * road import keep memory to the ways kept and the nodes they use. Multipolygon relations
 * (read beforehand by osm-multipolygons.ts from a .pbf) become polygons with their holes.
 */
import type { OsmElement } from './osm-roads.js';
import type { OsmTaggedNode } from './osm-places.js';
import {
  assembleRings,
  classifyPoint,
  classifyWay,
  emptyBasemap,
  insideRing,
  labelOf,
  type BasemapGeometry,
  type BasemapLayers,
} from '@dispatch/basemap';
import type { MultipolygonRelation } from './osm-multipolygons.js';

type Position = [number, number];

export type BasemapSource = () => AsyncIterable<OsmElement | OsmTaggedNode>;

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const valid = (lon: number, lat: number) =>
  Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

interface KeptWay {
  refs: number[];
  layer: 'water' | 'landuse' | 'buildings';
  kind: 'area' | 'line';
  class: string;
  name: string | undefined;
  /** A named way that is also a POI (a school's grounds): its label point at the centroid. */
  poi: { layer: 'places' | 'pois'; class: string; rank: number } | null;
}

/**
 * Reads the basemap layers from an OSM source whose reader yields node tags (`readOsmPbf(file,
 * { nodeTags: true })`); a reader without node tags gives the areas and lines only.
 * `relations`: the file's multipolygons (`readMultipolygons(file, isBasemapArea)`).
 */
export async function osmBasemap(
  source: BasemapSource,
  relations: readonly MultipolygonRelation[] = [],
): Promise<BasemapLayers> {
  const layers = emptyBasemap();
  const ways: KeptWay[] = [];
  const needed = new Set<number>();
  const members = new Map<number, number[]>();
  for (const r of relations) for (const id of [...r.outer, ...r.inner]) members.set(id, []);
  for await (const element of source()) {
    if (element.type === 'node') {
      const tags = (element as OsmTaggedNode).tags;
      if (!tags || !valid(element.lon, element.lat)) continue;
      const point = classifyPoint(tags);
      if (point)
        layers[point.layer].features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [round(element.lon), round(element.lat)] },
          properties: { class: point.class, name: labelOf(tags)!, rank: point.rank },
        });
    } else if (element.type === 'way') {
      const refs = element.refs;
      if (members.has(element.id)) {
        members.set(element.id, refs);
        for (const ref of refs) needed.add(ref);
      }
      const closed = refs.length >= 4 && refs[0] === refs.at(-1);
      const kind = classifyWay(element.tags, closed);
      const point = classifyPoint(element.tags);
      if (!kind && !point) continue;
      ways.push({
        refs,
        layer: kind?.layer ?? 'landuse',
        kind: kind?.kind ?? 'line',
        class: kind?.class ?? '',
        name: labelOf(element.tags),
        poi: point,
      });
      for (const ref of refs) needed.add(ref);
    }
  }
  if (ways.length === 0 && relations.length === 0) return layers;
  // Only the nodes kept ways use, packed: a city has millions of nodes.
  const lon = new Map<number, number>();
  const lat = new Map<number, number>();
  for await (const element of source()) {
    if (element.type === 'node' && needed.has(element.id) && valid(element.lon, element.lat)) {
      lon.set(element.id, round(element.lon));
      lat.set(element.id, round(element.lat));
    }
  }
  for (const way of ways) {
    const coords: Position[] = [];
    let missing = false;
    for (const ref of way.refs) {
      const x = lon.get(ref);
      const y = lat.get(ref);
      if (x === undefined || y === undefined) {
        missing = true;
        break;
      }
      coords.push([x, y]);
    }
    // A clipped extract leaves ways without some nodes: left out, not guessed.
    if (missing || coords.length < 2) continue;
    if (way.class) {
      const geometry: BasemapGeometry =
        way.kind === 'area'
          ? { type: 'Polygon', coordinates: [coords] }
          : { type: 'LineString', coordinates: coords };
      layers[way.layer].features.push({
        type: 'Feature',
        geometry,
        properties: { class: way.class, ...(way.name ? { name: way.name } : {}) },
      });
    }
    if (way.poi && way.name) {
      const ring = coords.length > 1 && way.refs[0] === way.refs.at(-1) ? coords.slice(1) : coords;
      const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
      const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      layers[way.poi.layer].features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round(cx), round(cy)] },
        properties: { class: way.poi.class, name: way.name, rank: way.poi.rank },
      });
    }
  }
  for (const relation of relations) {
    const kind = classifyWay(relation.tags, true);
    if (!kind) continue;
    const line = (id: number): Position[] => {
      const coords: Position[] = [];
      for (const ref of members.get(id) ?? []) {
        const x = lon.get(ref);
        const y = lat.get(ref);
        if (x === undefined || y === undefined) return [];
        coords.push([x, y]);
      }
      return coords;
    };
    const outers = assembleRings(relation.outer.map(line));
    const inners = assembleRings(relation.inner.map(line));
    const name = labelOf(relation.tags);
    for (const outer of outers) {
      const holes = inners.filter((ring) => insideRing(ring[0]!, outer));
      layers[kind.layer].features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [outer, ...holes] },
        properties: { class: kind.class, ...(name ? { name } : {}) },
      });
    }
  }
  return layers;
}
