/** Geometry helpers of the basemap: rings from OSM member ways, point in ring, a river's outline. */
type Position = [number, number];

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

const METERS_PER_DEGREE = 111_320;

/** A polygon around a polyline, `halfWidth` metres each side (mitred at the vertices). */
export function bufferLine(line: readonly Position[], halfWidthMeters: number): Position[] {
  if (line.length < 2) return [];
  const lat0 = (line[0]![1] * Math.PI) / 180;
  const kx = METERS_PER_DEGREE * Math.cos(lat0);
  const ky = METERS_PER_DEGREE;
  const xy = line.map(([lng, lat]) => [lng * kx, lat * ky] as const);
  const left: Position[] = [];
  const right: Position[] = [];
  for (let i = 0; i < xy.length; i++) {
    const a = xy[Math.max(0, i - 1)]!;
    const b = xy[Math.min(xy.length - 1, i + 1)]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    const nx = (-dy / len) * halfWidthMeters;
    const ny = (dx / len) * halfWidthMeters;
    const [x, y] = xy[i]!;
    left.push([(x + nx) / kx, (y + ny) / ky]);
    right.push([(x - nx) / kx, (y - ny) / ky]);
  }
  const ring = [...left, ...right.reverse()];
  ring.push(ring[0]!);
  return ring;
}
