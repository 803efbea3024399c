import type { LngLat } from '@dispatch/domain';
import { positive, usableNetwork } from './candidates.js';
import type { RoadNetwork } from './network.js';
import { driveProfile, endLinks, walkProfile, type SearchProfile } from './profile.js';
import { contextFor } from './search-context.js';
import { snapPoint, type Snap } from './snap.js';
import { DEFAULT_TRAVEL_PARAMS, type TravelParams } from './travel-types.js';

/** `outbound`: from the origins to every node; `inbound`: from every node to the origins. */
export type SearchDirection = 'outbound' | 'inbound';

/** Options of {@link travelTimesFrom}. */
export interface TravelTimesOptions {
  readonly direction?: SearchDirection;
  /** Stop the search here (default: unbounded, i.e. one-to-all). */
  readonly maxSeconds?: number;
  /** `drive` (default, one-way respected) or `walk` (at `params.walkSpeedMps`). */
  readonly mode?: 'drive' | 'walk';
  /** Drive: multiplies road speeds. */
  readonly speedFactor?: number;
  readonly params?: Partial<TravelParams>;
}

/** An origin placed on the network. */
export interface OriginSnap {
  readonly snap: Snap;
  /** Seconds to get from the origin onto the road (off-road offset). */
  readonly offsetSeconds: number;
}

/** Result of a one-to-all (or many-to-all) search: seconds per node, and who got there first. */
export interface NodeTravelTimes {
  readonly network: RoadNetwork;
  readonly profile: SearchProfile;
  readonly direction: SearchDirection;
  /**
   * Per graph node: seconds from (to) the nearest origin; Infinity when not reached within
   * `maxSeconds`. Shape vertices: see `vertexTimes`.
   */
  readonly seconds: Float64Array;
  /** Per node: index of the fastest origin, -1 when not reached. */
  readonly origin: Int32Array;
  /** Per origin: its snap, null when it could not be placed on the network. */
  readonly origins: readonly (OriginSnap | null)[];
  readonly maxSeconds: number;
  /** Seconds per unit of search cost (for converting arc costs). */
  readonly secondsPerCost: number;
}

/**
 * Seconds from the origins to every node (multi-source Dijkstra seeded with the partial segment
 * costs at each origin's snap point). The arrays are fresh and owned by the caller: keep them for
 * coverage, move-up or checkpoint planning. Returns null without a usable network.
 */
export function travelTimesFrom(
  network: RoadNetwork | null | undefined,
  origins: readonly LngLat[],
  options: TravelTimesOptions = {},
): NodeTravelTimes | null {
  if (!usableNetwork(network)) return null;
  const net = network;
  const p: TravelParams = { ...DEFAULT_TRAVEL_PARAMS, ...options.params };
  const walking = options.mode === 'walk';
  const profile = walking ? walkProfile(net) : driveProfile(net);
  const direction = options.direction ?? 'outbound';
  const secondsPerCost = walking ? 1 / p.walkSpeedMps : 1 / positive(options.speedFactor, 1);
  const offRoadSpeed = walking
    ? p.walkSpeedMps
    : direction === 'outbound'
      ? p.offRoadDriveSpeedMps
      : p.accessWalkSpeedMps;
  const maxSeconds = options.maxSeconds ?? Infinity;

  const ctx = contextFor(net);
  ctx.begin(2 * origins.length);
  const snaps = origins.map((o, i): OriginSnap | null => {
    const snap = snapPoint(net, o, {
      profile: profile.kind,
      components: p.components,
      maxDistanceMeters: p.maxSnapMeters,
    });
    if (!snap) return null;
    const offsetSeconds = snap.offsetMeters / offRoadSpeed;
    for (const l of endLinks(net, profile, snap, direction === 'outbound')) {
      ctx.seed(l.node, offsetSeconds / secondsPerCost + l.cost, l.meters + snap.offsetMeters, i);
    }
    return { snap, offsetSeconds };
  });
  // Costs only, no settle order needed: the bucket queue is the faster one-to-all.
  ctx.runUnordered(
    direction === 'outbound' ? profile.outbound : profile.inbound,
    maxSeconds / secondsPerCost,
  );

  const n = net.nodeCount;
  const seconds = new Float64Array(n).fill(Infinity);
  const origin = new Int32Array(n).fill(-1);
  const { settled, generation, cost, source } = ctx;
  for (let v = 0; v < n; v++) {
    if (settled[v] !== generation) continue;
    seconds[v] = cost[v]! * secondsPerCost;
    origin[v] = source[v]!;
  }
  return { network: net, profile, direction, seconds, origin, origins: snaps, maxSeconds, secondsPerCost };
}
