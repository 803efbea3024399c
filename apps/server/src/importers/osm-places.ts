/**
 * Named places and house addresses from OpenStreetMap data for the gazetteer: tagged nodes at
 * their position, tagged ways at the centroid of their nodes. The rules of what counts live in
 * @dispatch/gazetteer (`isGazetteerTagged`, `osmPlaceEntries`); this reads the file, in two
 * passes like the road import (ways and tagged nodes first, then the positions ways need).
 */
import { isGazetteerTagged, osmPlaceEntries, type GazetteerEntry } from '@dispatch/gazetteer';
import type { OsmElement } from './osm-roads.js';

/** Tagged nodes as the readers yield them when asked for node tags. */
export interface OsmTaggedNode {
  type: 'node';
  id: number;
  lat: number;
  lon: number;
  tags?: Record<string, string>;
}

export type OsmPlaceSource = () => AsyncIterable<OsmElement | OsmTaggedNode>;

const valid = (lon: number, lat: number) =>
  Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

/** Gazetteer entries of the places and addresses in an OSM source (its readers with node tags). */
export async function osmPlaces(source: OsmPlaceSource): Promise<GazetteerEntry[]> {
  const entries: GazetteerEntry[] = [];
  const ways: { id: number; refs: number[]; tags: Record<string, string> }[] = [];
  const needed = new Set<number>();
  for await (const element of source()) {
    if (element.type === 'node') {
      const tags = (element as OsmTaggedNode).tags;
      if (tags && isGazetteerTagged(tags) && valid(element.lon, element.lat))
        entries.push(
          ...osmPlaceEntries({ id: `node/${element.id}`, lng: element.lon, lat: element.lat, tags }),
        );
    } else if (element.type === 'way' && isGazetteerTagged(element.tags)) {
      ways.push({ id: element.id, refs: element.refs, tags: element.tags });
      for (const ref of element.refs) needed.add(ref);
    }
  }
  if (ways.length === 0) return entries;
  const positions = new Map<number, [number, number]>();
  for await (const element of source()) {
    if (element.type === 'node' && needed.has(element.id) && valid(element.lon, element.lat))
      positions.set(element.id, [element.lon, element.lat]);
  }
  for (const way of ways) {
    // A closed way repeats its first node: count it once.
    const refs = way.refs.length > 1 && way.refs[0] === way.refs.at(-1) ? way.refs.slice(1) : way.refs;
    let lng = 0;
    let lat = 0;
    let n = 0;
    for (const ref of refs) {
      const p = positions.get(ref);
      if (!p) continue;
      lng += p[0];
      lat += p[1];
      n++;
    }
    if (n === 0) continue;
    entries.push(...osmPlaceEntries({ id: `way/${way.id}`, lng: lng / n, lat: lat / n, tags: way.tags }));
  }
  return entries;
}
