import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { BASEMAP_SOURCE_LAYERS } from '@dispatch/contracts';
import { BASEMAP_LABEL_LAYERS, localBasemapStyle } from './basemap-style.js';
import { authorizedRequest, baseStyleFromEnv } from './map-style.js';

describe('the offline basemap style', () => {
  const style = localBasemapStyle('http://127.0.0.1:8110');

  it('is a valid MapLibre style whose URLs are all on the console itself', () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBe('http://127.0.0.1:8110/glyphs/{fontstack}/{range}.pbf');
    expect(JSON.stringify(style.sources)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:8110\/)/);
    expect(style.sprite).toBeUndefined();
  });

  it('reads only the layers the tiles have, and lists its label layers in order', () => {
    const layers = style.layers.filter((l) => 'source-layer' in l);
    for (const layer of layers)
      expect(BASEMAP_SOURCE_LAYERS).toContain((layer as { 'source-layer': string })['source-layer']);
    const ids = style.layers.map((l) => l.id);
    const symbols = style.layers.filter((l) => l.type === 'symbol').map((l) => l.id);
    expect(symbols).toEqual(BASEMAP_LABEL_LAYERS);
    expect(ids.indexOf(BASEMAP_LABEL_LAYERS[0]!)).toBeGreaterThan(ids.indexOf('basemap-roads-major'));
  });

  it('is the default; a style URL or a PMTiles archive replaces it', () => {
    expect(baseStyleFromEnv({}).labelsBeforeId).toBe(BASEMAP_LABEL_LAYERS[0]);
    expect(baseStyleFromEnv({ VITE_MAP_STYLE_URL: '/style.json' })).toMatchObject({
      style: '/style.json',
      labelsBeforeId: null,
    });
    expect(baseStyleFromEnv({ VITE_PMTILES_URL: '/city.pmtiles' })).toMatchObject({
      external: true,
      pmtilesUrl: '/city.pmtiles',
    });
  });

  it('signs tile requests to the console only', () => {
    const origin = 'http://127.0.0.1:8110';
    expect(authorizedRequest(`${origin}/api/tiles/1/1/1.pbf`, 'tok', origin)).toEqual({
      url: `${origin}/api/tiles/1/1/1.pbf`,
      headers: { authorization: 'Bearer tok' },
    });
    expect(authorizedRequest(`${origin}/glyphs/DejaVuSans/0-255.pbf`, 'tok', origin).headers).toBeUndefined();
    expect(authorizedRequest('http://elsewhere/api/tiles/1/1/1.pbf', 'tok', origin).headers).toBeUndefined();
    expect(authorizedRequest(`${origin}/api/tiles/1/1/1.pbf`, null, origin).headers).toBeUndefined();
  });
});
