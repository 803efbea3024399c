/**
 * Types of the response-time review API, mirroring the TypeBox schemas of the server
 * (apps/server/src/reports/schemas.ts, where every figure and denominator is defined).
 */
import type { IncidentStatus, IncidentType } from '@dispatch/domain';

export interface ShiftDefinition {
  id: string;
  name: string;
  /** HH:MM local time. */
  start: string;
  /** HH:MM local time, exclusive; earlier than start = ends the next day. */
  end: string;
}

export interface ReportQuery {
  from: string;
  to: string;
  gridId?: string;
  type?: IncidentType;
  priority?: number;
  shift?: string;
  unitId?: string;
  limit?: number;
}

export const SEGMENT_NAMES = [
  'callToDispatch',
  'dispatchToEnRoute',
  'enRouteToOnScene',
  'callToOnScene',
  'onSceneToClear',
] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

export const SHARE_NAMES = ['dispatch', 'firstArrival', 'reinforcement'] as const;
export type ShareName = (typeof SHARE_NAMES)[number];

export interface SegmentStats {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export interface ShareStats {
  targetSeconds: number;
  met: number;
  missed: number;
  share: number | null;
}

export interface Counts {
  incidents: number;
  cancelled: number;
  neverDispatched: number;
  dispatched: number;
  reachedScene: number;
  multiUnit: number;
  resolvedOnScene: number;
  transferredToCase: number;
  open: number;
}

export interface PeriodSummary {
  from: string;
  to: string;
  counts: Counts;
  segments: Record<SegmentName, SegmentStats>;
  shares: Record<ShareName, ShareStats>;
}

export interface TrendPoint {
  incidents: number;
  callToDispatchMedian: number | null;
  callToOnSceneMedian: number | null;
  callToOnSceneP90: number | null;
  dispatchShare: number | null;
  firstArrivalShare: number | null;
}

export interface SlowIncident {
  id: string;
  number: string;
  type: IncidentType;
  priority: number;
  gridId: string | null;
  status: IncidentStatus;
  receivedAt: string;
  callToDispatch: number | null;
  callToOnScene: number;
  onSceneToClear: number | null;
}

export interface ResponseTimeReport {
  asOf: string;
  timeZone: string;
  filters: {
    gridId: string | null;
    type: IncidentType | null;
    priority: number | null;
    shift: ShiftDefinition | null;
    unitId: string | null;
  };
  current: PeriodSummary;
  previous: PeriodSummary;
  deltas: {
    incidents: number;
    segments: Record<SegmentName, { median: number | null; p90: number | null; mean: number | null }>;
    shares: Record<ShareName, number | null>;
  };
  resolutionByType: {
    type: IncidentType;
    incidents: number;
    resolvedOnScene: number;
    transferredToCase: number;
    cancelled: number;
    rate: number | null;
  }[];
  byDay: (TrendPoint & { day: string })[];
  byHour: (TrendPoint & { hour: number })[];
  slowest: SlowIncident[];
}
