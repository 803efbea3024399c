import { formatTime } from '../lib/format.js';
import { useClockStore } from '../stores/clock-store.js';

/** Server-aligned wall-clock time. */
export function ServerClock({ className = 'server-clock' }: { className?: string }) {
  const now = useClockStore((s) => s.now);
  return <span className={className}>{formatTime(now)}</span>;
}
