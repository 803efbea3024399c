/**
 * Multipolygon relations for the basemap (large lakes, riverbanks, parks, land use are often drawn
 * only as relations): their tags and member ways from a `.osm.pbf` (rings are joined by
 * `assembleRings` of @dispatch/basemap). The road readers skip relations, so this reads the file
 * once more for them (osm-pbf-parser-node, relation tags only).
 */
import { createOSMStream } from 'osm-pbf-parser-node';

export interface MultipolygonRelation {
  id: number;
  tags: Record<string, string>;
  outer: number[];
  inner: number[];
}

interface PbfRelation {
  type?: string;
  id?: number;
  tags?: Record<string, string>;
  members?: { type?: string; ref?: number; role?: string }[];
}

/** `type=multipolygon` relations whose tags pass `wanted`, with their way members by role. */
export async function readMultipolygons(
  file: string,
  wanted: (tags: Record<string, string>) => boolean,
): Promise<MultipolygonRelation[]> {
  const relations: MultipolygonRelation[] = [];
  const items = createOSMStream(file, {
    withTags: { node: false, way: false, relation: true },
    withInfo: false,
  });
  for await (const raw of items) {
    const item = raw as PbfRelation;
    if (item.type !== 'relation' || item.tags?.['type'] !== 'multipolygon' || !wanted(item.tags)) continue;
    const outer: number[] = [];
    const inner: number[] = [];
    for (const m of item.members ?? []) {
      if (m.type !== 'way' || m.ref === undefined) continue;
      (m.role === 'inner' ? inner : outer).push(m.ref);
    }
    if (outer.length > 0) relations.push({ id: item.id ?? 0, tags: item.tags, outer, inner });
  }
  return relations;
}
