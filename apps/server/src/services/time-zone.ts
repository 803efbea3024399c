/** Calendar day of the centre (its IANA time zone), as YYYYMMDD: incident numbers restart daily. */
export { zonedDayKey as centreDayKey } from '@dispatch/domain';
