/**
 * The wall screen must come back by itself: simulate a network drop (offline context), then
 * check that it reconnects and catches up with an incident created while it was away.
 */
import { expect, test } from '@playwright/test';
import { DEMO_USERS, apiLogin, apiPost, openWall, waitForMap, type IncidentDto } from './helpers.js';

test('wall screen recovers after a network drop and catches up', async ({ browser, request }) => {
  const { token } = await apiLogin(request, DEMO_USERS.dispatcher);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await context.newPage();
  // Content-security-policy violations (MapLibre's blob: worker, tiles) would show here.
  const violations: string[] = [];
  wall.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await openWall(wall, request);
  await waitForMap(wall);
  const connection = wall.getByTestId('connection');
  await expect(connection).toHaveAttribute('data-state', 'online');

  await context.setOffline(true);
  await expect(connection).toHaveAttribute('data-state', 'offline', { timeout: 60_000 });

  const incident = await apiPost<IncidentDto>(request, token, '/api/incidents', {
    type: 'theft',
    priority: 3,
    location: { lng: 120.15, lat: 30.27 },
    description: 'e2e: created while the wall was offline',
    autoDispatch: false,
  });

  await context.setOffline(false);
  await expect(connection).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await expect(wall.locator(`[data-testid="ticker-item"][data-number="${incident.number}"]`)).toBeVisible();
  await wall.screenshot({ path: test.info().outputPath('wall-recovered.png') });

  // Reload keeps working from the stored device credential.
  await wall.goto('/wall');
  await expect(wall.getByTestId('wall')).toBeVisible();
  await expect(connection).toHaveAttribute('data-state', 'online');
  expect(violations, 'no CSP violations').toEqual([]);
  await context.close();
});
