import type { GeocodeHitDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { searchRoads, type RoadPlace } from '../lib/road-index.js';

/** Keystrokes closer together than this make one request (typing speed, not network speed). */
const DEBOUNCE_MS = 120;

export interface PlaceSearch {
  hits: readonly GeocodeHitDto[];
  /** The hits are the loaded road names only: the server's search did not answer. */
  offline: boolean;
}

const EMPTY: PlaceSearch = { hits: [], offline: false };

/** A road of the loaded map as a hit, for when the server's search cannot be reached. */
function roadHit(place: RoadPlace): GeocodeHitDto {
  return {
    id: `road:${place.name}`,
    kind: 'road',
    name: place.name,
    matched: place.name,
    match: 'contains',
    address: null,
    lngLat: place.lngLat,
    category: null,
    keyPlace: null,
    distanceMeters: null,
  };
}

/**
 * The gazetteer's hits for what the call-taker is typing (places, addresses, roads, junctions,
 * standard addresses; pinyin and typos too), nearest to `near` first. Only the answer to the
 * latest text is shown; while the server is unreachable the loaded road names stand in.
 */
export function usePlaceSearch(
  text: string,
  near: readonly [number, number] | null,
  roads: readonly RoadPlace[],
  enabled: boolean,
): PlaceSearch {
  const [result, setResult] = useState<{ text: string; search: PlaceSearch } | null>(null);
  const query = text.trim();
  const nearKey = near ? `${near[0].toFixed(4)},${near[1].toFixed(4)}` : '';
  useEffect(() => {
    if (!enabled || query === '') return;
    let current = true;
    const timer = setTimeout(() => {
      const at = nearKey ? (nearKey.split(',').map(Number) as [number, number]) : null;
      api.geocodeSearch(query, at).then(
        (dto) => current && setResult({ text: query, search: { hits: dto.hits, offline: false } }),
        () =>
          current &&
          setResult({ text: query, search: { hits: searchRoads(roads, query).map(roadHit), offline: true } }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, nearKey, roads, enabled]);
  // The previous answer stays up while the next one is on its way: no flicker per keystroke.
  if (!enabled || query === '' || !result) return EMPTY;
  return result.search;
}
