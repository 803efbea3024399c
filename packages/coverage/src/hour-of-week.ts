/**
 * Hours of the week in the centre's time zone: 0 is Monday 00:00-01:00 local time, 167 Sunday
 * 23:00-24:00. Demand is counted and predicted per hour of week; a shift is a weighted run of
 * them. Pure: instants come in as epoch ms, wall-clock fields from the domain's `zonedParts`.
 */
import { zonedParts } from '@dispatch/domain';

export const HOURS_PER_WEEK = 168;
export const MINUTES_PER_WEEK = HOURS_PER_WEEK * 60;

/** One hour of week and how much of it counts (1 = all of it; a shift starting at :30 counts 0.5). */
export interface HourWeight {
  hourOfWeek: number;
  weight: number;
}

/** Monday-based day (0 = Monday) of a local calendar date. */
function mondayBasedDay(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** Local minute of the week (0 = Monday 00:00) of `at` in `timeZone`. */
export function minuteOfWeekAt(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return mondayBasedDay(p.year, p.month, p.day) * 1440 + p.hour * 60 + p.minute;
}

/** Local hour of the week (0 = Monday 00:00-01:00) of `at` in `timeZone`. */
export function hourOfWeekAt(at: number, timeZone: string): number {
  return Math.floor(minuteOfWeekAt(at, timeZone) / 60);
}

const QUARTER_HOUR_MS = 900_000;

/**
 * A fast `hourOfWeekAt` for many instants: every UTC offset in use since 1979 is a whole number of
 * quarter hours and changes on a quarter hour, so one look-up per UTC quarter hour serves all the
 * instants in it (a 28-day window is 2,688 look-ups, however many incidents it holds).
 */
export function hourOfWeekReader(timeZone: string): (at: number) => number {
  const cache = new Map<number, number>();
  return (at) => {
    const bucket = Math.floor(at / QUARTER_HOUR_MS);
    let hour = cache.get(bucket);
    if (hour === undefined) {
      hour = hourOfWeekAt(bucket * QUARTER_HOUR_MS, timeZone);
      cache.set(bucket, hour);
    }
    return hour;
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function utcOffsetMs(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The zone's offset is sampled this often; a change between two samples is found by bisection. */
const OFFSET_SAMPLE_MS = 6 * HOUR_MS;

/** Hours of week over one window: a reader for its instants and the hours of each hour of week it holds. */
export interface WindowClock {
  /** Local hour of week of `at` (an instant inside the window). */
  hourOf(at: number): number;
  /** Hours of each hour of week in [from, to) (4 each for 28 days; a DST day has 23 or 25). */
  exposure: Float64Array;
}

/**
 * Hours of week for instants in [from, to) at the cost of a few dozen `zonedParts` calls: the
 * zone's UTC offset is read every 6 hours, each change located to its quarter hour, and local
 * time is then arithmetic. Assumes at most one offset change in 6 hours, which holds for every
 * zone since 1979.
 */
export function windowClock(from: number, to: number, timeZone: string): WindowClock {
  const starts: number[] = [-Infinity];
  const offsets: number[] = [utcOffsetMs(from, timeZone)];
  let previous = from;
  for (let t = from; t < to;) {
    const next = Math.min(to, t + OFFSET_SAMPLE_MS);
    const offset = utcOffsetMs(next, timeZone);
    const current = offsets[offsets.length - 1]!;
    if (offset !== current) {
      let lo = Math.floor(previous / QUARTER_HOUR_MS);
      let hi = Math.floor(next / QUARTER_HOUR_MS);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (utcOffsetMs(mid * QUARTER_HOUR_MS, timeZone) === current) lo = mid;
        else hi = mid;
      }
      starts.push(hi * QUARTER_HOUR_MS);
      offsets.push(utcOffsetMs(hi * QUARTER_HOUR_MS, timeZone));
    }
    previous = next;
    t = next;
  }
  const hourOf = (at: number): number => {
    let i = starts.length - 1;
    while (at < starts[i]!) i--;
    const local = at + offsets[i]!;
    const days = Math.floor(local / DAY_MS);
    // 1970-01-01 was a Thursday: day 3 of a Monday-based week.
    return ((((days + 3) % 7) + 7) % 7) * 24 + Math.floor((local - days * DAY_MS) / HOUR_MS);
  };
  const exposure = new Float64Array(HOURS_PER_WEEK);
  for (let t = from; t < to;) {
    const next = Math.min(to, (Math.floor(t / QUARTER_HOUR_MS) + 1) * QUARTER_HOUR_MS);
    const h = hourOf(t);
    exposure[h] = exposure[h]! + (next - t) / HOUR_MS;
    t = next;
  }
  return { hourOf, exposure };
}

/**
 * The hours of week from local minute of week `startMinute` (inclusive) to `endMinute`
 * (exclusive), each weighted by the part of it inside; an end at or before the start wraps into
 * the next week. A shift 20:00-08:00 starting Friday is `hoursBetween(4 * 1440 + 1200, 5 * 1440 + 480)`.
 */
export function hoursBetween(startMinute: number, endMinute: number): HourWeight[] {
  const start = ((startMinute % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  let end = ((endMinute % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  if (end <= start) end += MINUTES_PER_WEEK;
  const out: HourWeight[] = [];
  for (let h = Math.floor(start / 60); h * 60 < end; h++) {
    const inside = Math.min(end, (h + 1) * 60) - Math.max(start, h * 60);
    if (inside > 0) out.push({ hourOfWeek: h % HOURS_PER_WEEK, weight: inside / 60 });
  }
  return out;
}

/** A daily shift by local clock time, minutes after midnight; an end at or before the start ends the next day. */
export interface DailyShift {
  id: string;
  startMinute: number;
  endMinute: number;
}

/** A shift on a given day of the week, as minutes of week and hours of week. */
export interface ShiftOfWeek {
  id: string;
  /** 0 = Monday. */
  day: number;
  startMinuteOfWeek: number;
  endMinuteOfWeek: number;
  hours: HourWeight[];
}

/** `shift` as it starts on `day` (0 = Monday). */
export function shiftOfWeek(shift: DailyShift, day: number): ShiftOfWeek {
  const d = ((day % 7) + 7) % 7;
  const startMinuteOfWeek = d * 1440 + shift.startMinute;
  const length = (((shift.endMinute - shift.startMinute) % 1440) + 1440) % 1440 || 1440;
  const endMinuteOfWeek = (startMinuteOfWeek + length) % MINUTES_PER_WEEK;
  return {
    id: shift.id,
    day: d,
    startMinuteOfWeek,
    endMinuteOfWeek,
    hours: hoursBetween(startMinuteOfWeek, startMinuteOfWeek + length),
  };
}

/**
 * The occurrence of `shift` that is running at local minute of week `nowMinute`, or else the next
 * one to start. With `strictlyNext`, the first one starting after `nowMinute` ("next shift").
 */
export function shiftOccurrence(shift: DailyShift, nowMinute: number, strictlyNext = false): ShiftOfWeek {
  const length = (((shift.endMinute - shift.startMinute) % 1440) + 1440) % 1440 || 1440;
  const today = Math.floor(nowMinute / 1440);
  let best: ShiftOfWeek | null = null;
  let bestDelta = Infinity;
  for (let back = -1; back <= 7; back++) {
    const day = today + back;
    const start = day * 1440 + shift.startMinute;
    const running = start <= nowMinute && nowMinute < start + length;
    const delta = start - nowMinute;
    const fits = strictlyNext ? delta > 0 : running || delta > 0;
    if (!fits) continue;
    // A running occurrence beats any later one; else the soonest start.
    const rank = running && !strictlyNext ? -Infinity : delta;
    if (rank < bestDelta) {
      bestDelta = rank;
      best = shiftOfWeek(shift, day);
    }
  }
  return best!;
}

/** Of several daily shifts, the first to start after local minute of week `nowMinute` ("next shift"). */
export function nextShift(shifts: readonly DailyShift[], nowMinute: number): ShiftOfWeek | null {
  let best: ShiftOfWeek | null = null;
  let bestDelta = Infinity;
  for (const s of shifts) {
    const occurrence = shiftOccurrence(s, nowMinute, true);
    const delta =
      (((occurrence.startMinuteOfWeek - nowMinute) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) %
        MINUTES_PER_WEEK || MINUTES_PER_WEEK;
    if (delta < bestDelta) {
      bestDelta = delta;
      best = occurrence;
    }
  }
  return best;
}
