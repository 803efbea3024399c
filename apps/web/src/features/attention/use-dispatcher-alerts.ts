import { useEffect, useRef } from 'react';
import { useClockStore } from '../../stores/clock-store.js';
import { useIncidentsStore } from '../../stores/incidents-store.js';
import { attentionOutput, type AttentionOutput } from './attention-output.js';
import { useAttentionStore, type AttentionScreen } from './attention-store.js';
import { dispatcherAlerts, type AlertMemory } from './dispatcher-alerts.js';

/** Sounds for the dispatcher and the wall, once a second with the server clock (see dispatcher-alerts.ts). */
export function useDispatcherAlerts(
  screen: AttentionScreen,
  output: AttentionOutput = attentionOutput,
): void {
  const memory = useRef<AlertMemory | null>(null);
  const now = useClockStore((s) => s.now);
  useEffect(() => {
    const { targets } = useClockStore.getState();
    const incidents = Object.values(useIncidentsStore.getState().byId);
    const step = dispatcherAlerts(memory.current, incidents, now, targets);
    memory.current = step.memory;
    if (useAttentionStore.getState().isMuted(screen)) return;
    for (const kind of step.alerts) output.tone(kind);
  }, [now, screen, output]);
}
