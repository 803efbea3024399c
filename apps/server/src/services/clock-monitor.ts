/**
 * Watches the 1-3-5 clocks of every open incident and announces a breach the moment a clock
 * runs out: it sleeps until the earliest deadline (at most one second), evaluates with the
 * domain's rules, and records each breach with a unique key so that, with several server
 * nodes, exactly one node announces it.
 */
import { ROOMS } from '@dispatch/contracts';
import {
  CLOCK_NAMES,
  DEFAULT_CLOCK_TARGETS,
  evaluateResponseClocks,
  nextClockDeadline,
  OPEN_INCIDENT_STATUSES,
  type ClockTargets,
} from '@dispatch/domain';
import type { ServiceContext } from './context.js';
import { clockAssignmentOf, milestonesOf } from './incident-milestones.js';

export class ClockMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  targets: ClockTargets = { ...DEFAULT_CLOCK_TARGETS };

  constructor(
    private readonly ctx: ServiceContext,
    private readonly onError: (error: unknown) => void = () => {},
    /** Reads the centre's targets each pass, so a change made on any node applies on every node. */
    private readonly loadTargets?: () => Promise<ClockTargets>,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Evaluates now (also called after changes that may move a deadline). */
  poke(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delayMs));
  }

  /** One evaluation pass; returns the number of breaches announced (tests call it directly). */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let announced = 0;
    let next: number | null = null;
    try {
      if (this.loadTargets) this.targets = await this.loadTargets();
      const now = this.ctx.now();
      const incidents = await this.ctx.prisma.incident.findMany({
        where: { status: { in: [...OPEN_INCIDENT_STATUSES] } },
        // Only arrivals matter; which of them count is the domain's rule (clockArrivals).
        include: {
          assignments: {
            where: { onSceneAt: { not: null } },
            select: { unitId: true, status: true, role: true, onSceneAt: true },
          },
        },
      });
      for (const incident of incidents) {
        const clocks = evaluateResponseClocks(
          {
            milestones: milestonesOf(incident),
            requiredUnits: incident.requiredUnits,
            assignments: incident.assignments.map(clockAssignmentOf),
          },
          now,
          this.targets,
        );
        for (const name of CLOCK_NAMES) {
          const clock = clocks[name];
          // A clock stopped after its deadline (the monitor was down, or a pass was late) is a
          // breach too: it is recorded, once, like one caught while still running.
          if (clock.state !== 'breached' || clock.deadlineAt === null) continue;
          const inserted = await this.ctx.prisma.$executeRaw`
            INSERT INTO clock_breach (incident_id, clock, deadline) VALUES (${incident.id}, ${name}, ${new Date(clock.deadlineAt)})
            ON CONFLICT (incident_id, clock) DO NOTHING`;
          if (inserted === 0) continue;
          announced += 1;
          this.ctx.bus.publish([
            {
              name: 'clock:breach',
              payload: {
                incidentId: incident.id,
                incidentNumber: incident.number,
                clock: name,
                targetSeconds: clock.targetSeconds,
                deadline: clock.deadlineAt,
              },
              rooms: [ROOMS.wall],
            },
          ]);
        }
        const due = nextClockDeadline(clocks, now);
        if (due !== null && (next === null || due < next)) next = due;
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
      if (!this.stopped) {
        const now = this.ctx.now();
        this.schedule(next === null ? 1000 : Math.min(1000, next - now + 1));
      }
    }
    return announced;
  }
}
