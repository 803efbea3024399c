/**
 * The offline basemap in the browser with the network cut off: every request to a host other
 * than the console's own loopback server is aborted and recorded (the test fails on any), and
 * the dispatcher's map still draws the server's vector tiles: water and land use (pixels with
 * the layers on and off), and labels (rendered label features, and pixels with the label layers
 * on and off). Latin text (the ring road's number) needs the console's bundled glyph ranges,
 * which must have been answered by the server. No CSP violation or map error may be logged.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DEMO_USERS, changedPixelShare, uiLogin, waitForMap } from './helpers.js';

const LABEL_LAYERS = [
  'basemap-water-labels',
  'basemap-waterway-labels',
  'basemap-road-labels',
  'basemap-road-refs',
  'basemap-pois',
  'basemap-places',
];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Waits until the map has loaded every tile and drawn it (no animation runs: reduced motion). */
async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const el = document.querySelector('[data-testid="situation-map"]') as HTMLElement & {
          maplibreMap: MapLibreMap;
        };
        const map = el.maplibreMap;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

async function setVisibility(page: Page, layers: string[], visible: boolean): Promise<void> {
  await page.evaluate(
    ([ids, on]) => {
      const el = document.querySelector('[data-testid="situation-map"]') as HTMLElement & {
        maplibreMap: MapLibreMap;
      };
      for (const id of ids as string[])
        el.maplibreMap.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    },
    [layers, visible] as const,
  );
  await idle(page);
}

test('the basemap draws water, land use and labels with every outside request blocked', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.has(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const glyphs: { url: string; status: number }[] = [];
  const tiles: number[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/glyphs/')) glyphs.push({ url: pathname, status: response.status() });
    if (pathname.startsWith('/api/tiles/')) tiles.push(response.status());
  });
  // The server's CSP must let MapLibre run (its worker, blob: URLs, the tiles and glyphs).
  const problems: string[] = [];
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      /Content Security Policy|Refused to|maplibre|glyph|tile/i.test(message.text())
    )
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

  await uiLogin(page, DEMO_USERS.dispatcher);
  const map = await waitForMap(page);
  await idle(page);
  await shot('basemap-01-dispatcher');

  // Tiles came from the server, signed in (a 401 would leave the map without them).
  expect(tiles.length).toBeGreaterThan(0);
  expect(tiles.every((status) => status === 200 || status === 204)).toBe(true);

  // Labels are laid out: place names (the grids') and the ring road's number.
  const rendered = await page.evaluate((ids) => {
    const el = document.querySelector('[data-testid="situation-map"]') as HTMLElement & {
      maplibreMap: MapLibreMap;
    };
    const byLayer: Record<string, string[]> = {};
    for (const f of el.maplibreMap.queryRenderedFeatures({ layers: ids })) {
      const text = (f.properties['name'] ?? f.properties['ref']) as string | undefined;
      (byLayer[f.layer.id] ??= []).push(String(text));
    }
    return byLayer;
  }, LABEL_LAYERS);
  expect(rendered['basemap-places']?.length ?? 0).toBeGreaterThan(3);
  expect(rendered['basemap-places']?.some((name) => name.endsWith('网格'))).toBe(true);
  expect(rendered['basemap-road-refs']?.length ?? 0).toBeGreaterThan(0);

  // The Latin glyphs came from the console itself, not a glyph server and not a local fallback.
  const latin = glyphs.filter((g) => g.url.endsWith('/0-255.pbf'));
  expect(latin.length, JSON.stringify(glyphs)).toBeGreaterThan(0);
  expect(
    latin.every((g) => g.status === 200),
    JSON.stringify(glyphs),
  ).toBe(true);

  // Pixels: the labels, the water and the land use each change what the user sees.
  const withLabels = await map.screenshot();
  await setVisibility(page, LABEL_LAYERS, false);
  const withoutLabels = await map.screenshot();
  await shot('basemap-02-no-labels');
  const labelShare = await changedPixelShare(page, withLabels, withoutLabels);
  expect(labelShare, 'label pixels').toBeGreaterThan(0.002);
  await setVisibility(page, LABEL_LAYERS, true);

  for (const [layers, minimum] of [
    [['basemap-water', 'basemap-waterways'], 0.002],
    [['basemap-landuse'], 0.05],
  ] as const) {
    const before = await map.screenshot();
    await setVisibility(page, [...layers], false);
    const after = await map.screenshot();
    const share = await changedPixelShare(page, before, after);
    await setVisibility(page, [...layers], true);
    expect(share, `${layers.join('+')} pixels`).toBeGreaterThan(minimum);
  }

  expect(outside, 'requests to outside hosts').toEqual([]);
  expect(problems, 'CSP violations and map errors').toEqual([]);
  await context.close();
});
