/**
 * A second call about the same fight, 48 m away and seconds later from the same phone: the
 * intake shows the open incident as a possible duplicate as soon as the call is placed, and
 * Alt+J attaches the call to it as a further caller instead of opening a second incident.
 */
import { expect, test } from '@playwright/test';
import { DEMO_USERS, apiGet, apiLogin, apiPost, uiLogin, waitForMap, type IncidentDto } from './helpers.js';

test('a duplicate call is offered while taking it and attached with one key', async ({ page, request }) => {
  const dispatcher = await apiLogin(request, DEMO_USERS.dispatcher);
  const posts = await apiGet<{ lngLat: [number, number] }[]>(request, dispatcher.token, '/api/posts');
  const [lng, lat] = posts[0]!.lngLat;
  const first = await apiPost<IncidentDto>(request, dispatcher.token, '/api/incidents', {
    type: 'fight',
    priority: 2,
    location: { lng, lat },
    callerPhone: '13800001111',
    address: 'e2e: 路边两人打架',
    autoDispatch: false,
  });
  const before = (await apiGet<IncidentDto[]>(request, dispatcher.token, '/api/incidents')).length;

  await uiLogin(page, DEMO_USERS.dispatcher, '/');
  await waitForMap(page);
  await page.keyboard.press('n');
  const location = page.getByTestId('intake-location');
  await location.fill(`${lng.toFixed(6)}, ${(lat + 0.00043).toFixed(6)}`);
  await location.press('Enter');
  await page.getByTestId('intake-caller-phone').fill('+86 138 0000 1111');
  await page.getByTestId('intake-description').fill('又打起来了');

  const row = page.locator(`[data-testid="related-incident"][data-incident-id="${first.id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('同一号码');
  await expect(row).toContainText(/4\d 米|5[0-5] 米/);
  await page.keyboard.press('Alt+j');

  await expect(page.getByTestId('new-call')).toBeVisible();
  const detail = page.getByTestId('incident-detail');
  await expect(detail).toHaveAttribute('data-incident-id', first.id);
  await expect(detail.getByTestId('incident-caller-count')).toHaveText('2');
  await expect(detail.getByTestId('incident-timeline')).toContainText('追加报警');
  const after = await apiGet<IncidentDto[]>(request, dispatcher.token, '/api/incidents');
  expect(after.length, 'no second incident').toBe(before);
  expect(after.find((i) => i.id === first.id)?.callerCount).toBe(2);
  await apiPost(request, dispatcher.token, `/api/incidents/${first.id}/cancel`, { reason: 'e2e' });
});
