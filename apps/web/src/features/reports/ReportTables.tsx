import { SEGMENT_NAMES, SHARE_NAMES, type ResponseTimeReport } from '@dispatch/contracts';
import { zonedDateTime } from '@dispatch/domain';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format.js';

const dur = (s: number | null) => (s === null ? '—' : formatDuration(Math.round(s)));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (text: string, v: number | null) => (v === null ? '—' : v > 0 ? `+${text}` : text);
const durDelta = (v: number | null) => signed(v === null ? '' : formatDuration(Math.round(v)), v);
const pctDelta = (v: number | null) => signed(v === null ? '' : `${(v * 100).toFixed(1)} pt`, v);

export function SummaryCards({ report }: { report: ResponseTimeReport }) {
  const { t } = useTranslation();
  const c = report.current;
  return (
    <div className="report-cards" data-testid="report-cards">
      <div className="report-card">
        <span className="muted">{t('reports.incidents')}</span>
        <strong data-testid="card-incidents">{c.counts.incidents}</strong>
        <small>
          {t('reports.vsPrevious')} {signed(String(report.deltas.incidents), report.deltas.incidents)}
        </small>
      </div>
      <div className="report-card">
        <span className="muted">{t('reports.segment.callToOnScene')}</span>
        <strong>{dur(c.segments.callToOnScene.median)}</strong>
        <small>
          {t('reports.vsPrevious')} {durDelta(report.deltas.segments.callToOnScene.median)}
        </small>
      </div>
      {SHARE_NAMES.map((name) => (
        <div className="report-card" key={name}>
          <span className="muted">{t(`reports.share.${name}`)}</span>
          <strong data-testid={`card-share-${name}`}>{pct(c.shares[name].share)}</strong>
          <small>
            {t('reports.vsPrevious')} {pctDelta(report.deltas.shares[name])}
          </small>
        </div>
      ))}
    </div>
  );
}

export function SegmentsTable({ report }: { report: ResponseTimeReport }) {
  const { t } = useTranslation();
  return (
    <table className="report-table" data-testid="segments-table">
      <caption>{t('reports.segments')}</caption>
      <thead>
        <tr>
          <th>{t('reports.segmentColumn')}</th>
          <th>{t('reports.median')}</th>
          <th>{t('reports.p90')}</th>
          <th>{t('reports.mean')}</th>
          <th>{t('reports.n')}</th>
          <th>{t('reports.previousMedian')}</th>
          <th>{t('reports.change')}</th>
        </tr>
      </thead>
      <tbody>
        {SEGMENT_NAMES.map((name) => {
          const s = report.current.segments[name];
          return (
            <tr key={name} data-segment={name}>
              <th scope="row">{t(`reports.segment.${name}`)}</th>
              <td>{dur(s.median)}</td>
              <td>{dur(s.p90)}</td>
              <td>{dur(s.mean)}</td>
              <td>{s.n}</td>
              <td>{dur(report.previous.segments[name].median)}</td>
              <td>{durDelta(report.deltas.segments[name].median)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function SharesTable({ report }: { report: ResponseTimeReport }) {
  const { t } = useTranslation();
  return (
    <table className="report-table" data-testid="shares-table">
      <caption>{t('reports.shares')}</caption>
      <thead>
        <tr>
          <th>{t('reports.target')}</th>
          <th>{t('reports.met')}</th>
          <th>{t('reports.missed')}</th>
          <th>{t('reports.shareColumn')}</th>
          <th>{t('reports.previousShare')}</th>
          <th>{t('reports.change')}</th>
        </tr>
      </thead>
      <tbody>
        {SHARE_NAMES.map((name) => {
          const s = report.current.shares[name];
          return (
            <tr key={name}>
              <th scope="row">
                {t(`reports.share.${name}`)} ({formatDuration(s.targetSeconds)})
              </th>
              <td>{s.met}</td>
              <td>{s.missed}</td>
              <td>{pct(s.share)}</td>
              <td>{pct(report.previous.shares[name].share)}</td>
              <td>{pctDelta(report.deltas.shares[name])}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ResolutionTable({ report }: { report: ResponseTimeReport }) {
  const { t } = useTranslation();
  return (
    <table className="report-table" data-testid="resolution-table">
      <caption>{t('reports.resolutionByType')}</caption>
      <thead>
        <tr>
          <th>{t('reports.type')}</th>
          <th>{t('reports.incidents')}</th>
          <th>{t('resolution.resolved_on_scene')}</th>
          <th>{t('resolution.transferred_to_case')}</th>
          <th>{t('resolution.cancelled')}</th>
          <th>{t('reports.resolutionRate')}</th>
        </tr>
      </thead>
      <tbody>
        {report.resolutionByType.map((r) => (
          <tr key={r.type}>
            <th scope="row">{t(`incidentType.${r.type}`)}</th>
            <td>{r.incidents}</td>
            <td>{r.resolvedOnScene}</td>
            <td>{r.transferredToCase}</td>
            <td>{r.cancelled}</td>
            <td>{pct(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SlowestTable({
  report,
  selectedId,
  onOpen,
}: {
  report: ResponseTimeReport;
  selectedId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="report-table report-slowest" data-testid="slowest-table">
      <caption>{t('reports.slowest')}</caption>
      <thead>
        <tr>
          <th>{t('incident.number')}</th>
          <th>{t('reports.type')}</th>
          <th>{t('intake.priority')}</th>
          <th>{t('incident.received')}</th>
          <th>{t('reports.segment.callToDispatch')}</th>
          <th>{t('reports.segment.callToOnScene')}</th>
          <th>{t('reports.segment.onSceneToClear')}</th>
        </tr>
      </thead>
      <tbody>
        {report.slowest.map((s) => (
          <tr
            key={s.id}
            className={s.id === selectedId ? 'selected' : undefined}
            data-testid={`slowest-${s.id}`}
          >
            <td>
              <button type="button" className="link" onClick={() => onOpen(s.id)}>
                {s.number}
              </button>
            </td>
            <td>{t(`incidentType.${s.type}`)}</td>
            <td>{t(`priorityShort.${s.priority}`, { defaultValue: String(s.priority) })}</td>
            <td>{zonedDateTime(Date.parse(s.receivedAt), report.timeZone)}</td>
            <td>{dur(s.callToDispatch)}</td>
            <td>{dur(s.callToOnScene)}</td>
            <td>{dur(s.onSceneToClear)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
