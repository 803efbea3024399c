/**
 * The whole loop across three screens: a dispatcher takes a call on the map and dispatches;
 * the unit's terminal (a second browser context, phone-sized) receives it and works it to the
 * end; the wall screen (third context, signed in by `?token=`) shows each change. Ends with
 * every milestone of the incident set.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_USERS,
  apiGet,
  apiLogin,
  apiPost,
  drawnPixelShare,
  openWall,
  uiLogin,
  waitForMap,
  type IncidentDto,
  type UnitDto,
} from './helpers.js';

test('call to close: dispatcher, unit terminal and wall screen', async ({ browser, request }) => {
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });

  // Set-up over the API: which unit the unit user crews, made available at a known position.
  const unitLogin = await apiLogin(request, DEMO_USERS.unit);
  const unitId = unitLogin.user.unitId;
  expect(unitId, 'the demo unit user is linked to a unit').toBeTruthy();
  const units = await apiGet<UnitDto[]>(request, unitLogin.token, '/api/units');
  const unit = units.find((u) => u.id === unitId) as UnitDto;
  if (unit.status !== 'available') {
    await apiPost(request, unitLogin.token, `/api/units/${unitId}/status`, { status: 'available' });
  }
  const unitAt = unit.position?.lngLat ?? [120.15, 30.27];

  // Wall screen, signed in with its own device credential.
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  const wallToken = await openWall(wall, request);
  const wallMap = await waitForMap(wall);
  await expect(wall.getByTestId('kpi-tiles')).toBeVisible();

  // Dispatcher.
  const dispatcherContext = await browser.newContext();
  const dispatcher = await dispatcherContext.newPage();
  await uiLogin(dispatcher, DEMO_USERS.dispatcher, '/');
  const map = await waitForMap(dispatcher);
  await expect(dispatcher.getByTestId('connection')).toHaveAttribute('data-state', 'online');

  // The map really drew (roads, grids, units), not just a DOM node.
  await dispatcher.waitForTimeout(1500);
  const share = await drawnPixelShare(dispatcher, map);
  expect(share, 'share of non-background map pixels').toBeGreaterThan(0.02);
  await shot(dispatcher, '01-dispatcher-map');

  // Fly to the unit (unit board), start a call with N and place it by clicking the map centre.
  await dispatcher.locator(`[data-testid="unit-chip"][data-unit-id="${unitId}"]`).click();
  await dispatcher.waitForTimeout(2500);
  await dispatcher.keyboard.press('n');
  await expect(dispatcher.getByTestId('intake-location')).toBeFocused();
  const box = (await map.boundingBox()) as { x: number; y: number; width: number; height: number };
  await dispatcher.mouse.click(box.x + box.width / 2 + 12, box.y + box.height / 2 + 12);
  await expect(dispatcher.getByTestId('intake-location-status')).not.toHaveText('');
  await dispatcher.getByTestId('intake-type').selectOption('fight');
  await dispatcher.getByTestId('intake-description').fill('e2e: 两人在路边打架');
  await dispatcher.getByTestId('intake-caller-phone').fill('13800000000');

  // Recommendations appear before anything is saved; make sure our unit is selected.
  const candidate = dispatcher.locator(`[data-testid="candidate-row"][data-unit-id="${unitId}"]`);
  await expect(candidate).toBeVisible();
  if ((await candidate.getAttribute('data-selected')) !== 'true')
    await candidate.locator('input[type=checkbox]').check();
  await expect(candidate).toHaveAttribute('data-selected', 'true');
  await shot(dispatcher, '02-intake-recommendations');

  await dispatcher.getByTestId('intake-description').press('Control+Enter');
  const detail = dispatcher.getByTestId('incident-detail');
  await expect(detail).toBeVisible();
  const number = (await detail.getByTestId('incident-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^110-/);
  const incidentId = (await detail.getAttribute('data-incident-id')) as string;
  await expect(detail.getByTestId('assignment-row').first()).toBeVisible();
  await shot(dispatcher, '03-dispatched');

  const tickerItem = wall.locator(`[data-testid="ticker-item"][data-number="${number}"]`);
  await expect(tickerItem).toBeVisible();
  await expect(tickerItem).toHaveAttribute('data-status', /dispatched|en_route/);
  await shot(wall, '04-wall-new-incident');

  // Unit terminal: phone viewport, position reported from (mocked) geolocation.
  const unitContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    geolocation: { longitude: unitAt[0], latitude: unitAt[1] },
    permissions: ['geolocation'],
  });
  const terminal = await unitContext.newPage();
  await uiLogin(terminal, DEMO_USERS.unit, '/unit');
  const card = terminal.getByTestId('assignment-card');
  await expect(card).toBeVisible();
  await expect(terminal.getByTestId('terminal-address')).not.toHaveText('');
  await shot(terminal, '05-terminal-assigned');

  if (await terminal.getByTestId('terminal-accept').isVisible()) {
    await terminal.getByTestId('terminal-accept').click();
    await expect(card).toHaveAttribute('data-status', 'accepted');
  }
  await terminal.getByTestId('terminal-en-route').click();
  await expect(card).toHaveAttribute('data-status', 'en_route');
  await expect(tickerItem).toHaveAttribute('data-status', 'en_route');
  await expect(detail.locator('[data-testid="assignment-row"][data-status="en_route"]')).toBeVisible();
  await shot(terminal, '06-terminal-en-route');

  await terminal.getByTestId('terminal-on-scene').click();
  await expect(card).toHaveAttribute('data-status', 'on_scene');
  await expect(tickerItem).toHaveAttribute('data-status', 'on_scene');
  await expect(detail.getByTestId('clock-first_arrival')).toHaveAttribute('data-state', /met|breached/);
  await shot(wall, '07-wall-on-scene');

  await terminal.getByTestId('terminal-resolution').selectOption('resolved_on_scene');
  await terminal.getByTestId('terminal-clear').click();
  await expect(terminal.getByTestId('terminal-idle')).toBeVisible();
  await shot(terminal, '08-terminal-cleared');

  // Dispatcher finishes: resolve if the server has not already, then close.
  const status = dispatcher.getByTestId('incident-status');
  await expect(detail.locator('[data-testid="assignment-row"][data-status="cleared"]')).toBeVisible();
  if (!(await dispatcher.getByTestId('action-close').isVisible())) {
    await dispatcher.getByTestId('action-resolve').click();
    await dispatcher.getByTestId('resolve-resolution').selectOption('resolved_on_scene');
    await dispatcher.getByTestId('confirm-resolve').click();
  }
  await dispatcher.getByTestId('action-close').click();
  await expect(status).toHaveText(/已结案/);
  await expect(tickerItem).toHaveAttribute('data-status', 'closed');
  await shot(dispatcher, '09-closed');
  await shot(wall, '10-wall-closed');
  expect(await drawnPixelShare(wall, wallMap), 'wall map drew').toBeGreaterThan(0.02);

  const final = await apiGet<IncidentDto>(request, wallToken, `/api/incidents/${incidentId}`);
  expect(final.status).toBe('closed');
  for (const milestone of [
    'receivedAt',
    'firstDispatchedAt',
    'firstEnRouteAt',
    'firstOnSceneAt',
    'resolvedAt',
    'closedAt',
  ] as const) {
    expect(final[milestone], milestone).not.toBeNull();
  }
  const assignment = final.assignments.find((a) => a.unitId === unitId);
  expect(assignment?.status).toBe('cleared');
  expect(assignment?.onSceneAt).not.toBeNull();

  await Promise.all([wallContext.close(), dispatcherContext.close(), unitContext.close()]);
});
