/**
 * What the coverage policies need of the map, built with `@dispatch/coverage` as the server's
 * cover planner builds it: the grids as zones of the road network, each grid's station area,
 * candidate standby sites with what each reaches within 3 and 5 minutes, and the roads by H3 cell
 * (to spread an hour's demand over them). The sites' reach (one bounded search per site) costs
 * about a second on the demo city: kept per network and grids for the whole process, since
 * every run of the local engine shares one network.
 */
import {
  DEFAULT_COVER_TARGETS_SECONDS,
  sampleStandbySites,
  segmentCells,
  segmentDemandFromSurface,
  segmentMidpoints,
  segmentZoneOf,
  siteReach,
  stationZonesOf,
  vertexDemandOf,
  vertexZoneOf,
  type DemandSurface,
  type SegmentCells,
  type SiteReach,
} from '@dispatch/coverage';
import type { RoadNetwork } from '@dispatch/routing';
import { pointInPolygon } from '../city-geometry.js';
import type { PolicyRun } from './policy.js';

export interface CoverModel {
  network: RoadNetwork;
  /** Zone index of each grid id. */
  zoneOf: ReadonlyMap<string, number>;
  /** The other zones of each zone's station (a unit's `allowedZones`). */
  stationZones: readonly (readonly number[])[];
  reach: SiteReach;
  /** Roads by H3 cell, at the demand surface's resolution. */
  segments: SegmentCells;
}

const built = new WeakMap<RoadNetwork, Map<string, CoverModel>>();

/** The model of `network` and `grids` (built once per process for the same ones). */
export function coverModel(
  network: RoadNetwork,
  grids: PolicyRun['grids'],
  resolution: number,
  targetsSeconds: readonly number[] = DEFAULT_COVER_TARGETS_SECONDS,
): CoverModel {
  const key = `${resolution}|${targetsSeconds.join(',')}|${grids.map((g) => `${g.id}:${g.station ?? ''}`).join(',')}`;
  const known = built.get(network)?.get(key);
  if (known) return known;
  const segmentZone = segmentZoneOf(network, (lngLat) =>
    grids.findIndex((g) => pointInPolygon(lngLat, g.polygon)),
  );
  const sites = sampleStandbySites(network, vertexZoneOf(network, segmentZone));
  const model: CoverModel = {
    network,
    zoneOf: new Map(grids.map((g, i) => [g.id, i])),
    stationZones: stationZonesOf(grids.map((g) => g.station)),
    reach: siteReach(network, sites, { targetsSeconds }),
    segments: segmentCells(segmentMidpoints(network), resolution),
  };
  if (!built.has(network)) built.set(network, new Map());
  built.get(network)!.set(key, model);
  return model;
}

/** Expected demand per road vertex for an hour of week, from a surface (cached per hour). */
export class HourlyDemand {
  private readonly byHour = new Map<number, Float64Array>();

  constructor(
    private readonly model: CoverModel,
    private readonly surface: DemandSurface,
  ) {}

  vertexDemand(hourOfWeek: number): Float64Array {
    let demand = this.byHour.get(hourOfWeek);
    if (!demand) {
      const segments = segmentDemandFromSurface(this.model.segments, this.surface, hourOfWeek);
      demand = vertexDemandOf(this.model.network, segments);
      this.byHour.set(hourOfWeek, demand);
    }
    return demand;
  }
}
