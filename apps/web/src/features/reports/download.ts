/** Downloads the report export (CSV or Excel) with the session's bearer token. */
import type { ReportQuery } from '@dispatch/contracts';
import { useSessionStore } from '../../stores/session-store.js';

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
  link.download = `response-times-${query.from.slice(0, 10)}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
