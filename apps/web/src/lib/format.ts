/** Display helpers; the domain keeps seconds and metres, minutes appear only here. */
import { zonedParts } from '@dispatch/domain';
import { useClockStore } from '../stores/clock-store.js';

/** Seconds as m:ss (or h:mm:ss), negative values with a minus sign. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.floor(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** ETA in whole minutes, rounded up (a unit 61 s away is "2 min"), at least 1. */
export function etaMinutes(etaSeconds: number): number {
  return Math.max(1, Math.ceil(etaSeconds / 60));
}

/** Metres as "850 m" / "2.4 km". */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(1)} km`;
}

/** Local wall-clock time HH:MM:SS of an ISO string or epoch ms. */
/** HH:MM:SS of `at` in the centre's time zone (not the machine's: a wall PC may run on UTC). */
export function formatTime(at: string | number, timeZone = useClockStore.getState().timeZone): string {
  const { hour, minute, second } = zonedParts(typeof at === 'number' ? at : Date.parse(at), timeZone);
  return [hour, minute, second].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Share 0..1 as a whole percentage, or null. */
export function formatShare(share: number | null): string | null {
  return share === null ? null : `${Math.round(share * 100)}%`;
}
