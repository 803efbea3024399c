/**
 * The response-time review as a service: the report over a period (validated range, a named
 * shift looked up), and the centre's shift definitions, written with their audit event.
 */
import type { ReportQuery, ResponseTimeReport, ShiftDefinition } from '@dispatch/contracts';
import { domainError, DomainErrorException, type ClockTargets } from '@dispatch/domain';
import type { SqlRunner } from '../db/migrate.js';
import { writeAudit } from '../services/audit.js';
import { inTransaction, type Actor, type ServiceContext } from '../services/context.js';
import { runResponseTimeReport } from './response-time-report.js';
import { loadShifts, SHIFTS_SETTING_KEY, validateShifts } from './shifts.js';

/** A review covers at most a year (the previous period doubles what is read). */
const MAX_RANGE_MS = 366 * 24 * 3_600_000;

const invalid = (field: string, message: string) =>
  new DomainErrorException(domainError('VALIDATION_FAILED', `${field} ${message}`, { field }));

export class ReportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly runner: SqlRunner,
    private readonly targets: () => Promise<ClockTargets>,
  ) {}

  async responseTimes(query: ReportQuery): Promise<ResponseTimeReport> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (Number.isNaN(from.getTime())) throw invalid('querystring.from', 'is not a valid time');
    if (Number.isNaN(to.getTime())) throw invalid('querystring.to', 'is not a valid time');
    if (to <= from) throw invalid('querystring.to', 'must be after from');
    if (to.getTime() - from.getTime() > MAX_RANGE_MS)
      throw invalid('querystring.to', 'is more than 366 days after from');
    let shift: ShiftDefinition | undefined;
    if (query.shift) {
      shift = (await this.shifts()).find((s) => s.id === query.shift);
      if (!shift) throw invalid('querystring.shift', `names no configured shift (${query.shift})`);
    }
    return runResponseTimeReport(this.runner, {
      from,
      to,
      timeZone: this.ctx.timeZone,
      asOf: new Date(this.ctx.now()),
      targets: await this.targets(),
      filters: {
        gridId: query.gridId,
        type: query.type,
        priority: query.priority,
        shift,
        unitId: query.unitId,
      },
      slowestLimit: query.limit ?? 20,
    });
  }

  shifts(): Promise<ShiftDefinition[]> {
    return loadShifts(this.ctx.prisma);
  }

  /** Replaces the shift definitions, audited in the same transaction. */
  async saveShifts(shifts: readonly ShiftDefinition[], actor: Actor): Promise<ShiftDefinition[]> {
    validateShifts(shifts);
    const value = shifts.map((s) => ({ ...s }));
    await inTransaction(this.ctx, async (tx) => {
      const before = await loadShifts(tx);
      await tx.setting.upsert({
        where: { key: SHIFTS_SETTING_KEY },
        create: { key: SHIFTS_SETTING_KEY, value },
        update: { value },
      });
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'setting.report_shifts',
          entityType: 'setting',
          entityId: SHIFTS_SETTING_KEY,
          before,
          after: value,
        },
      ]);
    });
    return value;
  }
}
