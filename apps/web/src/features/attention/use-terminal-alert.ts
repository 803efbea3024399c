import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActiveAssignment } from '../../lib/active-assignment.js';
import { attentionOutput, type AttentionOutput } from './attention-output.js';
import { useAttentionStore } from './attention-store.js';

/** An unacknowledged assignment rings again this often until accepted. */
export const RING_EVERY_MS = 5_000;

/**
 * The unit terminal's alert for a new assignment: a distinct tone repeated until the crew
 * accepts, vibration, a system notification when the tab is in the background, the type and
 * address read aloud, and a flashing tab title. Muted: the title still flashes.
 */
export function useTerminalAlert(
  active: ActiveAssignment | null,
  output: AttentionOutput = attentionOutput,
): void {
  const { t, i18n } = useTranslation();
  const ringing = active?.assignment.status === 'assigned' ? active : null;
  const id = ringing?.assignment.id ?? null;
  const type = ringing ? t(`incidentType.${ringing.incident.type}`) : '';
  const where = ringing?.incident.address ?? '';
  const lang = i18n.language;
  useEffect(() => {
    if (!id) return;
    const title = document.title;
    const headline = t('attention.newAssignment', { type });
    const sound = () => !useAttentionStore.getState().isMuted('terminal');
    if (sound()) {
      output.tone('assignment');
      output.vibrate([300, 150, 300, 150, 600]);
      output.speak(`${headline}. ${where}`, lang);
    }
    output.notify(headline, where);
    let flash = false;
    const flasher = setInterval(() => {
      flash = !flash;
      document.title = flash ? `【${headline}】` : title;
    }, 1000);
    const ringer = setInterval(() => {
      if (sound()) {
        output.tone('assignment');
        output.vibrate([300, 150, 300]);
      }
    }, RING_EVERY_MS);
    return () => {
      clearInterval(flasher);
      clearInterval(ringer);
      document.title = title;
    };
    // Keyed by the assignment: a re-render must not ring again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
}

/** A new standby order: one tone and its note read aloud. */
export function useStandbyAlert(
  orderId: string | null,
  note: string,
  output: AttentionOutput = attentionOutput,
): void {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useEffect(() => {
    if (!orderId) return;
    const headline = t('attention.newStandby');
    if (!useAttentionStore.getState().isMuted('terminal')) {
      output.tone('standby');
      output.vibrate([200, 100, 200]);
      output.speak(`${headline}. ${note}`, lang);
    }
    output.notify(headline, note);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId]);
}
