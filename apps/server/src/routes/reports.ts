/**
 * Response-time review for shift leaders: the JSON report, its CSV / Excel export and the
 * centre's shift definitions. Figures and denominators are defined in
 * packages/contracts/src/reports.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ExportQuery,
  ReportQuery,
  ResponseTimeReport,
  ShiftsBody,
  type ShiftDefinition,
} from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import { writeAudit } from '../services/audit.js';
import { actorOf, errorResponses } from './actor.js';
import { reportTables, toCsv, toXlsx } from '../reports/export.js';
import { runResponseTimeReport } from '../reports/response-time-report.js';
import { loadShifts, SHIFTS_SETTING_KEY, validateShifts } from '../reports/shifts.js';

const MAX_RANGE_MS = 366 * 24 * 3_600_000;

const invalid = (field: string, message: string) =>
  new DomainErrorException(domainError('VALIDATION_FAILED', `${field} ${message}`, { field }));

const REPORT_DESCRIPTION = `Incidents received in [from, to) matching the filters. Segments use each
incident's first milestones (seconds; median/p90 = percentile_cont, mean = avg; an incident is left out
of a segment that misses either end). Shares: met = milestone within the 'clock.targets' target; missed
= later, or never reached although the incident had not ended before the deadline and the deadline has
passed at asOf. 1 min: first dispatch, cancelled incidents included. 3 min: first unit on scene, 5 min:
second distinct unit on scene (plans needing 2+ units only); cancelled incidents excluded from both.
On scene -> clear: last unit cleared once no assignment is active, else resolved_at. Unit filter:
incidents the unit had an assignment on (figures stay incident-level). Days, hours and shifts in the
centre's time zone. previous = same filters over the preceding period of equal length.`;

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function buildReport(query: ReportQuery) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (Number.isNaN(from.getTime())) throw invalid('querystring.from', 'is not a valid time');
    if (Number.isNaN(to.getTime())) throw invalid('querystring.to', 'is not a valid time');
    if (to <= from) throw invalid('querystring.to', 'must be after from');
    if (to.getTime() - from.getTime() > MAX_RANGE_MS)
      throw invalid('querystring.to', 'is more than 366 days after from');
    let shift: ShiftDefinition | undefined;
    if (query.shift) {
      shift = (await loadShifts(app.db.prisma)).find((s) => s.id === query.shift);
      if (!shift) throw invalid('querystring.shift', `names no configured shift (${query.shift})`);
    }
    return runResponseTimeReport(app.db.runner, {
      from,
      to,
      timeZone: app.services.ctx.timeZone,
      asOf: new Date(app.services.ctx.now()),
      targets: await app.services.clockTargets(),
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

  app.get(
    '/reports/response-times',
    {
      preHandler: app.requirePermission('report.read'),
      schema: {
        tags: ['reports'],
        description: REPORT_DESCRIPTION,
        querystring: ReportQuery,
        response: { 200: ResponseTimeReport, ...errorResponses },
      },
    },
    async (request) => buildReport(request.query),
  );

  app.get(
    '/reports/response-times/export',
    {
      preHandler: app.requirePermission('report.read'),
      schema: {
        tags: ['reports'],
        description: `The report as CSV (UTF-8 with BOM, one section after another) or Excel (one sheet per section). ${REPORT_DESCRIPTION}`,
        querystring: ExportQuery,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const report = await buildReport(query);
      const tables = reportTables(report, lang ?? 'zh-CN');
      const day = report.current.from.slice(0, 10);
      const name = `response-times-${day}`;
      if (format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(toCsv(tables));
      }
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await toXlsx(tables));
    },
  );

  app.get(
    '/reports/shifts',
    {
      preHandler: app.requirePermission('report.read'),
      schema: { tags: ['reports'], response: { 200: ShiftsBody, ...errorResponses } },
    },
    async () => loadShifts(app.db.prisma),
  );

  app.put(
    '/reports/shifts',
    {
      // Shift leaders and admins configure the centre, as with response plans.
      preHandler: app.requirePermission('plan.edit'),
      schema: {
        tags: ['reports'],
        description:
          'Replaces the shift definitions (HH:MM local times; end before start wraps past midnight).',
        body: ShiftsBody,
        response: { 200: ShiftsBody, ...errorResponses },
      },
    },
    async (request) => {
      validateShifts(request.body);
      const before = await loadShifts(app.db.prisma);
      const value = request.body.map((s) => ({ ...s }));
      await app.db.prisma.$transaction(async (tx) => {
        await tx.setting.upsert({
          where: { key: SHIFTS_SETTING_KEY },
          create: { key: SHIFTS_SETTING_KEY, value },
          update: { value },
        });
        await writeAudit(tx, actorOf(request), app.services.ctx.now(), [
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
    },
  );
};

export default reportRoutes;
