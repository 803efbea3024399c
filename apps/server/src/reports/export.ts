/**
 * CSV and Excel renderings of the response-time review: the same sections as the JSON report,
 * labelled in Chinese or English, times in the centre's time zone, durations in seconds.
 */
import {
  INCIDENT_STATUS_LABELS,
  INCIDENT_TYPE_LABELS,
  SEGMENT_NAMES,
  SHARE_NAMES,
  type ResponseTimeReport,
} from '@dispatch/contracts';
import { zonedDateTime, zonedDay, type IncidentStatus, type IncidentType } from '@dispatch/domain';
import ExcelJS from 'exceljs';

export type ExportLanguage = 'zh-CN' | 'en';
type Cell = string | number | null;
/** `share` columns hold fractions (0..1), shown as percentages in Excel. */
interface Table {
  key: string;
  title: string;
  header: string[];
  shareColumns?: number[];
  rows: Cell[][];
}

const LABELS = {
  'zh-CN': {
    meta: '报表信息',
    from: '开始',
    to: '结束',
    timeZone: '时区',
    asOf: '统计时点',
    filters: '筛选',
    item: '项目',
    value: '数值',
    counts: '数量',
    current: '本期',
    previous: '上期',
    delta: '变化',
    segments: '各环节用时(秒)',
    segment: '环节',
    n: '样本数',
    median: '中位数',
    p90: 'P90',
    mean: '平均',
    previousMedian: '上期中位数',
    deltaMedian: '中位数变化',
    shares: '达标率',
    target: '目标',
    targetSeconds: '目标(秒)',
    met: '达标',
    missed: '未达标',
    share: '达标率',
    previousShare: '上期达标率',
    resolution: '按类型现场处置率',
    type: '类型',
    incidents: '警情数',
    resolvedOnScene: '现场处置',
    transferredToCase: '转案件',
    cancelled: '撤销',
    rate: '现场处置率',
    byDay: '按日趋势',
    day: '日期',
    byHour: '按小时趋势',
    hour: '小时',
    callToDispatchMedian: '接警-派警中位数',
    callToOnSceneMedian: '接警-到场中位数',
    callToOnSceneP90: '接警-到场P90',
    dispatchShare: '1分钟派警达标率',
    firstArrivalShare: '3分钟到场达标率',
    slowest: '最慢警情',
    number: '警情编号',
    priority: '等级',
    grid: '网格',
    status: '状态',
    receivedAt: '接警时间',
    callToDispatch: '接警-派警',
    callToOnScene: '接警-到场',
    onSceneToClear: '到场-处置完毕',
    segmentNames: {
      callToDispatch: '接警→派警',
      dispatchToEnRoute: '派警→出发',
      enRouteToOnScene: '出发→到场',
      callToOnScene: '接警→到场',
      onSceneToClear: '到场→处置完毕',
    },
    shareNames: { dispatch: '1分钟派警', firstArrival: '3分钟到场', reinforcement: '5分钟增援到位' },
    countNames: {
      incidents: '警情总数',
      cancelled: '撤销',
      neverDispatched: '未派警',
      dispatched: '已派警',
      reachedScene: '已到场',
      multiUnit: '需多警力',
      resolvedOnScene: '现场处置',
      transferredToCase: '转案件',
      open: '未结束',
    },
  },
  en: {
    meta: 'Report',
    from: 'From',
    to: 'To',
    timeZone: 'Time zone',
    asOf: 'As of',
    filters: 'Filters',
    item: 'Item',
    value: 'Value',
    counts: 'Counts',
    current: 'This period',
    previous: 'Previous period',
    delta: 'Change',
    segments: 'Segments (seconds)',
    segment: 'Segment',
    n: 'n',
    median: 'Median',
    p90: 'P90',
    mean: 'Mean',
    previousMedian: 'Previous median',
    deltaMedian: 'Median change',
    shares: 'Targets met',
    target: 'Target',
    targetSeconds: 'Target (s)',
    met: 'Met',
    missed: 'Missed',
    share: 'Share',
    previousShare: 'Previous share',
    resolution: 'On-scene resolution by type',
    type: 'Type',
    incidents: 'Incidents',
    resolvedOnScene: 'Resolved on scene',
    transferredToCase: 'Transferred to case',
    cancelled: 'Cancelled',
    rate: 'On-scene rate',
    byDay: 'By day',
    day: 'Day',
    byHour: 'By hour of day',
    hour: 'Hour',
    callToDispatchMedian: 'Call→dispatch median',
    callToOnSceneMedian: 'Call→on scene median',
    callToOnSceneP90: 'Call→on scene P90',
    dispatchShare: '1-min dispatch share',
    firstArrivalShare: '3-min arrival share',
    slowest: 'Slowest incidents',
    number: 'Number',
    priority: 'Priority',
    grid: 'Grid',
    status: 'Status',
    receivedAt: 'Received',
    callToDispatch: 'Call→dispatch',
    callToOnScene: 'Call→on scene',
    onSceneToClear: 'On scene→clear',
    segmentNames: {
      callToDispatch: 'Call → dispatch',
      dispatchToEnRoute: 'Dispatch → en route',
      enRouteToOnScene: 'En route → on scene',
      callToOnScene: 'Call → on scene',
      onSceneToClear: 'On scene → clear',
    },
    shareNames: {
      dispatch: '1-min dispatch',
      firstArrival: '3-min first arrival',
      reinforcement: '5-min reinforcement',
    },
    countNames: {
      incidents: 'Incidents',
      cancelled: 'Cancelled',
      neverDispatched: 'Never dispatched',
      dispatched: 'Dispatched',
      reachedScene: 'Reached scene',
      multiUnit: 'Multi-unit',
      resolvedOnScene: 'Resolved on scene',
      transferredToCase: 'Transferred to case',
      open: 'Still open',
    },
  },
} as const;

