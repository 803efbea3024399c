/**
 * The base style. Offline by default: the server's vector basemap (water, land use, buildings,
 * roads, labels; see basemap-style.ts) with glyphs bundled in the console. A configured style
 * URL (VITE_MAP_STYLE_URL) or a local PMTiles archive (VITE_PMTILES_URL, Protomaps basemap
 * layers) replaces it. Either way the operational layers are drawn on top.
 */
import type { MapOptions, RequestParameters } from 'maplibre-gl';
import { BASEMAP_LABEL_LAYERS, localBasemapStyle } from './basemap-style.js';
import { MAP_BACKGROUND } from './palette.js';

export type StyleInput = NonNullable<MapOptions['style']>;

export interface BaseStyle {
  style: StyleInput;
  /** True when the base (roads, water) comes from the style, so the GeoJSON roads are skipped. */
  external: boolean;
  /** The style's first label layer: area overlays (grid shades, heat map) go under it. */
  labelsBeforeId: string | null;
  /** PMTiles archive to register with the pmtiles protocol before the style loads. */
  pmtilesUrl: string | null;
}

/** Reads the configuration (Vite env at build time). */
export function baseStyleFromEnv(env: { VITE_MAP_STYLE_URL?: string; VITE_PMTILES_URL?: string }): BaseStyle {
  const styleUrl = env.VITE_MAP_STYLE_URL?.trim();
  if (styleUrl) return { style: styleUrl, external: true, labelsBeforeId: null, pmtilesUrl: null };
  const pmtiles = env.VITE_PMTILES_URL?.trim();
  if (pmtiles)
    return { style: pmtilesStyle(pmtiles), external: true, labelsBeforeId: null, pmtilesUrl: pmtiles };
  const origin = globalThis.location?.origin ?? 'http://localhost';
  return {
    style: localBasemapStyle(origin),
    external: true,
    labelsBeforeId: BASEMAP_LABEL_LAYERS[0]!,
    pmtilesUrl: null,
  };
}

/**
 * Signs the basemap's tile requests like every other API call: the tiles are map data behind
 * the same sign-in. Other URLs (glyphs, a configured style) go out unchanged.
 */
export function authorizedRequest(
  url: string,
  token: string | null,
  origin: string = globalThis.location?.origin ?? '',
): RequestParameters {
  if (token && origin && url.startsWith(`${origin}/api/`))
    return { url, headers: { authorization: `Bearer ${token}` } };
  return { url };
}

export function blankStyle(): StyleInput {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } }],
  };
}

/** A minimal dark style over a Protomaps-schema PMTiles archive (earth, water, roads, buildings). */
function pmtilesStyle(url: string): StyleInput {
  const absolute = new URL(url, globalThis.location?.href ?? 'http://localhost/').href;
  return {
    version: 8,
    sources: { basemap: { type: 'vector', url: `pmtiles://${absolute}` } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } },
      {
        id: 'earth',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'earth',
        paint: { 'fill-color': '#0f1726' },
      },
      {
        id: 'water',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'water',
        paint: { 'fill-color': '#0c2a44' },
      },
      {
        id: 'buildings',
        type: 'fill',
        source: 'basemap',
        'source-layer': 'buildings',
        paint: { 'fill-color': '#1a2336', 'fill-opacity': 0.6 },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'basemap',
        'source-layer': 'roads',
        paint: {
          'line-color': '#3b4a63',
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 3],
        },
      },
    ],
  };
}
