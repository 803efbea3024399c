/** Downloads the report export (CSV or Excel) with the session's bearer token. */
import type { ReportQuery } from '@dispatch/contracts';
import { useSessionStore } from '../../stores/session-store.js';

/**
 * The file name the server chose (`response-times-2026-12-01_2026-12-07.csv`: the centre's own
 * days), else `fallback`. The request's `from` is the UTC instant of the centre's midnight, a day
 * early east of Greenwich, so the page must not name the file from it.
 */
export function attachmentName(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  if (!match?.[1]) return fallback;
  const name = decodeURIComponent(match[1]).replace(/[\\/]/g, '_');
  return name || fallback;
}

export async function downloadReport(
  query: ReportQuery,
  format: 'csv' | 'xlsx',
  lang: string,
): Promise<void> {
  const params = new URLSearchParams({ format, lang: lang === 'en' ? 'en' : 'zh-CN' });
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const token = useSessionStore.getState().token;
  const response = await fetch(`/api/reports/response-times/export?${params.toString()}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`export failed (${response.status})`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(response.headers.get('content-disposition'), `response-times.${format}`);
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
