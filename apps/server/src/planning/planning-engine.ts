/**
 * The searches behind live coverage, standby points and move-up, with the state they share: the
 * road network, the grids as zones of it and the standby sites' reach. It runs in the planning
 * worker (planning-worker.ts), so a second-long plan never holds up a dispatch or a socket push on
 * the main thread; `InlinePlanning` runs the same engine in-process (tests, PLANNING_WORKER=inline).
 *
 * Every request is plain data (structured-clone safe): networks, zones and reach are named by keys
 * the client chose, and sent once per worker.
 */
import {
  recommendMoveUp,
  sampleStandbySites,
  siteReach,
  standbyPoints,
  zoneCoverage,
  type CoverUnit,
  type MoveUpResult,
  type MoveUpUnit,
  type SiteReach,
  type StandbyPlan,
  type StandbySite,
  type ZoneCoverage,
} from '@dispatch/coverage';
import type { LngLat } from '@dispatch/domain';
import {
  buildRoadNetwork,
  coverageTimes,
  type RoadFeatureCollection,
  type RoadNetwork,
  type TravelCandidate,
} from '@dispatch/routing';

/** The grids as zones of one network (cover-planner's `Zones`, without what only the main thread needs). */
export interface ZonesData {
  readonly key: string;
  readonly networkKey: number;
  readonly segmentZone: Int32Array;
  readonly vertexZone: Int32Array;
  readonly zoneCount: number;
}

/** The standby sites of a reach, as the main thread sees it (the reach itself stays in the engine). */
export interface ReachSummary {
  readonly key: string;
  readonly sites: readonly StandbySite[];
  readonly targetsSeconds: readonly number[];
}

export interface CoverageRequest {
  readonly zonesKey: string;
  readonly candidates: readonly TravelCandidate[];
  /** Ascending response targets, seconds. */
  readonly within: readonly number[];
  /** Expected demand per road segment (null: road length). */
  readonly segmentDemand: Float64Array | null;
}

export interface StandbyRequest<U extends CoverUnit = CoverUnit> {
  readonly zonesKey: string;
  readonly targetsSeconds: readonly number[];
  readonly units: readonly U[];
  /** Drivers are placed; posts, foot patrols and drones (`fixed`) stay and count as given. */
  readonly fixed: readonly TravelCandidate[];
  readonly vertexDemand: Float64Array;
  readonly segmentDemand: Float64Array | null;
  readonly busyFraction: number;
}

export interface StandbyResult {
  readonly plan: StandbyPlan;
  /** Zone coverage with the free units where they are, and with each placed car at its point. */
  readonly before: ZoneCoverage[] | null;
  readonly after: ZoneCoverage[] | null;
}

export interface MoveUpRequest<U extends MoveUpUnit = MoveUpUnit> {
  readonly zonesKey: string;
  readonly targetsSeconds: readonly number[];
  readonly units: readonly U[];
  readonly vertexDemand: Float64Array;
  readonly holes: readonly LngLat[];
  readonly now: number;
  readonly maxMoves: number;
  readonly minMoveIntervalSeconds: number;
  readonly shortlist: number;
  /** The setting that lifts the station-area limit. */
  readonly mayLeaveStationArea: boolean;
}

/** One engine call: the operation and its argument. */
export type PlanningCall =
  | { op: 'network'; key: number; geojson: string; nodeCount: number; segmentCount: number }
  | { op: 'zones'; zones: ZonesData }
  | { op: 'reach'; zonesKey: string; targetsSeconds: readonly number[] }
  | { op: 'coverage'; request: CoverageRequest }
  | { op: 'standby'; request: StandbyRequest }
  | { op: 'moveUp'; request: MoveUpRequest };

/**
 * What the engine keeps: the latest network, and the last few zone sets and reaches (the client
 * only ever asks about the zones it sent last, so those are always here).
 */
const KEEP_ZONES = 4;
const KEEP_REACH = 4;

export class PlanningEngine {
  private network: { key: number; network: RoadNetwork } | null = null;
  private readonly zones = new Map<string, ZonesData>();
  private readonly reaches = new Map<string, SiteReach>();

  /** Builds the network from its GeoJSON; it must come out as the main thread's did. */
  loadNetwork(key: number, geojson: string, expect: { nodeCount: number; segmentCount: number }): void {
    const network = buildRoadNetwork(JSON.parse(geojson) as RoadFeatureCollection);
    if (network.nodeCount !== expect.nodeCount || network.segmentCount !== expect.segmentCount)
      throw new Error(
        `planning: the network built to ${network.nodeCount} nodes / ${network.segmentCount} segments, the main thread's to ${expect.nodeCount} / ${expect.segmentCount}`,
      );
    this.useNetwork(key, network);
  }

  /** In-process: the main thread's own network object. */
  useNetwork(key: number, network: RoadNetwork): void {
    if (this.network?.key !== key) {
      this.zones.clear();
      this.reaches.clear();
    }
    this.network = { key, network };
  }

