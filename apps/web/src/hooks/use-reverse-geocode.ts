import type { ReverseGeocodeDto } from '@dispatch/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';

/** A moving unit's text is asked again only once it has moved this far from the last answer. */
const MOVE_METERS = 30;
const CACHE_SIZE = 200;
const cache = new Map<string, Promise<ReverseGeocodeDto | null>>();

/** Flat-earth meters: only compared with tens of meters, where it is exact enough. */
function metersApart(a: readonly [number, number], b: readonly [number, number]): number {
  const dy = (a[1] - b[1]) * 111_195;
  const dx = (a[0] - b[0]) * 111_195 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

const keyOf = (p: readonly [number, number]) => `${p[0].toFixed(5)},${p[1].toFixed(5)}`;

/** One request per point (about 1 m), shared by every screen asking for it. */
export function reverseGeocode(p: readonly [number, number]): Promise<ReverseGeocodeDto | null> {
  const key = keyOf(p);
  let found = cache.get(key);
  if (!found) {
    found = api.reverseGeocode(p).catch(() => {
      cache.delete(key);
      return null;
    });
    cache.set(key, found);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return found;
}

/**
 * 「X路, 近Y (50 米)」 for a point (the intake's location, an incident, a unit's own position),
 * in the console's language; null until known or when nothing named is near.
 */
export function useReverseGeocode(lngLat: readonly [number, number] | null | undefined): string | null {
  const { i18n } = useTranslation();
  const [answer, setAnswer] = useState<{ at: readonly [number, number]; dto: ReverseGeocodeDto } | null>(
    null,
  );
  const far = !lngLat || !answer || metersApart(answer.at, lngLat) > MOVE_METERS;
  const lng = lngLat?.[0];
  const lat = lngLat?.[1];
  useEffect(() => {
    if (lng === undefined || lat === undefined || !far) return;
    let current = true;
    const at = [lng, lat] as const;
    void reverseGeocode(at).then((dto) => {
      if (current && dto) setAnswer({ at, dto });
    });
    return () => {
      current = false;
    };
  }, [lng, lat, far]);
  if (!lngLat || !answer || metersApart(answer.at, lngLat) > MOVE_METERS * 3) return null;
  const text = answer.dto.text;
  if (!text) return null;
  return i18n.language.startsWith('zh') ? text.zh : text.en;
}
