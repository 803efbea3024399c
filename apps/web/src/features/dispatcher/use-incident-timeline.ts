import type { AuditEventDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';

/** The incident's audit timeline, re-fetched whenever the incident or its assignments change. */
export function useIncidentTimeline(incidentId: string | null, revision: string): AuditEventDto[] {
  const [timeline, setTimeline] = useState<{ id: string | null; events: AuditEventDto[] }>({
    id: null,
    events: [],
  });
  useEffect(() => {
    if (!incidentId) return;
    let cancelled = false;
    api.getIncident(incidentId).then(
      ({ timeline: events, ...incident }) => {
        if (cancelled) return;
        useIncidentsStore.getState().upsertIncident(incident);
        setTimeline({ id: incidentId, events });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [incidentId, revision]);
  return timeline.id === incidentId ? timeline.events : [];
}
