/** The consistent picture a (re)connecting client starts from. */
import type { SnapshotEvent } from '@dispatch/contracts';
import type { ServiceContext } from './context.js';
import { incidentInclude, toIncidentDto } from './dto.js';
import type { GridService } from './grid-service.js';
import type { UnitService } from './unit-service.js';

/** Ended incidents stay in the snapshot this long, so the wall ticker and queue are not empty after a restart. */
const RECENTLY_ENDED_MS = 2 * 60 * 60 * 1000;

export class SnapshotService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly units: UnitService,
    private readonly grids: GridService,
  ) {}

  async build(): Promise<SnapshotEvent> {
    const serverTime = this.ctx.now();
    const [incidents, units, grids] = await Promise.all([
      this.ctx.prisma.incident.findMany({
        where: {
          OR: [
            { status: { notIn: ['closed', 'cancelled'] } },
            { closedAt: { gte: new Date(serverTime - RECENTLY_ENDED_MS) } },
          ],
        },
        include: incidentInclude,
        orderBy: [{ priority: 'asc' }, { receivedAt: 'asc' }],
        take: 2000,
      }),
      this.units.list(),
      this.grids.list(),
    ]);
    return { serverTime, incidents: incidents.map(toIncidentDto), units, grids };
  }
}
