/**
 * The period a hot-spot map or a standby plan is asked for: now, the next shift, or an hour of
 * week (0 = Monday 00:00-01:00 in the centre's time zone, 167 = Sunday 23:00). The server resolves
 * "now" and "next shift" (GET /api/hotspots and /api/standby/recommendations share that logic).
 */
import { zonedParts } from '@dispatch/domain';

export type CoverPeriod = 'now' | 'next-shift' | number;

export const HOURS_PER_WEEK = 168;

/** Query of GET /api/hotspots for the period. */
export function hotspotQuery(period: CoverPeriod): { when?: 'now' | 'next-shift'; hourOfWeek?: number } {
  return typeof period === 'number' ? { hourOfWeek: period } : { when: period };
}

/** `hour` of GET /api/standby/recommendations. */
export function standbyHour(period: CoverPeriod): string {
  return String(period);
}

/** A stable key of the period (stores keep answers per key). */
export function periodKey(period: CoverPeriod): string {
  return String(period);
}

/** Local hour of week (0 = Monday 00:00) of `at` in `timeZone`. */
export function hourOfWeekAt(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
  return weekday * 24 + p.hour;
}

/** Day (0 = Monday) and hour of an hour of week, for labels such as 周一 00时 / Mon 00:00. */
export function dayAndHour(hourOfWeek: number): { day: number; hour: number } {
  const h = ((Math.floor(hourOfWeek) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
  return { day: Math.floor(h / 24), hour: h % 24 };
}