/** `YYYY-MM-DD HH:mm:ss` of an ISO instant in `timeZone`. */
const localTime = (iso: string, timeZone: string) =>
  zonedDateTime(Date.parse(iso), timeZone, { seconds: true });

const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** The report as labelled tables, in the order they appear in both formats. */
export function reportTables(report: ResponseTimeReport, lang: ExportLanguage): Table[] {
  const L = LABELS[lang];
  const typeName = (type: string) => INCIDENT_TYPE_LABELS[lang][type as IncidentType] ?? type;
  const statusName = (status: string) => INCIDENT_STATUS_LABELS[lang][status as IncidentStatus] ?? status;
  const tz = report.timeZone;
  const f = report.filters;
  const filterText = [
    f.gridId && `grid=${f.gridId}`,
    f.type && `type=${f.type}`,
    f.priority !== null && `priority=${f.priority}`,
    f.shift && `shift=${f.shift.name} ${f.shift.start}-${f.shift.end}`,
    f.unitId && `unit=${f.unitId}`,
  ]
    .filter(Boolean)
    .join('; ');
  const cur = report.current;
  const prev = report.previous;
  return [
    {
      key: 'meta',
      title: L.meta,
      header: [L.item, L.value],
      rows: [
        [L.from, localTime(cur.from, tz)],
        [L.to, localTime(cur.to, tz)],
        [L.timeZone, tz],
        [L.asOf, localTime(report.asOf, tz)],
        [L.filters, filterText],
      ],
    },
    {
      key: 'counts',
      title: L.counts,
      header: [L.item, L.current, L.previous, L.delta],
      rows: (Object.keys(L.countNames) as (keyof typeof L.countNames)[]).map((k) => [
        L.countNames[k],
        cur.counts[k],
        prev.counts[k],
        cur.counts[k] - prev.counts[k],
      ]),
    },
    {
      key: 'segments',
      title: L.segments,
      header: [L.segment, L.n, L.median, L.p90, L.mean, L.previousMedian, L.deltaMedian],
      rows: SEGMENT_NAMES.map((name) => {
        const s = cur.segments[name];
        const p = prev.segments[name];
        return [
          L.segmentNames[name],
          s.n,
          round(s.median),
          round(s.p90),
          round(s.mean),
          round(p.median),
          round(minus(s.median, p.median)),
        ];
      }),
    },
    {
      key: 'shares',
      title: L.shares,
      header: [L.target, L.targetSeconds, L.met, L.missed, L.share, L.previousShare, L.delta],
      shareColumns: [4, 5, 6],
      rows: SHARE_NAMES.map((name) => {
        const s = cur.shares[name];
        const p = prev.shares[name];
        return [
          L.shareNames[name],
          s.targetSeconds,
          s.met,
          s.missed,
          round(s.share, 6),
          round(p.share, 6),
          round(minus(s.share, p.share), 6),
        ];
      }),
    },
    {
      key: 'resolution',
      title: L.resolution,
      header: [L.type, L.incidents, L.resolvedOnScene, L.transferredToCase, L.cancelled, L.rate],
      shareColumns: [5],
      rows: report.resolutionByType.map((r) => [
        typeName(r.type),
        r.incidents,
        r.resolvedOnScene,
        r.transferredToCase,
        r.cancelled,
        round(r.rate, 6),
      ]),
    },
    ...(['byDay', 'byHour'] as const).map((key): Table => ({
      key,
      title: L[key],
      header: [
        key === 'byDay' ? L.day : L.hour,
        L.incidents,
        L.callToDispatchMedian,
        L.callToOnSceneMedian,
        L.callToOnSceneP90,
        L.dispatchShare,
        L.firstArrivalShare,
      ],
      shareColumns: [5, 6],
      rows: (key === 'byDay' ? report.byDay : report.byHour).map((r) => [
        'day' in r ? r.day : r.hour,
        r.incidents,
        round(r.callToDispatchMedian),
        round(r.callToOnSceneMedian),
        round(r.callToOnSceneP90),
        round(r.dispatchShare, 6),
        round(r.firstArrivalShare, 6),
      ]),
    })),
    {
      key: 'slowest',
      title: L.slowest,
      header: [
        L.number,
        L.type,
        L.priority,
        L.grid,
        L.status,
        L.receivedAt,
        L.callToDispatch,
        L.callToOnScene,
        L.onSceneToClear,
      ],
      rows: report.slowest.map((s) => [
        s.number,
        typeName(s.type),
        s.priority,
        s.gridId,
        statusName(s.status),
        localTime(s.receivedAt, tz),
        round(s.callToDispatch),
        round(s.callToOnScene),
        round(s.onSceneToClear),
      ]),
    },
  ];
}

