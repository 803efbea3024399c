/** Builder of move-up DTOs for tests. */
import type { MoveUpDto } from '@dispatch/contracts';
import { T0, iso } from './fixtures.js';

export function makeMoveUp(overrides: Partial<MoveUpDto> = {}): MoveUpDto {
  return {
    id: 'm1',
    unitId: 'u1',
    callSign: '巡01',
    from: [116.41, 39.91],
    fromGridId: 'g1',
    site: [116.43, 39.9],
    siteGridId: 'g2',
    gainShare5: 0.032,
    gainShare3: 0.051,
    travelSeconds: 150,
    trigger: { kind: 'dispatch', unitIds: ['u9'], incidentIds: ['i1'] },
    createdAt: iso(T0),
    expiresAt: iso(T0 + 600_000),
    status: 'pending',
    endReason: null,
    decidedAt: null,
    decidedById: null,
    standbyOrderId: null,
    ...overrides,
  };
}
