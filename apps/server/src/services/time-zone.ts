/** Calendar day of the centre (its IANA time zone), as YYYYMMDD: incident numbers restart daily. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function centreDayKey(at: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(new Date(at)).replaceAll('-', '');
}
