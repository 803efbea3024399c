/**
 * Inputs of the dispatch algorithms. Travel estimates are computed elsewhere (routing, or any
 * estimator) and handed in, so dispatch never depends on how ETAs are made.
 */
import type { Capability, IncidentType, LngLat, Priority, UnitKind, UnitStatus } from '@dispatch/domain';

export interface DispatchIncident {
  /**
   * Null while the call-taker is still listening: the location is placed, the type not chosen.
   * Units are then ranked for any police incident (see {@link UNTYPED_FITNESS}).
   */
  type: IncidentType | null;
  priority: Priority;
  lngLat: LngLat;
  /** Grid the incident lies in; null outside every grid. */
  gridId: string | null;
}

export interface DispatchUnit {
  id: string;
  callSign: string;
  kind: UnitKind;
  status: UnitStatus;
  /** Grid the unit is responsible for. */
  homeGridId: string | null;
  /** Grid the unit is in now. */
  currentGridId: string | null;
  capabilities: readonly Capability[];
  lngLat: LngLat;
}

/** How an estimate was made; `straight_line` is a fallback the UI should flag as rough. */
export type TravelMethod = 'road' | 'walk' | 'flight' | 'straight_line';

export interface TravelEstimate {
  etaSeconds: number;
  distanceMeters: number;
  method: TravelMethod;
  /** False when no path exists (island in the road graph, closed area). */
  reachable: boolean;
}

/** Travel estimate to the incident (or a checkpoint) per unit id. */
export type TravelEstimates = ReadonlyMap<string, TravelEstimate>;
