/**
 * Duplicate and related calls: which open incidents a call being taken may be about, and what
 * counts as the history of its place. One home for the windows, used by the server's query and
 * shown by the console.
 */
import type { IncidentType } from './model.js';

export interface RelatedCallWindow {
  /** Open incidents this near the call's location. */
  readonly radiusMeters: number;
  /** ... received this many minutes before it at most. */
  readonly minutes: number;
}

/** Per type: a fight is one place and minutes; a missing child is a wide area and hours. */
export const RELATED_CALL_WINDOWS: Readonly<Record<IncidentType, RelatedCallWindow>> = {
  knife_attack: { radiusMeters: 500, minutes: 30 },
  robbery: { radiusMeters: 500, minutes: 30 },
  fight: { radiusMeters: 300, minutes: 30 },
  theft: { radiusMeters: 300, minutes: 60 },
  dispute: { radiusMeters: 300, minutes: 60 },
  traffic_accident: { radiusMeters: 500, minutes: 30 },
  help_request: { radiusMeters: 300, minutes: 30 },
  missing_person: { radiusMeters: 2000, minutes: 240 },
  fire_medical: { radiusMeters: 300, minutes: 30 },
  suspicious: { radiusMeters: 300, minutes: 60 },
  noise: { radiusMeters: 200, minutes: 120 },
  other: { radiusMeters: 300, minutes: 30 },
};

/** Before the type is chosen: the widest common window. */
export const UNTYPED_RELATED_WINDOW: RelatedCallWindow = { radiusMeters: 500, minutes: 60 };

/** The same phone calling again counts this far and this long, whatever the type. */
export const SAME_PHONE_WINDOW: RelatedCallWindow = { radiusMeters: 3000, minutes: 120 };

/** The place's history: calls within this distance in the last this many days. */
export const PLACE_HISTORY_METERS = 50;
export const PLACE_HISTORY_DAYS = 30;

export function relatedCallWindow(type: IncidentType | null): RelatedCallWindow {
  return type === null ? UNTYPED_RELATED_WINDOW : RELATED_CALL_WINDOWS[type];
}

/** Digits only, without a +86 / 0086 country prefix: `138 0000 0000` and `+8613800000000` match. */
export function comparablePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  return digits.length >= 5 ? digits : null;
}

export interface RelatedCandidate {
  readonly distanceMeters: number;
  /** Minutes between the incident's receipt and the new call (>= 0). */
  readonly minutesBefore: number;
  readonly samePhone: boolean;
}

/** Whether an open incident may be what the call being taken is about. */
export function isRelatedCall(c: RelatedCandidate, type: IncidentType | null): boolean {
  if (c.minutesBefore < 0) return false;
  const w = relatedCallWindow(type);
  if (c.distanceMeters <= w.radiusMeters && c.minutesBefore <= w.minutes) return true;
  return (
    c.samePhone &&
    c.distanceMeters <= SAME_PHONE_WINDOW.radiusMeters &&
    c.minutesBefore <= SAME_PHONE_WINDOW.minutes
  );
}

/** The likeliest first: the same phone, then the nearest, then the most recent. */
export function compareRelated(a: RelatedCandidate, b: RelatedCandidate): number {
  return (
    Number(b.samePhone) - Number(a.samePhone) ||
    a.distanceMeters - b.distanceMeters ||
    a.minutesBefore - b.minutesBefore
  );
}
