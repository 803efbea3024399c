/**
 * Response-time review for shift leaders: the JSON report, its CSV / Excel export and the
 * centre's shift definitions. Figures and denominators are defined in
 * packages/contracts/src/reports.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ExportQuery, ReportQuery, ResponseTimeReport, ShiftsBody } from '@dispatch/contracts';
import { actorOf, errorResponses } from './actor.js';
import { exportFileName, reportTables, toCsv, toXlsx } from '../reports/export.js';

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
  const { reports } = app.services;

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
    async (request) => reports.responseTimes(request.query),
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
      const report = await reports.responseTimes(query);
      const tables = reportTables(report, lang ?? 'zh-CN');
      const name = exportFileName(report);
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
    async () => reports.shifts(),
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
    async (request) => reports.saveShifts(request.body, actorOf(request)),
  );
};

export default reportRoutes;
