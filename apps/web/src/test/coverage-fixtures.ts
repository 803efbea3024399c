/** Builders of coverage DTOs for tests. */
import type { CoverageAlertDto, CoverageDto, GridCoverageDto } from '@dispatch/contracts';
import { T0, iso } from './fixtures.js';

export function makeGridCoverage(overrides: Partial<GridCoverageDto> = {}): GridCoverageDto {
  return {
    gridId: 'g1',
    level: 'covered',
    threshold: 0.8,
    roadMeters: 20_000,
    roadShare3: 0.9,
    roadShare5: 1,
    demandShare3: 0.9,
    demandShare5: 1,
    freeUnits: 3,
    alerted: false,
    ...overrides,
  };
}

export function makeCoverage(grids: GridCoverageDto[], computedAt = iso(T0)): CoverageDto {
  return {
    computedAt,
    targetsSeconds: [180, 300],
    demandModel: 'length',
    freeUnits: grids.reduce((sum, g) => sum + g.freeUnits, 0),
    grids,
  };
}

export function makeCoverageAlert(overrides: Partial<CoverageAlertDto> = {}): CoverageAlertDto {
  return {
    id: '1',
    gridId: 'g1',
    gridName: '一网格',
    raisedAt: iso(T0),
    share: 0.42,
    threshold: 0.8,
    clearedAt: null,
    clearShare: null,
    ...overrides,
  };
}
