import type { AuditEventDto, ReportQuery, ResponseTimeReport, ShiftDefinition } from '@dispatch/contracts';
import { INCIDENT_TYPES, nextDay, PRIORITIES, zonedDay, zonedMidnight } from '@dispatch/domain';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api/client.js';
import { notifyError } from '../../lib/notify-error.js';
import { useGridsStore } from '../../stores/grids-store.js';
import { useUnitsStore } from '../../stores/units-store.js';
import { IncidentTimeline } from '../dispatcher/IncidentTimeline.js';
import { downloadReport } from './download.js';
import { ResolutionTable, SegmentsTable, SharesTable, SlowestTable, SummaryCards } from './ReportTables.js';
import { TrendChart, type TrendSeries } from './TrendChart.js';
import './reports.css';

const DEFAULT_TZ = 'Asia/Shanghai';
const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);
const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

interface FilterState {
  fromDay: string;
  toDay: string;
  gridId: string;
  type: string;
  priority: string;
  shift: string;
  unitId: string;
}

function initialFilters(now: number): FilterState {
  const today = zonedDay(now, DEFAULT_TZ);
  const weekAgo = zonedDay(now - 6 * 86_400_000, DEFAULT_TZ);
  return { fromDay: weekAgo, toDay: today, gridId: '', type: '', priority: '', shift: '', unitId: '' };
}

/** The API query of the filter bar: whole local days, `toDay` inclusive. */
export function toQuery(f: FilterState, timeZone: string): ReportQuery {
  return {
    from: new Date(zonedMidnight(f.fromDay, timeZone)).toISOString(),
    to: new Date(zonedMidnight(nextDay(f.toDay), timeZone)).toISOString(),
    ...(f.gridId ? { gridId: f.gridId } : {}),
    ...(f.type ? { type: f.type as ReportQuery['type'] } : {}),
    ...(f.priority ? { priority: Number(f.priority) } : {}),
    ...(f.shift ? { shift: f.shift } : {}),
    ...(f.unitId ? { unitId: f.unitId } : {}),
  };
}

