/**
 * Every primary action of the dispatcher's screen is visible and clickable (nothing covering
 * it) at the resolutions control rooms use: a call's fields and save button, and an open
 * incident's actions down to confirming a checkpoint plan. Playwright's trial click fails when
 * another element would receive the click.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_USERS, apiGet, apiLogin, apiPost, uiLogin, waitForMap, type IncidentDto } from './helpers.js';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/** Clickable where it is: scrolled into view inside its column, and on top there. */
async function clickable(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await locator.scrollIntoViewIfNeeded();
  await locator.click({ trial: true, timeout: 5000 });
}

async function insidePanel(page: Page, field: string, panel: string): Promise<void> {
  const f = await page.getByTestId(field).boundingBox();
  const p = await page.getByTestId(panel).boundingBox();
  expect(f && p, `${field} and ${panel} laid out`).toBeTruthy();
  expect(f!.x + f!.width, `${field} inside ${panel}`).toBeLessThanOrEqual(p!.x + p!.width + 1);
}

for (const size of SIZES) {
  test(`dispatcher at ${size.width}x${size.height}: intake and incident actions clickable`, async ({
    browser,
    request,
  }) => {
    const dispatcher = await apiLogin(request, DEMO_USERS.dispatcher);
    const posts = await apiGet<{ lngLat: [number, number] }[]>(request, dispatcher.token, '/api/posts');
    const [lng, lat] = posts[1]!.lngLat;
    const incident = await apiPost<IncidentDto>(request, dispatcher.token, '/api/incidents', {
      type: 'robbery',
      priority: 1,
      location: { lng, lat },
      address: `e2e layout ${size.width}`,
      autoDispatch: false,
    });
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    await uiLogin(page, DEMO_USERS.dispatcher, '/');
    await waitForMap(page);

    await page.keyboard.press('n');
    for (const id of [
      'intake-location',
      'intake-type',
      'intake-caller-phone',
      'intake-submit',
      'intake-cancel',
    ])
      await clickable(page.getByTestId(id));
    await insidePanel(page, 'intake-caller-phone', 'call-intake');
    // Without scrolling, the save action is on screen.
    const save = await page.getByTestId('intake-submit').boundingBox();
    expect(save!.y + save!.height).toBeLessThanOrEqual(size.height);
    await page.getByTestId('intake-cancel').click();

    // An incident low in the queue: selecting it brings its detail into view, actions clickable.
    const row = page.locator(`[data-testid="incident-row"][data-incident-id="${incident.id}"]`);
    await clickable(row);
    await row.click();
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toHaveAttribute('data-incident-id', incident.id);
    await expect(detail).toBeInViewport();
    await clickable(page.getByTestId('action-checkpoints'));
    await page.getByTestId('action-checkpoints').click();
    await clickable(page.getByTestId('checkpoint-preview'));
    await page.getByTestId('checkpoint-preview').click();
    await clickable(page.getByTestId('checkpoint-confirm'));
    for (const id of ['action-add-units', 'action-cancel']) await clickable(page.getByTestId(id));
    await page.screenshot({ path: test.info().outputPath(`dispatcher-${size.width}.png`) });
    await context.close();
    await apiPost(request, dispatcher.token, `/api/incidents/${incident.id}/cancel`, { reason: 'e2e' });
  });
}
