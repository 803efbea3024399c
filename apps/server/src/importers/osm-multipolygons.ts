/**
 * Multipolygon relations for the basemap (large lakes, riverbanks, parks, land use are often drawn
 * only as relations): their tags and member ways from a `.osm.pbf`, and the ring assembly that
 * joins member ways end to end into closed rings. The road readers skip relations, so this reads
 * the file once more for them (osm-pbf-parser-node, relation tags only).
 */
import { createOSMStream } from 'osm-pbf-parser-node';

type Position = [number, number];

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

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * Joins lines end to end into closed rings (a line may be reversed to fit). Pieces that close
 * no ring (a member clipped off by the extract) are dropped.
 */
export function assembleRings(lines: readonly Position[][]): Position[][] {
  const open = lines.filter((l) => l.length >= 2).map((l) => [...l]);
  const rings: Position[][] = [];
  while (open.length > 0) {
    let ring = open.pop()!;
    let grown = true;
    while (!same(ring[0]!, ring.at(-1)!) && grown) {
      grown = false;
      for (let i = 0; i < open.length; i++) {
        const next = open[i]!;
        const end = ring.at(-1)!;
        if (same(next[0]!, end)) ring = [...ring, ...next.slice(1)];
        else if (same(next.at(-1)!, end)) ring = [...ring, ...next.slice(0, -1).reverse()];
        else continue;
        open.splice(i, 1);
        grown = true;
        break;
      }
    }
    if (ring.length >= 4 && same(ring[0]!, ring.at(-1)!)) rings.push(ring);
  }
  return rings;
}

/** Even-odd test of a point against a closed ring. */
export function insideRing(point: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}
