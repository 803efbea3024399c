import type { IncidentDto } from '@dispatch/contracts';
import { useCallback, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { queueOf } from '../../lib/incident-queue.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { IncidentRow } from './IncidentRow.js';

/** Open incidents by priority then age; arrow keys move between rows. */
export function IncidentQueue() {
  const { t } = useTranslation();
  const queue = useIncidentsStore(useShallow((s) => queueOf(Object.values(s.byId))));
  const selectedId = useUiStore((s) => s.selectedIncidentId);
  const onSelect = useCallback((incident: IncidentDto) => {
    const ui = useUiStore.getState();
    ui.selectIncident(incident.id);
    ui.requestFlyTo([incident.lngLat[0], incident.lngLat[1]]);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.incident-row')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <section className="panel queue" data-testid="incident-queue">
      <header className="panel-header">
        <h2>
          {t('queue.title')} <span className="count">{queue.length}</span>
        </h2>
      </header>
      {queue.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list" onKeyDown={onKeyDown}>
          {queue.map((incident) => (
            <IncidentRow
              key={incident.id}
              incident={incident}
              selected={incident.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
