/**
 * Centre settings: the 1-3-5 clock targets, the response plans and the map's river layer. Edits
 * are written with their audit event in one transaction; this node's caches follow after commit.
 */
import type { ClockTargetsDto } from '@dispatch/contracts';
import {
  CLOCK_TARGET_BOUNDS,
  DEFAULT_CLOCK_TARGETS,
  domainError,
  DomainErrorException,
  type ClockTargets,
} from '@dispatch/domain';
import { validateResponsePlan, type ResponsePlan } from '@dispatch/dispatch';
import { writeAudit } from './audit.js';
import type { ClockMonitor } from './clock-monitor.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';
import type { RecommendationService } from './recommendation-service.js';

export class SettingsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly clocks: ClockMonitor,
    private readonly recommendations: RecommendationService,
  ) {}

  /**
   * The stored targets over the defaults (a partial row keeps the other defaults). A value stored
   * before the bounds existed (9.2e18 s: a clock that never runs out) is ignored for the default.
   */
  async clockTargets(): Promise<ClockTargets> {
    const row = await this.ctx.prisma.setting.findUnique({ where: { key: 'clock.targets' } });
    const stored = (row?.value ?? {}) as Partial<Record<keyof ClockTargets, unknown>>;
    const targets = { ...DEFAULT_CLOCK_TARGETS };
    for (const key of Object.keys(CLOCK_TARGET_BOUNDS) as (keyof ClockTargets)[]) {
      const value = stored[key];
      const { min, max } = CLOCK_TARGET_BOUNDS[key];
      if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
        targets[key] = value;
      }
    }
    return targets;
  }

  async setClockTargets(targets: ClockTargetsDto, actor: Actor): Promise<ClockTargetsDto> {
    const before = await this.clockTargets();
    await inTransaction(this.ctx, async (tx) => {
      await tx.setting.upsert({
        where: { key: 'clock.targets' },
        create: { key: 'clock.targets', value: targets },
        update: { value: targets },
      });
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'setting.clock_targets',
          entityType: 'setting',
          entityId: 'clock.targets',
          before,
          after: targets,
        },
      ]);
    });
    // After the commit: this node's monitor re-evaluates with the new targets at once.
    this.clocks.targets = targets;
    this.clocks.poke();
    return targets;
  }

  /** Validates and stores a plan under its incident type and (single) priority, 0 for any. */
  async saveResponsePlan(planId: string, body: unknown, actor: Actor): Promise<ResponsePlan> {
    const plan = body as ResponsePlan;
    const issues = validateResponsePlan(plan);
    if (issues.length > 0) {
      const first = issues[0]!;
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', first.message, { field: `body.${first.path}`, issues }),
      );
    }
    if (plan.id !== planId) {
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', 'plan id differs from the URL', { field: 'body.id' }),
      );
    }
    const incidentType = plan.incidentType === '*' ? 'other' : plan.incidentType;
    const priority = plan.priorities?.length === 1 ? plan.priorities[0]! : 0;
    await inTransaction(this.ctx, async (tx) => {
      await tx.responsePlan.upsert({
        where: { incidentType_priority: { incidentType, priority } },
        create: { incidentType, priority, plan: plan as never },
        update: { plan: plan as never },
      });
      await writeAudit(tx, actor, this.ctx.now(), [
        { action: 'plan.edit', entityType: 'plan', entityId: plan.id, after: plan },
      ]);
    });
    // After the commit: the next incident reads the edited plan.
    this.recommendations.invalidatePlans();
    return plan;
  }

  /** The river layer (GeoJSON) seeded with the demo city; NOT_FOUND when none is stored. */
  async riverLayer(): Promise<unknown> {
    const row = await this.ctx.prisma.setting.findUnique({ where: { key: 'map.river' } });
    if (!row) throw new DomainErrorException(domainError('NOT_FOUND', 'No river layer'));
    return row.value;
  }
}
