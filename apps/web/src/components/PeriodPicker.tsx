import type { HotspotPeriod } from '@dispatch/contracts';
import { useTranslation } from 'react-i18next';
import { useClockStore } from '../stores/clock-store.js';
import { dayAndHour, hourOfWeekAt, HOURS_PER_WEEK, type CoverPeriod } from '../lib/cover-period.js';

/** 周一 00时 / Mon 00:00 for an hour of week (in the centre's time zone). */
export function useHourOfWeekLabel(): (hourOfWeek: number) => string {
  const { t } = useTranslation();
  return (hourOfWeek) => {
    const { day, hour } = dayAndHour(hourOfWeek);
    return t('period.hourLabel', { day: t(`period.days.${day}`), hour: String(hour).padStart(2, '0') });
  };
}

/**
 * Now, the next shift, or any hour of week on a slider (Monday 00:00 ... Sunday 23:00 in the
 * centre's time zone). `resolved` is the period the server answered for, so "now" and "next
 * shift" read as the hours they stand for.
 */
export function PeriodPicker(props: {
  value: CoverPeriod;
  onChange: (period: CoverPeriod) => void;
  resolved?: HotspotPeriod | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const label = useHourOfWeekLabel();
  const now = useClockStore((s) => s.now);
  const timeZone = useClockStore((s) => s.timeZone);
  const { value, onChange, resolved } = props;
  const resolvedHour = resolved ? Math.floor(resolved.startMinuteOfWeek / 60) % HOURS_PER_WEEK : null;
  const sliderHour = typeof value === 'number' ? value : (resolvedHour ?? hourOfWeekAt(now, timeZone));
  const description =
    resolved?.kind === 'shift' && resolved.shiftName
      ? t('period.shift', {
          name: resolved.shiftName,
          day: t(`period.days.${resolved.day - 1}`),
          start: String(Math.floor((resolved.startMinuteOfWeek % 1440) / 60)).padStart(2, '0'),
        })
      : label(sliderHour);
  return (
    <div className="period-picker" data-testid={props.testId} role="group" aria-label={t('period.label')}>
      <button
        type="button"
        className={value === 'now' ? 'active' : ''}
        aria-pressed={value === 'now'}
        data-testid={`${props.testId}-now`}
        onClick={() => onChange('now')}
      >
        {t('period.now')}
      </button>
      <button
        type="button"
        className={value === 'next-shift' ? 'active' : ''}
        aria-pressed={value === 'next-shift'}
        data-testid={`${props.testId}-next-shift`}
        onClick={() => onChange('next-shift')}
      >
        {t('period.nextShift')}
      </button>
      <input
        type="range"
        min={0}
        max={HOURS_PER_WEEK - 1}
        step={1}
        value={sliderHour}
        aria-label={t('period.hourOfWeek')}
        aria-valuetext={label(sliderHour)}
        data-testid={`${props.testId}-hour`}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <span className="period-label" data-testid={`${props.testId}-label`}>
        {description}
      </span>
    </div>
  );
}
