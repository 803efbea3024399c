/**
 * Candidate standby points and what each covers. Sites are graph nodes spread over every zone
 * (one per zone and cell of a square grid, the node nearest the cell's centre), in the largest
 * driving component so a car can get there and leave again. What a site covers is measured
 * OUTBOUND from it, bounded at the largest target: a unit waiting there drives from the site to
 * the incident. The reach of all sites is computed once per road network (and site list), like
 * snapping; standby and move-up then only read it.
 */
import type { LngLat } from '@dispatch/domain';
import { travelTimesFrom, vertexTimes, type RoadNetwork, type TravelParams } from '@dispatch/routing';

/** A place where a free unit may wait: a road vertex, in one zone (grid). */
export interface StandbySite {
  readonly vertex: number;
  /** Zone (grid index, as in `zoneCoverage`) the site lies in; -1: in none. */
  readonly zone: number;
  readonly lngLat: LngLat;
}

/** The response targets standby and move-up cover, in seconds: 3 and 5 minutes. */
export const DEFAULT_COVER_TARGETS_SECONDS: readonly number[] = [180, 300];
/** Default spacing of sampled standby sites. */
export const DEFAULT_SITE_SPACING_METERS = 600;

/**
 * One site per zone and `spacingMeters` cell: the graph node of the largest strongly connected
 * driving component nearest the cell's centre (ties: lower node). Deterministic; ordered by zone,
 * then cell row and column.
 * @param vertexZone zone of each vertex (`vertexZoneOf`); vertices in no zone (-1) get no site.
 */
export function sampleStandbySites(
  network: RoadNetwork,
  vertexZone: Int32Array,
  options: { spacingMeters?: number } = {},
): StandbySite[] {
  const spacing = options.spacingMeters ?? DEFAULT_SITE_SPACING_METERS;
  const { nodeVertex, vertexX, vertexY, component, largestComponent } = network;
  const best = new Map<string, { node: number; d2: number; zone: number; row: number; col: number }>();
  for (let node = 0; node < network.nodeCount; node++) {
    if (component[node] !== largestComponent) continue;
    const v = nodeVertex[node]!;
    // Turn states (restricted junctions) share their junction's vertex: one site per place.
    if (network.vertexNode[v] !== node) continue;
    const zone = vertexZone[v]!;
    if (zone < 0) continue;
    const x = vertexX[v]!;
    const y = vertexY[v]!;
    const col = Math.floor(x / spacing);
    const row = Math.floor(y / spacing);
    const dx = x - (col + 0.5) * spacing;
    const dy = y - (row + 0.5) * spacing;
    const d2 = dx * dx + dy * dy;
    const key = `${zone}|${row}|${col}`;
    const known = best.get(key);
    if (!known || d2 < known.d2) best.set(key, { node, d2, zone, row, col });
  }
  return [...best.values()]
    .sort((a, b) => a.zone - b.zone || a.row - b.row || a.col - b.col)
    .map(({ node, zone }) => {
      const vertex = nodeVertex[node]!;
      return { vertex, zone, lngLat: [network.vertexLng[vertex]!, network.vertexLat[vertex]!] as LngLat };
    });
}

/**
 * What each site covers: the vertices a car starting there reaches within the largest target,
 * each with the bit set of the targets it meets (bit i: within `targetsSeconds[i]`, decided in
 * full precision at build time, so the tests against `coverageTimes` agree to the vertex).
 * Compressed rows: site i covers `vertices[offsets[i] .. offsets[i + 1] - 1]`.
 */
export interface SiteReach {
  readonly network: RoadNetwork;
  readonly sites: readonly StandbySite[];
  /** Ascending, at most 8. */
  readonly targetsSeconds: readonly number[];
  /** Drive speed factor the reach was computed at (a unit slower than this is not modelled). */
  readonly speedFactor: number;
  readonly offsets: Int32Array;
  readonly vertices: Int32Array;
  readonly within: Uint8Array;
}

/** Options of {@link siteReach}. */
export interface SiteReachOptions {
  /** Default 3 and 5 minutes. */
  readonly targetsSeconds?: readonly number[];
  /** Default 1 (a patrol car); faster units (motorcycles) are then counted conservatively. */
  readonly speedFactor?: number;
  readonly params?: Partial<TravelParams>;
}

/**
 * One bounded outbound search per site (from the site to everywhere, as a unit waiting there
 * travels). About 2-3 ms a site on the 100k-node city: build it when the network or the site list
 * changes, not per recommendation.
 */
export function siteReach(
  network: RoadNetwork,
  sites: readonly StandbySite[],
  options: SiteReachOptions = {},
): SiteReach {
  const targets = [...(options.targetsSeconds ?? DEFAULT_COVER_TARGETS_SECONDS)].sort((a, b) => a - b);
  if (targets.length === 0 || targets.length > 8) throw new RangeError('siteReach: 1 to 8 targets');
  const speedFactor = options.speedFactor ?? 1;
  const limit = targets[targets.length - 1]!;
  const offsets = new Int32Array(sites.length + 1);
  let vertices = new Int32Array(1 << 16);
  let within = new Uint8Array(1 << 16);
  let n = 0;
  sites.forEach((site, i) => {
    const times = travelTimesFrom(network, [site.lngLat], {
      direction: 'outbound',
      mode: 'drive',
      maxSeconds: limit,
      speedFactor,
      ...(options.params ? { params: options.params } : {}),
    });
    if (times) {
      const { seconds } = vertexTimes(times, limit);
      for (let v = 0; v < seconds.length; v++) {
        const t = seconds[v]!;
        if (!(t <= limit)) continue;
        if (n === vertices.length) {
          vertices = grow(vertices, new Int32Array(2 * n));
          within = grow(within, new Uint8Array(2 * n));
        }
        let mask = 0;
        for (let k = 0; k < targets.length; k++) if (t <= targets[k]!) mask |= 1 << k;
        vertices[n] = v;
        within[n] = mask;
        n++;
      }
    }
    offsets[i + 1] = n;
  });
  return {
    network,
    sites,
    targetsSeconds: targets,
    speedFactor,
    offsets,
    vertices: vertices.slice(0, n),
    within: within.slice(0, n),
  };
}

/**
 * Site reaches built in parts (sites split into slices, e.g. so a server can yield between
 * slices) joined into the reach of all their sites, in order: the same as one `siteReach` call
 * over the concatenated sites. Parts must share network, targets and speed factor.
 */
export function joinSiteReach(parts: readonly SiteReach[]): SiteReach {
  const first = parts[0];
  if (!first) throw new RangeError('joinSiteReach: no parts');
  for (const p of parts)
    if (
      p.network !== first.network ||
      p.speedFactor !== first.speedFactor ||
      p.targetsSeconds.join() !== first.targetsSeconds.join()
    )
      throw new RangeError('joinSiteReach: parts differ in network, targets or speed');
  const sites = parts.flatMap((p) => p.sites);
  const total = parts.reduce((n, p) => n + p.vertices.length, 0);
  const offsets = new Int32Array(sites.length + 1);
  const vertices = new Int32Array(total);
  const within = new Uint8Array(total);
  let site = 0;
  let at = 0;
  for (const p of parts) {
    for (let i = 0; i < p.sites.length; i++) offsets[++site] = at + p.offsets[i + 1]!;
    vertices.set(p.vertices, at);
    within.set(p.within, at);
    at += p.vertices.length;
  }
  return { ...first, sites, offsets, vertices, within };
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
