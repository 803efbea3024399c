/**
 * Keeping the city covered, in the browser: the supervisor's map draws the recommended standby
 * points (pixels of their cyan, gone with the layer off) and the heat map of hot spots seeded
 * through the API (pixels with the layer on and off); the supervisor sends a unit to its point in
 * one click, the point shows as ordered, and the unit's own terminal shows the order with its
 * route drawn on its map.
 */
import { expect, test, type Page } from '@playwright/test';
import type { HotspotMapDto } from '@dispatch/contracts';
import {
  DEMO_USERS,
  apiGet,
  apiLogin,
  apiPost,
  changedPixelShare,
  colourPixelShare,
  uiLogin,
  waitForMap,
  type UnitDto,
} from './helpers.js';

/** apps/web/src/map/palette.ts: STANDBY_POINT_COLOR, and the road route's line colour. */
const STANDBY_CYAN = [0x00, 0xe5, 0xff] as const;
const ROUTE_BLUE = [0x38, 0xbd, 0xf8] as const;

test('standby points and the heat map draw; a unit sent to its point sees the order and its route', async ({
  browser,
  request,
}) => {
  const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

  // The unit whose terminal we open (unit001 crews a patrol car), free where it stands.
  const unitLogin = await apiLogin(request, DEMO_USERS.unit);
  const unitId = unitLogin.user.unitId as string;
  expect(unitId, 'the demo unit user crews a unit').toBeTruthy();
  let units = await apiGet<UnitDto[]>(request, unitLogin.token, '/api/units');
  let unit = units.find((u) => u.id === unitId) as UnitDto;
  if (unit.status !== 'available')
    await apiPost(request, unitLogin.token, `/api/units/${unitId}/status`, { status: 'available' });

  // History for the heat map: thefts at three places, received 20 minutes ago (so their
  // response clocks have already breached and nothing on the map changes while we compare).
  const dispatcher = await apiLogin(request, DEMO_USERS.dispatcher);
  units = await apiGet<UnitDto[]>(request, dispatcher.token, '/api/units');
  unit = units.find((u) => u.id === unitId) as UnitDto;
  const placed = units.filter((u) => u.position);
  const spots = [0.15, 0.5, 0.85].map((f) => {
    const p = placed[Math.floor(f * (placed.length - 1))]!.position!.lngLat;
    return [p[0] + 0.002, p[1] + 0.0015] as const;
  });
  const receivedAt = new Date(Date.now() - 20 * 60_000).toISOString();
  for (const [lng, lat] of spots)
    for (let i = 0; i < 6; i++)
      await apiPost(request, dispatcher.token, '/api/incidents', {
        type: 'theft',
        priority: 3,
        location: { lng: lng + i * 0.0002, lat },
        description: 'e2e: 热点历史',
        receivedAt,
      });
  // The surface is rebuilt in the background (every 5 s in this test server).
  await expect
    .poll(
      async () =>
        (await apiGet<HotspotMapDto>(request, dispatcher.token, '/api/hotspots?when=now')).cells.features
          .length,
      { timeout: 30_000, message: 'hot-spot cells after the rebuild' },
    )
    .toBeGreaterThan(5);

  // Supervisor: the recommended standby points, listed and drawn.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await uiLogin(supervisor, DEMO_USERS.supervisor, '/grids');
  const map = await waitForMap(supervisor);
  const row = supervisor.locator(`[data-testid="standby-point-row"][data-unit-id="${unitId}"]`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toHaveAttribute('data-ordered', 'false');
  await expect(supervisor.getByTestId('standby-city')).toContainText(/全市 3分钟 \d+% → \d+%/);
  await expect(supervisor.getByTestId('standby-city')).toContainText('按热点预测');

  await supervisor.waitForTimeout(1500);
  const cyanOn = await colourPixelShare(supervisor, map, STANDBY_CYAN, 40);
  await shot(supervisor, 'sp-01-supervisor-standby-points');
  expect(cyanOn, 'share of map pixels in the standby points’ cyan').toBeGreaterThan(0.001);
  const standbyToggle = supervisor.getByTestId('standby-layer-toggle');
  await standbyToggle.click();
  await expect(standbyToggle).toHaveAttribute('aria-pressed', 'false');
  await supervisor.waitForTimeout(1500);
  const cyanOff = await colourPixelShare(supervisor, map, STANDBY_CYAN, 40);
  expect(cyanOff, 'cyan with the standby layer off').toBeLessThan(cyanOn / 10);
  await standbyToggle.click();
  await expect(standbyToggle).toHaveAttribute('aria-pressed', 'true');

  // The heat map: on, for now, it changes the map where the thefts were.
  await supervisor.waitForTimeout(1000);
  const heatOff = await map.screenshot();
  await supervisor.getByTestId('hotspot-layer-toggle').click();
  await expect(supervisor.getByTestId('hotspot-period-label')).toHaveText(/^周[一二三四五六日] \d{2}时$/);
  await expect(supervisor.getByTestId('hotspot-expected')).toContainText(/本时段预计 [\d.]+ 起/);
  await supervisor.waitForTimeout(1500);
  const heatOn = await map.screenshot();
  await shot(supervisor, 'sp-02-supervisor-heat-map');
  const heatChanged = await changedPixelShare(supervisor, heatOff, heatOn);
  expect(heatChanged, 'share of map pixels the heat layer changes').toBeGreaterThan(0.002);
  // Its hottest cells in the ramp's rose, blended over the map.
  expect(await colourPixelShare(supervisor, heatOn, [0xab, 0x1a, 0x3d], 90)).toBeGreaterThan(0.0003);
  // The slider picks any hour of the week (labelled in the centre's time zone).
  await supervisor.getByTestId('hotspot-period-hour').fill('3');
  await expect(supervisor.getByTestId('hotspot-period-label')).toHaveText(/^周一 03时$/);
  await supervisor.getByTestId('hotspot-layer-toggle').click();

  // Send the unit to its point: one click; the point shows as ordered.
  await row.getByTestId('standby-send').click();
  await expect(row).toHaveAttribute('data-ordered', 'true');
  await expect(row.getByTestId('standby-ordered')).toHaveText('已下达');
  await supervisor.waitForTimeout(1000);
  await shot(supervisor, 'sp-03-supervisor-ordered');

  // The unit's terminal: the standby order, its route there, and the route on its map.
  const at = unit.position?.lngLat ?? [120.15, 30.27];
  const unitContext = await browser.newContext({
    viewport: { width: 420, height: 860 },
    geolocation: { longitude: at[0], latitude: at[1] },
    permissions: ['geolocation'],
  });
  const terminal = await unitContext.newPage();
  await uiLogin(terminal, DEMO_USERS.unit, '/unit');
  const card = terminal.getByTestId('terminal-standby');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('standby-note')).toContainText('推荐待命点');
  await expect(card).toContainText(/前往约 \d+ 分钟/);
  await expect(card).toContainText('待命期间仍可接受派警');
  const terminalMap = await waitForMap(terminal);
  await expect
    .poll(() => colourPixelShare(terminal, terminalMap, ROUTE_BLUE, 40), {
      timeout: 30_000,
      message: 'share of terminal map pixels in the route blue',
    })
    .toBeGreaterThan(0.0005);
  await shot(terminal, 'sp-04-terminal-standby-route');

  // Still free for calls.
  const after = await apiGet<UnitDto[]>(request, dispatcher.token, '/api/units');
  expect(after.find((u) => u.id === unitId)?.status).toBe('available');

  await Promise.all([supervisorContext.close(), unitContext.close()]);
});
