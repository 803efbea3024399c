/**
 * Wall-clock time in the centre's IANA time zone (e.g. `Asia/Shanghai`) for epoch-ms instants:
 * the calendar day that numbers incidents, the days, hours and shifts of the response-time
 * review, and the local midnights that bound a report's date range. The one copy for the server,
 * the web console and the report tests. Pure: Intl only, no clock (instants are passed in).
 */

/** Local calendar and clock fields of an instant; `month` from 1, `hour` 0-23. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a DateTimeFormat costs far more than formatting with it: one per zone, reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Local date and time of epoch-ms `at` in `timeZone` (throws RangeError for an unknown zone). */
export function zonedParts(at: number, timeZone: string): ZonedParts {
  const parts = formatterOf(timeZone).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function dayOf(p: ZonedParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Calendar day `YYYY-MM-DD` of `at` in `timeZone`. */
export function zonedDay(at: number, timeZone: string): string {
  return dayOf(zonedParts(at, timeZone));
}

/** Calendar day `YYYYMMDD` of `at` in `timeZone`: incident numbers restart with each local day. */
export function zonedDayKey(at: number, timeZone: string): string {
  return zonedDay(at, timeZone).replaceAll('-', '');
}

/** `YYYY-MM-DD HH:mm` (with `seconds`: `YYYY-MM-DD HH:mm:ss`) of `at` in `timeZone`. */
export function zonedDateTime(at: number, timeZone: string, options: { seconds?: boolean } = {}): string {
  const p = zonedParts(at, timeZone);
  const time = `${pad(p.hour)}:${pad(p.minute)}`;
  return `${dayOf(p)} ${options.seconds ? `${time}:${pad(p.second)}` : time}`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms (whole seconds). */
function utcOffsetMs(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Epoch ms at which local midnight of `day` (`YYYY-MM-DD`) begins in `timeZone`. */
export function zonedMidnight(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const first = guess - utcOffsetMs(guess, timeZone);
  // The offset at the first estimate settles a day on which daylight saving time changes.
  return guess - utcOffsetMs(first, timeZone);
}

/** The calendar day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
