/**
 * Named places and house addresses from OpenStreetMap tags. The importer hands over each tagged
 * node (and each way, at its centroid) with its tags; the rules of what counts as a place, what
 * its category is, which are key places (重点部位) and how an address reads live here.
 */
import type { GazetteerEntry } from './entry.js';
import { hasCjk } from './normalize.js';

/** Keys whose presence (with a name) makes a place. Order: the first present names the category. */
export const PLACE_KEYS = [
  'amenity',
  'shop',
  'healthcare',
  'tourism',
  'leisure',
  'office',
  'public_transport',
  'railway',
  'aeroway',
  'historic',
  'building',
  'place',
] as const;

/** A tagged OSM object reduced to what the gazetteer needs. */
export interface OsmPlaceInput {
  /** `node/123` or `way/456`. */
  readonly id: string;
  readonly lng: number;
  readonly lat: number;
  readonly tags: Readonly<Record<string, string>>;
}

const RAILWAY_PLACES = new Set(['station', 'halt', 'tram_stop', 'subway_entrance']);
const PUBLIC_TRANSPORT_PLACES = new Set(['station', 'stop_position', 'platform']);
/** building=* values that are no place by themselves (a house is found by its address). */
const PLAIN_BUILDINGS = new Set([
  'yes',
  'house',
  'residential',
  'garage',
  'garages',
  'shed',
  'roof',
  'detached',
]);
/** place=* values that are areas of the city one asks for by name. */
const PLACE_VALUES = new Set([
  'city',
  'town',
  'village',
  'hamlet',
  'suburb',
  'quarter',
  'neighbourhood',
  'city_block',
  'locality',
  'square',
  'island',
  'islet',
]);

/** Tags that hold another name of the same thing, in the order they are listed as aliases. */
const ALIAS_TAGS = [
  'name:zh',
  'name:zh-Hans',
  'name:zh-Hant',
  'alt_name',
  'short_name',
  'official_name',
  'old_name',
  'loc_name',
  'name:en',
  'name:fr',
];

/** Category (`key=value`) of tags that describe a place, or null. */
export function placeCategory(tags: Readonly<Record<string, string>>): string | null {
  for (const key of PLACE_KEYS) {
    const value = tags[key]?.trim();
    if (!value || value === 'no') continue;
    if (key === 'railway' && !RAILWAY_PLACES.has(value)) continue;
    if (key === 'public_transport' && !PUBLIC_TRANSPORT_PLACES.has(value)) continue;
    if (key === 'aeroway' && value !== 'aerodrome' && value !== 'terminal') continue;
    if (key === 'building' && PLAIN_BUILDINGS.has(value)) continue;
    if (key === 'place' && !PLACE_VALUES.has(value)) continue;
    return `${key}=${value}`;
  }
  return null;
}

/** Key-place category of an OSM category, or null: schools, hospitals, markets, stations. */
export function keyPlaceOf(
  category: string | null,
  tags: Readonly<Record<string, string>> = {},
): string | null {
  if (!category) return null;
  const name = tags['name'] ?? '';
  switch (category) {
    case 'amenity=school':
    case 'amenity=kindergarten':
    case 'amenity=college':
    case 'amenity=university':
      return 'school';
    case 'amenity=hospital':
    case 'healthcare=hospital':
      return 'hospital';
    case 'amenity=marketplace':
      return /夜市|night market/i.test(name) ? 'night_market' : 'market';
    case 'railway=station':
    case 'public_transport=station':
    case 'amenity=bus_station':
    case 'aeroway=aerodrome':
    case 'aeroway=terminal':
      return 'station';
    default:
      return null;
  }
}

/** How an address reads: 解放路88号 for Chinese streets, `12 Avenue de la Costa` otherwise. */
export function formatAddress(street: string, housenumber: string): string {
  if (hasCjk(street))
    return /[号號]$/.test(housenumber) ? `${street}${housenumber}` : `${street}${housenumber}号`;
  return `${housenumber} ${street}`;
}

function addressOf(tags: Readonly<Record<string, string>>): string | null {
  const street = (tags['addr:street'] ?? tags['addr:place'])?.trim();
  const number = tags['addr:housenumber']?.trim();
  if (street && number) return formatAddress(street, number);
  const full = tags['addr:full']?.trim();
  return full || null;
}

/**
 * Entries of one OSM object: a place when it is named and of a place category, an address when
 * it has `addr:housenumber` with `addr:street` (or `addr:place`) or `addr:full`. An object with
 * both gives both, so 「解放路88号」 finds the shop there as well as the door.
 */
export function osmPlaceEntries(input: OsmPlaceInput): GazetteerEntry[] {
  const { tags } = input;
  const out: GazetteerEntry[] = [];
  const address = addressOf(tags);
  const name = tags['name']?.trim() || tags['name:zh']?.trim() || '';
  const category = placeCategory(tags);
  if (name && category) {
    const aliases = [
      ...new Set(ALIAS_TAGS.flatMap((k) => (tags[k] ?? '').split(';').map((s) => s.trim()))),
    ].filter((a) => a !== '' && a !== name);
    out.push({
      id: input.id,
      kind: 'place',
      name,
      aliases,
      address,
      lng: input.lng,
      lat: input.lat,
      category,
      keyPlace: keyPlaceOf(category, tags),
      source: 'osm',
    });
  }
  if (address) {
    const street = (tags['addr:street'] ?? tags['addr:place'])?.trim();
    const number = tags['addr:housenumber']?.trim();
    const aliases =
      street && number ? [`${street} ${number}`, `${number} ${street}`].filter((a) => a !== address) : [];
    out.push({
      id: `${input.id}#addr`,
      kind: 'address',
      name: address,
      aliases,
      address: null,
      lng: input.lng,
      lat: input.lat,
      category: null,
      keyPlace: null,
      source: 'osm',
    });
  }
  return out;
}

/** Whether an OSM object's tags can make any gazetteer entry (the importer keeps only those). */
export function isGazetteerTagged(tags: Readonly<Record<string, string>>): boolean {
  if (tags['addr:housenumber'] && (tags['addr:street'] || tags['addr:place'])) return true;
  if (tags['addr:full']) return true;
  return Boolean((tags['name'] || tags['name:zh']) && placeCategory(tags));
}
