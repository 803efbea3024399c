/**
 * The call-taker finds the caller's place by typing part of its name (and by pinyin initials),
 * picks it with the keyboard, and the nearest units are ranked at once; the map flies there and
 * draws the call's point; the picked point is read back as 「X路, 近Y」.
 */
import { expect, test } from '@playwright/test';
import { DEMO_USERS, apiGet, apiLogin, changedPixelShare, uiLogin, waitForMap } from './helpers.js';

interface Hit {
  name: string;
  kind: string;
  keyPlace: string | null;
  lngLat: [number, number];
}

test('type part of a place, pick it with the keyboard, units are ranked', async ({ page, request }) => {
  const login = await apiLogin(request, DEMO_USERS.dispatcher);
  // The demo city's railway station, a key place (车站), whatever its generated name.
  const station = (
    await apiGet<{ hits: Hit[] }>(
      request,
      login.token,
      `/api/geocode/search?q=${encodeURIComponent('火车站')}`,
    )
  ).hits.find((h) => h.keyPlace === 'station');
  expect(station, 'the demo city has a railway station in the gazetteer').toBeTruthy();
  const name = station!.name;

  await uiLogin(page, DEMO_USERS.dispatcher, '/');
  const map = await waitForMap(page);
  await page.waitForTimeout(1000);
  const before = await map.screenshot();

  await page.keyboard.press('n');
  const location = page.getByTestId('intake-location');
  await expect(location).toBeFocused();
  // A part from the middle of the name, typed key by key like a call-taker would.
  await location.pressSequentially(name.slice(1, 3), { delay: 60 });
  const hits = page.getByTestId('place-suggestions').getByRole('option');
  await expect(hits.first()).toContainText(name);
  await expect(hits.first().getByTestId('key-place')).toHaveText('车站');
  await location.press('ArrowDown');
  await location.press('ArrowUp');
  await location.press('Enter');
  await expect(location).toHaveValue(name);
  await expect(page.getByTestId('intake-address')).toHaveValue(name);
  // Read back as a road and the place near it.
  await expect(page.getByTestId('intake-location-status')).toContainText(`近${name}`);

  await page.getByTestId('intake-type').selectOption('theft');
  await expect(page.getByTestId('candidate-row').first()).toBeVisible();
  expect(await page.getByTestId('candidate-row').count()).toBeGreaterThan(1);

  // The map moved to the place and drew the call there (pixels, not the DOM).
  await page.waitForTimeout(2500);
  const after = await map.screenshot();
  expect(await changedPixelShare(page, before, after)).toBeGreaterThan(0.05);

  // Pinyin initials of the same name find it too (chéng zhàn huǒ chē zhàn -> czhcz).
  await location.fill('');
  await location.pressSequentially('czhcz', { delay: 40 });
  if (name === '城站火车站') await expect(hits.first()).toContainText(name);
  else await expect(hits.first()).toBeVisible();
});
