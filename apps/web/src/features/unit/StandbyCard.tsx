import type { StandbyOrderDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStandbyAlert } from '../attention/use-terminal-alert.js';
import { api } from '../../api/client.js';
import { etaMinutes, formatDistance } from '../../lib/format.js';
import { useStandbyStore } from '../../stores/standby-store.js';
import { useUiStore } from '../../stores/ui-store.js';

const REFRESH_MS = 15_000;

/** A free unit's standby order: where to wait, why, and the route there (drawn on the map). */
export function StandbyCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const order = useStandbyStore((s) => s.byUnit[unitId]);
  const [eta, setEta] = useState<{ etaSeconds: number; distanceMeters: number } | null>(null);

  // The terminal may open after the order was given: ask once (a socket update meanwhile wins).
  useEffect(() => {
    const seen = useStandbyStore.getState().updates[unitId] ?? 0;
    api.unitStandby(unitId).then(
      ({ order: current }) => useStandbyStore.getState().applyFetched(unitId, current, seen),
      () => undefined,
    );
  }, [unitId]);

  const orderId = order?.id;
  useStandbyAlert(order?.status === 'active' ? (orderId ?? null) : null, order?.note ?? '');
  useEffect(() => {
    if (!orderId) return;
    let cancelled = false;
    const load = () =>
      api.standbyRoute(unitId).then(
        (route) => {
          if (cancelled) return;
          setEta(route.etaSeconds >= 0 ? route : null);
          useUiStore.getState().setRoutes([{ ...route, assignmentId: `standby:${orderId}` }]);
        },
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
      useUiStore.getState().setRoutes([]);
    };
  }, [unitId, orderId]);

  if (!order) return null;
  return <StandbyDetails order={order} eta={eta} label={t('standby.title')} />;
}

function StandbyDetails(props: {
  order: StandbyOrderDto;
  eta: { etaSeconds: number; distanceMeters: number } | null;
  label: string;
}) {
  const { t } = useTranslation();
  const { order, eta } = props;
  return (
    <section className="assignment-card standby" data-testid="terminal-standby">
      <h3>
        {props.label}
        <span className="pill">{t(`standby.reason.${order.reason}`)}</span>
      </h3>
      {order.note && <p data-testid="standby-note">{order.note}</p>}
      <p className="muted">
        {eta
          ? t('standby.eta', {
              minutes: etaMinutes(eta.etaSeconds),
              distance: formatDistance(eta.distanceMeters),
            })
          : t('standby.noRoute')}
      </p>
      {order.gain !== null && (
        <p className="muted">{t('standby.gain', { points: Math.round(order.gain * 100) })}</p>
      )}
      <p className="muted">{t('standby.stillFree')}</p>
    </section>
  );
}
