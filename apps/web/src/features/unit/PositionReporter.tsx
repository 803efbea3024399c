import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format.js';
import { storeReportInterval, storedReportInterval, usePositionReporter } from './use-position-reporter.js';

/** Position reporting status and its interval setting. */
export function PositionReporter({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [interval, setIntervalSeconds] = useState(storedReportInterval);
  const { lastReportAt, error } = usePositionReporter(unitId, interval);
  return (
    <div className="position-reporter" data-testid="position-reporter">
      <label>
        {t('terminal.reportInterval')}
        <select
          value={interval}
          onChange={(e) => {
            const seconds = Number(e.target.value);
            storeReportInterval(seconds);
            setIntervalSeconds(seconds);
          }}
        >
          {[5, 10, 15, 30, 60].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <small className={error ? 'warning' : 'muted'}>
        {error
          ? t('terminal.geoUnavailable')
          : lastReportAt
            ? t('terminal.lastReport', { time: formatTime(lastReportAt) })
            : ''}
      </small>
    </div>
  );
}
