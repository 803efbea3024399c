import type { LngLat } from '@dispatch/domain';

/** What an entry names: a POI, a house address, a road, a road junction or a centre's standard address. */
export type GazetteerKind = 'place' | 'address' | 'road' | 'intersection' | 'standard_address';

export const GAZETTEER_KINDS: readonly GazetteerKind[] = [
  'place',
  'address',
  'road',
  'intersection',
  'standard_address',
];

/**
 * Key places (重点部位) a call-taker should notice at once: schools, hospitals, markets (night
 * markets too), stations. Stable codes; the centre's list may use others (free text, up to 32).
 */
export const KEY_PLACE_CATEGORIES = ['school', 'hospital', 'market', 'night_market', 'station'] as const;

/** One searchable name with its position. Coordinates are `[lng, lat]` order, WGS84. */
export interface GazetteerEntry {
  /** Stable within its source: `way/123`, `node/45`, `road:解放路:0`, a CSV row key. */
  readonly id: string;
  readonly kind: GazetteerKind;
  /** Display name: 第一人民医院, 解放路88号, 解放路, 解放路与人民路交叉口. */
  readonly name: string;
  /** Other searchable names: alt_name, name:en, the other intersection forms, a centre's aliases. */
  readonly aliases: readonly string[];
  /** Postal-style address when known (a place's addr:*, a standard address's 地址). */
  readonly address: string | null;
  readonly lng: number;
  readonly lat: number;
  /** What it is, e.g. `amenity=hospital`, `highway=primary`; null when unknown. */
  readonly category: string | null;
  /** Key-place category (see {@link KEY_PLACE_CATEGORIES}) or null when it is no key place. */
  readonly keyPlace: string | null;
  /** Where it came from: `osm`, `roads`, `standard`. */
  readonly source: string;
}

/** Position of an entry as `[lng, lat]`. */
export function entryLngLat(entry: GazetteerEntry): LngLat {
  return [entry.lng, entry.lat];
}
