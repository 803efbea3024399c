import type { ResponseClock } from '@dispatch/domain';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../lib/format.js';

/** One response clock: elapsed time while running, the time it stopped at once met or breached. */
export function ClockBadge({ clock }: { clock: ResponseClock }) {
  const { t } = useTranslation();
  const label = t(`clocks.${clock.name}`);
  if (clock.state === 'not_applicable') {
    return (
      <span
        className="clock clock-na"
        data-testid={`clock-${clock.name}`}
        data-state={clock.state}
        title={label}
      >
        <span className="clock-name">{label}</span>
        <span className="clock-value">—</span>
      </span>
    );
  }
  const stopped = clock.stoppedAt !== null;
  const title = `${label} ${formatDuration(clock.targetSeconds)} · ${
    clock.state === 'met' ? t('clocks.met') : clock.state === 'breached' ? t('clocks.breached') : ''
  }`;
  return (
    <span
      className={`clock clock-${clock.warning} ${stopped ? 'clock-stopped' : ''} ${clock.state === 'met' ? 'clock-met' : ''}`}
      data-testid={`clock-${clock.name}`}
      data-state={clock.state}
      data-warning={clock.warning}
      title={title}
    >
      <span className="clock-name">{label}</span>
      <span className="clock-value">{formatDuration(clock.elapsedSeconds ?? 0)}</span>
    </span>
  );
}