  setZones(zones: ZonesData): void {
    this.zones.delete(zones.key);
    this.zones.set(zones.key, zones);
    while (this.zones.size > KEEP_ZONES) this.zones.delete(this.zones.keys().next().value!);
  }

  /** Standby sites of the zones and what each reaches within the targets (one bounded search per site). */
  reach(zonesKey: string, targetsSeconds: readonly number[]): ReachSummary {
    const reach = this.reachOf(zonesKey, targetsSeconds);
    return {
      key: reachKey(zonesKey, targetsSeconds),
      sites: reach.sites,
      targetsSeconds: reach.targetsSeconds,
    };
  }

  /** Per zone, the road length and demand the candidates reach within each target; null: nobody routable. */
  coverage(request: CoverageRequest): ZoneCoverage[] | null {
    const { network, zones } = this.zonesOf(request.zonesKey);
    return this.measure(network, zones, request.candidates, request.within, request.segmentDemand);
  }

  standby(request: StandbyRequest): StandbyResult {
    const reach = this.reachOf(request.zonesKey, request.targetsSeconds);
    const { network, zones } = this.zonesOf(request.zonesKey);
    const targets = reach.targetsSeconds;
    const limitSeconds = Math.max(...targets);
    const fixedSeconds =
      request.fixed.length > 0 ? coverageTimes(network, request.fixed, { limitSeconds })?.seconds : undefined;
    const plan = standbyPoints(reach, request.units, request.vertexDemand, {
      busyFraction: request.busyFraction,
      ...(fixedSeconds ? { fixedSeconds } : {}),
    });
    const candidates = request.units.map((u) => u.candidate);
    const siteOf = new Map(plan.placements.map((p) => [p.unitId, p.site.lngLat]));
    const moved = candidates.map((c) => (siteOf.has(c.id) ? { ...c, lngLat: siteOf.get(c.id)! } : c));
    return {
      plan,
      before: this.measure(network, zones, candidates, targets, request.segmentDemand),
      after: this.measure(network, zones, moved, targets, request.segmentDemand),
    };
  }

  moveUp(request: MoveUpRequest): MoveUpResult {
    const reach = this.reachOf(request.zonesKey, request.targetsSeconds);
    return recommendMoveUp(
      {
        reach,
        units: request.units,
        vertexDemand: request.vertexDemand,
        holes: request.holes,
        now: request.now,
      },
      {
        maxMoves: request.maxMoves,
        minMoveIntervalSeconds: request.minMoveIntervalSeconds,
        shortlist: request.shortlist,
        ...(request.mayLeaveStationArea ? { allowSite: () => true } : {}),
      },
    );
  }

  /** Runs one call (the worker's message handler). */
  run(call: PlanningCall): unknown {
    switch (call.op) {
      case 'network':
        return this.loadNetwork(call.key, call.geojson, call);
      case 'zones':
        return this.setZones(call.zones);
      case 'reach':
        return this.reach(call.zonesKey, call.targetsSeconds);
      case 'coverage':
        return this.coverage(call.request);
      case 'standby':
        return this.standby(call.request);
      case 'moveUp':
        return this.moveUp(call.request);
    }
  }

  private measure(
    network: RoadNetwork,
    zones: ZonesData,
    candidates: readonly TravelCandidate[],
    within: readonly number[],
    segmentDemand: Float64Array | null,
  ): ZoneCoverage[] | null {
    const times = coverageTimes(network, candidates, { limitSeconds: Math.max(...within) });
    if (!times) return null;
    return zoneCoverage(
      network,
      times.seconds,
      zones.segmentZone,
      zones.zoneCount,
      within,
      segmentDemand ?? undefined,
    );
  }

  private zonesOf(key: string): { network: RoadNetwork; zones: ZonesData } {
    const zones = this.zones.get(key);
    if (!zones || !this.network || zones.networkKey !== this.network.key)
      throw new Error(`planning: zones ${key} are not loaded`);
    return { network: this.network.network, zones };
  }

  /** Built on first use for these zones and targets, then kept. */
  private reachOf(zonesKey: string, targetsSeconds: readonly number[]): SiteReach {
    const key = reachKey(zonesKey, targetsSeconds);
    let reach = this.reaches.get(key);
    if (!reach) {
      const { network, zones } = this.zonesOf(zonesKey);
      reach = siteReach(network, sampleStandbySites(network, zones.vertexZone), { targetsSeconds });
      this.reaches.set(key, reach);
      while (this.reaches.size > KEEP_REACH) this.reaches.delete(this.reaches.keys().next().value!);
    }
    return reach;
  }
}

function reachKey(zonesKey: string, targetsSeconds: readonly number[]): string {
  return `${zonesKey}|${targetsSeconds.join(',')}`;
}
