import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { KpiTodayDto } from '../../api/endpoints.js';
import { useUiStore } from '../../stores/ui-store.js';

const POLL_MS = 20_000;

/** Today's statistics from the server, polled (and re-read after each reconnect). */
export function useKpiToday(): KpiTodayDto | null {
  const [kpi, setKpi] = useState<KpiTodayDto | null>(null);
  const connection = useUiStore((s) => s.connection);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.kpiToday().then(
        (value) => !cancelled && setKpi(value),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [connection]);
  return kpi;
}
