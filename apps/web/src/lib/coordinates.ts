/** Parses typed coordinates ("lng,lat", also with spaces or a Chinese comma); null if not valid. */
export function parseLngLat(text: string): [number, number] | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  const lng = Number(match[1]);
  const lat = Number(match[2]);
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
  return [lng, lat];
}

/** "lng, lat" with 5 decimals (about a metre). */
export function formatLngLat(lngLat: readonly [number, number]): string {
  return `${lngLat[0].toFixed(5)}, ${lngLat[1].toFixed(5)}`;
}
