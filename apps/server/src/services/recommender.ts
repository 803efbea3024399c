/** What the incident services need from routing + dispatch ranking (implemented in recommendation-service.ts). */
import type { RecommendationsDto } from '@dispatch/contracts';
import type { AssignmentRole, IncidentType, LngLat, Priority } from '@dispatch/domain';

export interface RecommendInput {
  lngLat: LngLat;
  /** Null while taking a call whose type is not chosen yet: the nearest police units. */
  type: IncidentType | null;
  priority: Priority;
  gridId: string | null;
  /** Units already on this incident (not proposed again, and they fill plan slots). */
  assignedUnitIds?: readonly string[];
  limit?: number;
}

export interface PlannedUnit {
  unitId: string;
  role: AssignmentRole;
  tier: number;
  etaSeconds: number | null;
  distanceMeters: number | null;
  method: string | null;
  /** A checkpoint unit's post (checkpoint plans only). */
  checkpoint?: AssignmentCheckpoint;
}

/** Where a checkpoint unit stands: the road exit it holds. */
export interface AssignmentCheckpoint {
  lngLat: [number, number];
  roadName: string | null;
  headingDeg: number;
}

export interface PlanSummary {
  requiredUnits: number;
  autoDispatch: boolean;
}

export interface Recommender {
  recommend(input: RecommendInput): Promise<RecommendationsDto>;
  /** Units the response plan sends now: tier 1 (`next` false) or the next unfilled tier. */
  plan(input: RecommendInput & { next: boolean }): Promise<PlannedUnit[]>;
  /** Travel estimates of specific units to a point (for manual dispatch records). */
  estimate(
    lngLat: LngLat,
    unitIds: readonly string[],
  ): Promise<Map<string, Omit<PlannedUnit, 'unitId' | 'role' | 'tier'>>>;
  planSummary(type: IncidentType, priority: Priority): Promise<PlanSummary>;
}
