/**
 * Human incident number `110-YYYYMMDD-NNNN`: the centre's local calendar day (zonedDayKey in
 * zoned-time.ts, the centre's time zone) and a daily sequence from 1 (more than four digits once
 * past 9999).
 */
import { domainError } from './errors.js';
import { err, ok, type Result } from './result.js';

export const INCIDENT_NUMBER_PREFIX = '110';
const NUMBER_PATTERN = /^110-(\d{8})-(\d{4,})$/;

function isCalendarDate(dateKey: string): boolean {
  if (!/^\d{8}$/.test(dateKey)) return false;
  const y = Number(dateKey.slice(0, 4));
  const m = Number(dateKey.slice(4, 6));
  const d = Number(dateKey.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Formats `110-YYYYMMDD-NNNN`. `VALIDATION_FAILED` if `dateKey` is not a real `YYYYMMDD` day or
 * `sequence` is not an integer >= 1.
 */
export function formatIncidentNumber(dateKey: string, sequence: number): Result<string> {
  if (!isCalendarDate(dateKey)) {
    return err(
      domainError('VALIDATION_FAILED', 'Date must be a calendar day YYYYMMDD', { field: 'dateKey' }),
    );
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    return err(domainError('VALIDATION_FAILED', 'Sequence must be an integer >= 1', { field: 'sequence' }));
  }
  return ok(`${INCIDENT_NUMBER_PREFIX}-${dateKey}-${String(sequence).padStart(4, '0')}`);
}

/** Parses a number made by {@link formatIncidentNumber}; `VALIDATION_FAILED` otherwise. */
export function parseIncidentNumber(value: string): Result<{ dateKey: string; sequence: number }> {
  const match = NUMBER_PATTERN.exec(value);
  const dateKey = match?.[1];
  const digits = match?.[2];
  const sequence = Number(digits);
  // Canonical form only: no extra leading zeros beyond the 4-digit padding.
  const canonical = digits !== undefined && digits === String(sequence).padStart(4, '0');
  if (
    dateKey === undefined ||
    !canonical ||
    !isCalendarDate(dateKey) ||
    sequence < 1 ||
    !Number.isSafeInteger(sequence)
  ) {
    return err(domainError('VALIDATION_FAILED', 'Not an incident number 110-YYYYMMDD-NNNN', { value }));
  }
  return ok({ dateKey, sequence });
}
