/**
 * Live coverage: how much of each grid the free units reach within the response targets, and the
 * uncovered-area alerts. Shares are 0..1 of the grid's road length and of its expected demand.
 */
import Type, { type Static } from 'typebox';
import { Id, IsoTime } from './primitives.js';

export const CoverageLevelSchema = Type.Enum(['covered', 'thin', 'uncovered'], {
  description:
    'covered: the first-arrival (3 min) share of demand meets the threshold; thin: only the 5-minute one; uncovered: not even that (alert)',
});

export const GridCoverageDto = Type.Object({
  gridId: Id,
  level: CoverageLevelSchema,
  /** Alert threshold of this grid (its own, or the centre default). */
  threshold: Type.Number(),
  roadMeters: Type.Number(),
  /** Share of road length reached within the first-arrival target (3 min) and the 5-minute one. */
  roadShare3: Type.Number(),
  roadShare5: Type.Number(),
  /** Share of expected demand reached within each target (the alert compares demandShare5). */
  demandShare3: Type.Number(),
  demandShare5: Type.Number(),
  /** Free units whose position lies in the grid. */
  freeUnits: Type.Integer(),
  alerted: Type.Boolean(),
});
export type GridCoverageDto = Static<typeof GridCoverageDto>;

export const CoverageDto = Type.Object({
  computedAt: IsoTime,
  /** The two targets in seconds (the centre's first-arrival and reinforcement clock targets). */
  targetsSeconds: Type.Tuple([Type.Number(), Type.Number()]),
  /** `length`: no incident history yet, every metre of road weighs the same; else the hot-spot model. */
  demandModel: Type.Enum(['length', 'hotspots']),
  freeUnits: Type.Integer(),
  grids: Type.Array(GridCoverageDto),
});
export type CoverageDto = Static<typeof CoverageDto>;

export const CoverageAlertDto = Type.Object({
  id: Type.String(),
  gridId: Id,
  gridName: Type.String(),
  raisedAt: IsoTime,
  share: Type.Number(),
  threshold: Type.Number(),
  clearedAt: Type.Union([IsoTime, Type.Null()]),
  clearShare: Type.Union([Type.Number(), Type.Null()]),
});
export type CoverageAlertDto = Static<typeof CoverageAlertDto>;
