/**
 * What live coverage, standby points and move-up share on the server: the grids as zones of the
 * road network, the candidate standby sites with what each reaches within the response targets,
 * the free units as `@dispatch/coverage` sees them (home zone and the rest of their station's
 * area), and the expected demand per vertex for an hour (hot spots, else road length).
 *
 * Zones are rebuilt when the network or the grids change. The site reach (one bounded search per
 * site, ~2 ms each on a 100k-node city) is built by the planning engine on first use and kept
 * there; that engine runs in a worker thread, so requests and socket pushes are not held up.
 */
import {
  segmentZoneOf,
  stationZonesOf,
  vertexDemandOf,
  vertexZoneOf,
  type CoverUnit,
  type HourWeight,
  type StandbySite,
} from '@dispatch/coverage';
import type { ClockTargets } from '@dispatch/domain';
import type { RoadNetwork, TravelCandidate } from '@dispatch/routing';
import type { Planning, PlanningZones } from '../planning/planning-client.js';
import type { GridIndex } from './grid-index.js';
import type { HotspotService } from './hotspot-service.js';
import type { RecommendationService } from './recommendation-service.js';
import type { RoadNetworkService } from './road-network-service.js';

export interface Zones extends PlanningZones {
  network: RoadNetwork;
  /** The network and grid version these zones are of (the planning engine's name for them). */
  key: string;
  gridVersion: number;
  /** Zone i is grid `gridIds[i]`. */
  gridIds: string[];
  zoneOf: ReadonlyMap<string, number>;
  /** Zone of each road segment (-1: in no grid). */
  segmentZone: Int32Array;
  /** Zone of each vertex (`vertexZoneOf`). */
  vertexZone: Int32Array;
  /** Zones of the same station as zone i (itself excluded). */
  stationZones: readonly (readonly number[])[];
}

/** A free unit as standby and move-up place it, with what dispatch knows of it. */
export interface PlannerUnit extends CoverUnit {
  readonly id: string;
  readonly callSign: string;
  readonly homeGridId: string | null;
}

/** The standby sites of the zones; what each reaches stays in the planning engine. */
export interface Reach {
  zones: Zones;
  /** Changes when the zones or the targets do. */
  key: string;
  sites: readonly StandbySite[];
  targetsSeconds: readonly number[];
}

let nextZonesKey = 1;

export class CoverPlanner {
  private zonesCache: Zones | null = null;
  private reachCache: { key: string; reach: Promise<Reach> } | null = null;

  constructor(
    private readonly roads: RoadNetworkService,
    private readonly grids: GridIndex,
    private readonly recommendations: Pick<RecommendationService, 'freeLoadedUnits'>,
    private readonly targets: () => Promise<ClockTargets>,
    private readonly hotspots: Pick<HotspotService, 'segmentDemand'> | null = null,
    /** Where the searches run (a worker thread on the server). */
    readonly planning: Planning,
  ) {}

  /** The grids as zones of the current road network; null without a network. */
  zones(): Zones | null {
    const network = this.roads.network;
    if (!network) return null;
    const known = this.zonesCache;
    if (known && known.network === network && known.gridVersion === this.grids.version) return known;
    const gridIds = this.grids.ids();
    const zoneOf = new Map(gridIds.map((id, i) => [id, i]));
    const segmentZone = segmentZoneOf(network, (lngLat) => {
      const grid = this.grids.locate(lngLat);
      return grid === null ? -1 : zoneOf.get(grid)!;
    });
    const stationZones = stationZonesOf(this.grids.stations());
    this.zonesCache = {
      network,
      key: `z${nextZonesKey++}`,
      gridVersion: this.grids.version,
      gridIds,
      zoneOf,
      segmentZone,
      vertexZone: vertexZoneOf(network, segmentZone),
      stationZones,
    };
    return this.zonesCache;
  }

  /** The response targets standby and move-up cover: first arrival and reinforcement. */
  async coverTargets(): Promise<[number, number]> {
    const t = await this.targets();
    return [t.firstArrivalSeconds, t.reinforcementSeconds];
  }

  /**
   * Candidate standby sites for the current network, grids and targets, with their reach built in
   * the planning engine (on first use; concurrent callers share one build). Null without a network.
   */
  async reach(): Promise<Reach | null> {
    const zones = this.zones();
    if (!zones) return null;
    const targets = await this.coverTargets();
    const key = `${zones.gridVersion}|${targets.join(',')}`;
    const known = this.reachCache;
    if (known && known.key === key) {
      const built = await known.reach;
      if (built.zones.network === zones.network) return built;
    }
    const reach = this.planning
      .reach(zones, targets)
      .then((r): Reach => ({ zones, key: r.key, sites: r.sites, targetsSeconds: r.targetsSeconds }));
    this.reachCache = { key, reach };
    reach.catch(() => {
      if (this.reachCache?.reach === reach) this.reachCache = null; // never keep a failed build
    });
    return reach;
  }

  /**
   * Expected demand per vertex for `hours` (an hour of week or a weighted run of them, such as a
   * shift; default now): hot spots, else road length. `segments` is the same demand per road
   * segment (null: road length), as `zoneCoverage` and live coverage weigh it.
   */
  vertexDemand(
    network: RoadNetwork,
    hours?: number | readonly HourWeight[],
  ): { demand: Float64Array; model: 'hotspots' | 'length'; segments: Float64Array | null } {
    const segments = this.hotspots?.segmentDemand(network, hours) ?? null;
    return {
      demand: vertexDemandOf(network, segments ?? undefined),
      model: segments ? 'hotspots' : 'length',
      segments,
    };
  }

  /** The free units with a known position, with their home zone and station area. */
  async units(zones: Zones): Promise<PlannerUnit[]> {
    const free = await this.recommendations.freeLoadedUnits();
    return free.map((u) => plannerUnit(zones, u));
  }
}

function plannerUnit(
  zones: Zones,
  u: { id: string; callSign: string; homeGridId: string | null; travel: TravelCandidate },
): PlannerUnit {
  const homeZone = u.homeGridId === null ? -1 : (zones.zoneOf.get(u.homeGridId) ?? -1);
  return {
    id: u.id,
    callSign: u.callSign,
    homeGridId: u.homeGridId,
    candidate: u.travel,
    homeZone,
    allowedZones: homeZone < 0 ? [] : zones.stationZones[homeZone]!,
  };
}