/**
 * One CSV field: quoted when it holds a comma, quote, line break or edge space; quotes doubled.
 * Text starting with = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with a UTF-8 byte-order mark (Excel then reads Chinese correctly), CRLF line ends. */
export function toCsv(tables: readonly Table[]): Buffer {
  const lines: string[] = [];
  for (const table of tables) {
    if (lines.length > 0) lines.push('');
    lines.push(csvField(table.title));
    lines.push(table.header.map(csvField).join(','));
    for (const row of table.rows) lines.push(row.map(csvField).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** One worksheet per table, header row bold and frozen, shares formatted as percentages. */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dispatch-console';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    table.header.forEach((h, index) => {
      const column = sheet.getColumn(index + 1);
      column.width = Math.max(10, Math.min(40, h.length * 2 + 4));
      if (table.shareColumns?.includes(index)) column.numFmt = '0.0%';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The export's file name: the period's first and last day in the centre's time zone (the period
 * ends exclusive: a 12-01..12-07 review runs to 12-08 00:00 local).
 */
export function exportFileName(report: ResponseTimeReport): string {
  const first = zonedDay(Date.parse(report.current.from), report.timeZone);
  const last = zonedDay(Date.parse(report.current.to) - 1, report.timeZone);
  return first === last ? `response-times-${first}` : `response-times-${first}_${last}`;
}
