/**
 * @dispatch/gazetteer: address and place search (geocoding) for the location box, and reverse
 * geocoding for a map click or a unit position. Pure (no I/O, no clock).
 *
 * - Entries (`entry.ts`): places, house addresses, roads, intersections and the centre's
 *   standard addresses, each with a name, aliases, a position and a key-place flag.
 * - Built from the road graph (`roads.ts`: roads, and junctions of two named roads), from OSM
 *   tags (`places.ts`) and from the standard-address CSV (`standard-address.ts`).
 * - `GazetteerIndex` (`search-index.ts`): Chinese-friendly search as one types (character
 *   bigrams, no word spaces, traditional folded to simplified, pinyin and initials, typos).
 * - `ReverseGeocoder` (`reverse.ts`): 「X路, 近Y (50 米)」.
 */
export * from './entry.js';
export { normalizeText, hasCjk } from './normalize.js';
export { pinyinForms } from './pinyin.js';
export { substringDistance } from './fuzzy.js';
export * from './search-index.js';
export { roadEntries, intersectionEntries, intersectionNames } from './roads.js';
export * from './places.js';
export * from './standard-address.js';
export * from './reverse.js';