/** Response-time review for shift leaders: filters, figures, trends, slowest incidents, export. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<FilterState>(() => initialFilters(Date.now()));
  const [timeZone, setTimeZone] = useState(DEFAULT_TZ);
  const [report, setReport] = useState<ResponseTimeReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [shifts, setShifts] = useState<ShiftDefinition[]>([]);
  const [selected, setSelected] = useState<{ id: string; events: AuditEventDto[] } | null>(null);
  const grids = useGridsStore(
    useShallow((s) => Object.values(s.byId).sort((a, b) => a.code.localeCompare(b.code))),
  );
  const units = useUnitsStore(
    useShallow((s) => Object.values(s.byId).sort((a, b) => a.callSign.localeCompare(b.callSign))),
  );
  const query = useMemo(() => toQuery(filters, timeZone), [filters, timeZone]);

  useEffect(() => {
    api.reportShifts().then(setShifts, notifyError);
  }, []);

  // Each submit sets a new request object; the effect fetches it (and ignores stale answers).
  const [request, setRequest] = useState<ReportQuery>(query);
  useEffect(() => {
    let stale = false;
    api.responseTimeReport({ ...request, limit: 20 }).then(
      (r) => {
        if (stale) return;
        setReport(r);
        setTimeZone(r.timeZone);
        setLoading(false);
      },
      (error: unknown) => {
        if (stale) return;
        setLoading(false);
        notifyError(error);
      },
    );
    return () => {
      stale = true;
    };
  }, [request]);

  const openIncident = (id: string) => {
    api.getIncident(id).then(({ timeline }) => setSelected({ id, events: timeline }), notifyError);
  };
  const set = (key: keyof FilterState) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));

  const dayCategories = useMemo(() => report?.byDay.map((d) => d.day.slice(5)) ?? [], [report]);
  const hourCategories = useMemo(
    () => report?.byHour.map((h) => String(h.hour).padStart(2, '0')) ?? [],
    [report],
  );
  const trendSeries = (points: ResponseTimeReport['byDay'] | ResponseTimeReport['byHour']): TrendSeries[] => [
    { name: t('reports.incidents'), kind: 'bar', values: points.map((p) => p.incidents), right: true },
    {
      name: `${t('reports.segment.callToOnScene')} ${t('reports.median')}`,
      kind: 'line',
      values: points.map((p) => minutes(p.callToOnSceneMedian)),
    },
    {
      name: `${t('reports.segment.callToOnScene')} ${t('reports.p90')}`,
      kind: 'line',
      values: points.map((p) => minutes(p.callToOnSceneP90)),
    },
    {
      name: `${t('reports.segment.callToDispatch')} ${t('reports.median')}`,
      kind: 'line',
      values: points.map((p) => minutes(p.callToDispatchMedian)),
    },
  ];
  const shareSeries = (points: ResponseTimeReport['byDay']): TrendSeries[] => [
    { name: t('reports.share.dispatch'), kind: 'line', values: points.map((p) => percent(p.dispatchShare)) },
    {
      name: t('reports.share.firstArrival'),
      kind: 'line',
      values: points.map((p) => percent(p.firstArrivalShare)),
    },
  ];

  return (
    <div className="reports-page" data-testid="reports-page">
      <form
        className="report-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setLoading(true);
          setRequest(query);
        }}
      >
        <label>
          {t('reports.from')}
          <input type="date" value={filters.fromDay} onChange={set('fromDay')} data-testid="filter-from" />
        </label>
        <label>
          {t('reports.to')}
          <input type="date" value={filters.toDay} onChange={set('toDay')} data-testid="filter-to" />
        </label>
        <label>
          {t('reports.grid')}
          <select value={filters.gridId} onChange={set('gridId')} data-testid="filter-grid">
            <option value="">{t('common.all')}</option>
            {grids.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.type')}
          <select value={filters.type} onChange={set('type')} data-testid="filter-type">
            <option value="">{t('common.all')}</option>
            {INCIDENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`incidentType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('intake.priority')}
          <select value={filters.priority} onChange={set('priority')} data-testid="filter-priority">
            <option value="">{t('common.all')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.shift')}
          <select value={filters.shift} onChange={set('shift')} data-testid="filter-shift">
            <option value="">{t('common.all')}</option>
            {shifts.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} {s.start}–{s.end}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.unit')}
          <select value={filters.unitId} onChange={set('unitId')} data-testid="filter-unit">
            <option value="">{t('common.all')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.callSign}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={loading} data-testid="report-run">
          {loading ? t('app.loading') : t('reports.run')}
        </button>
        <button
          type="button"
          onClick={() => downloadReport(query, 'csv', i18n.language).catch(notifyError)}
          data-testid="export-csv"
        >
          {t('reports.exportCsv')}
        </button>
        <button
          type="button"
          onClick={() => downloadReport(query, 'xlsx', i18n.language).catch(notifyError)}
          data-testid="export-xlsx"
        >
          {t('reports.exportXlsx')}
        </button>
      </form>
      {report && (
        <>
          <p className="muted report-note">{t('reports.note', { timeZone: report.timeZone })}</p>
          <SummaryCards report={report} />
          <div className="report-grid">
            <SegmentsTable report={report} />
            <SharesTable report={report} />
          </div>
          <div className="report-grid">
            <TrendChart
              title={t('reports.byDay')}
              categories={dayCategories}
              series={trendSeries(report.byDay)}
              leftAxisLabel={t('reports.minutesAxis')}
              rightAxisLabel={t('reports.incidents')}
              testId="chart-by-day"
            />
            <TrendChart
              title={t('reports.byHour')}
              categories={hourCategories}
              series={trendSeries(report.byHour)}
              leftAxisLabel={t('reports.minutesAxis')}
              rightAxisLabel={t('reports.incidents')}
              testId="chart-by-hour"
            />
            <TrendChart
              title={t('reports.sharesByDay')}
              categories={dayCategories}
              series={shareSeries(report.byDay)}
              leftAxisLabel="%"
              testId="chart-shares"
            />
          </div>
          <div className="report-grid">
            <ResolutionTable report={report} />
            <div>
              <SlowestTable report={report} selectedId={selected?.id ?? null} onOpen={openIncident} />
              {selected && <IncidentTimeline events={selected.events} />}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
