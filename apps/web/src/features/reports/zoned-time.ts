/** Calendar days of the centre's time zone <-> instants, for the report's date pickers. */

function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant local midnight of `day` (YYYY-MM-DD) begins in `timeZone`, as ISO (UTC). */
export function zonedMidnight(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  let at = guess - offsetMs(guess, timeZone);
  at = guess - offsetMs(at, timeZone); // settles across a DST change
  return new Date(at).toISOString();
}

/** Calendar day (YYYY-MM-DD) of an instant in `timeZone`. */
export function zonedDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

/** `YYYY-MM-DD HH:mm` of an instant in `timeZone`. */
export function zonedDateTime(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return text.replace(',', '');
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
