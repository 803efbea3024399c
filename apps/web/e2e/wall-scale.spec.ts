/**
 * The wall scales with its screen: on 3840x2160 text is about twice the 1080p size, the map fills
 * the screen, and the board shows as many incidents as fit (the rest counted, never silently
 * cut at a fixed 12); the wall has a language switch.
 */
import { expect, test, type Browser, type APIRequestContext } from '@playwright/test';
import { DEMO_USERS, apiLogin, apiPost, openWall, waitForMap } from './helpers.js';

async function wallAt(browser: Browser, request: APIRequestContext, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await openWall(page, request);
  const map = await waitForMap(page);
  await expect(page.getByTestId('wall-board-row').first()).toBeVisible();
  await page.waitForTimeout(500);
  const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const title = (await page.locator('.wall-header h1').boundingBox())!;
  const mapBox = (await map.boundingBox())!;
  const rows = page.getByTestId('wall-board-row');
  const total = await rows.count();
  let visible = 0;
  for (let i = 0; i < total; i++) if (await rows.nth(i).isVisible()) visible++;
  const more = page.getByTestId('wall-more');
  const hidden = (await more.count()) > 0 ? Number((await more.textContent())?.match(/\d+/)?.[0]) : 0;
  await expect(page.getByTestId('language-switch').or(page.locator('.wall-header select'))).toBeVisible();
  return { context, page, rootPx, title, mapBox, visible, hidden, total };
}

test('the wall scales to a 4K screen and shows every incident that fits', async ({ browser, request }) => {
  const { token } = await apiLogin(request, DEMO_USERS.dispatcher);
  for (let i = 0; i < 18; i++)
    await apiPost(request, token, '/api/incidents', {
      type: 'theft',
      priority: 4,
      location: { lng: 120.15 + i * 0.002, lat: 30.27 },
      address: `e2e wall ${i}`,
      autoDispatch: false,
    });

  const hd = await wallAt(browser, request, 1920, 1080);
  const uhd = await wallAt(browser, request, 3840, 2160);
  expect(uhd.rootPx / hd.rootPx).toBeGreaterThan(1.5);
  expect(uhd.title.height / hd.title.height).toBeGreaterThan(1.5);
  for (const w of [hd, uhd]) {
    expect(w.mapBox.width).toBeGreaterThanOrEqual(w.page.viewportSize()!.width - 1);
    expect(w.mapBox.height).toBeGreaterThanOrEqual(w.page.viewportSize()!.height - 1);
    // What is not shown is counted: shown + counted = all open incidents on the board.
    expect(w.visible + w.hidden).toBe(w.total);
    expect(w.visible).toBeGreaterThan(5);
  }
  await uhd.page.screenshot({ path: test.info().outputPath('wall-4k.png') });
  await hd.context.close();
  await uhd.context.close();
});
