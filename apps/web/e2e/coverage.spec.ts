/**
 * Live coverage in the browser: the coverage layer really draws on the supervisor's map (pixels
 * with it on and off) and on the wall; and when the city loses its free units, uncovered-area
 * alerts reach the wall (banner), the console header and the grid board, the wall's map turns
 * red, and all of it clears once the units are back.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_USERS,
  apiGet,
  apiLogin,
  apiPost,
  changedPixelShare,
  redPixelShare,
  uiLogin,
  waitForMap,
  type UnitDto,
} from './helpers.js';

/** Coverage is recomputed at most every second after unit changes, at least every 10 s. */
const COVERAGE_TIMEOUT = 45_000;

test('coverage layer draws; an uncovered-area alert appears on the wall and clears', async ({
  browser,
  request,
}) => {
  const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

  // Wall screen, signed in by token in the URL: the coverage layer is on by default.
  const wallLogin = await apiLogin(request, DEMO_USERS.dispatcher);
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  await wall.goto(`/wall?token=${encodeURIComponent(wallLogin.token)}`);
  const wallMap = await waitForMap(wall);
  await expect(wallMap).toHaveAttribute('data-coverage-layer', 'on');
  await expect(wall.getByTestId('coverage-legend')).toBeVisible();

  // Supervisor: grid board with live coverage, map with the coverage layer on.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await uiLogin(supervisor, DEMO_USERS.supervisor, '/grids');
  const map = await waitForMap(supervisor);
  await expect(map).toHaveAttribute('data-coverage-layer', 'on');
  await expect(supervisor.getByTestId('grid-coverage-level').first()).toHaveAttribute(
    'data-level',
    /^(covered|thin|uncovered)$/,
  );
  await expect(supervisor.getByTestId('grid-share5').first()).toHaveText(/^\d+%$/);

  // (a) The layer draws: the same view with it on and off differs over the grids' area.
  await supervisor.waitForTimeout(1500);
  const withLayer = await map.screenshot();
  await shot(supervisor, 'cov-01-supervisor-layer-on');
  const toggle = supervisor.getByTestId('coverage-layer-toggle');
  await toggle.click();
  await expect(map).toHaveAttribute('data-coverage-layer', 'off');
  await supervisor.waitForTimeout(1500);
  const withoutLayer = await map.screenshot();
  await shot(supervisor, 'cov-02-supervisor-layer-off');
  const changed = await changedPixelShare(supervisor, withLayer, withoutLayer);
  expect(changed, 'share of map pixels the coverage layer changes').toBeGreaterThan(0.15);
  await toggle.click();
  await expect(map).toHaveAttribute('data-coverage-layer', 'on');

  await wall.waitForTimeout(1500);
  await shot(wall, 'cov-03-wall-covered');
  await expect(wall.getByTestId('coverage-alerts')).toHaveCount(0);
  const redBefore = await redPixelShare(wall, wallMap);

  // (b) Coverage drops: the admin takes every free unit of the city out of service.
  const admin = await apiLogin(request, DEMO_USERS.admin);
  const units = await apiGet<UnitDto[]>(request, admin.token, '/api/units');
  const free = units.filter((u) => u.status === 'available' || u.status === 'returning');
  expect(free.length, 'free units in the demo city').toBeGreaterThan(0);
  const setStatus = async (ids: string[], status: UnitDto['status']) => {
    // A few at a time: the server is shared with two browsers rendering WebGL in software.
    for (let i = 0; i < ids.length; i += 10)
      await Promise.all(
        ids
          .slice(i, i + 10)
          .map((id) => apiPost(request, admin.token, `/api/units/${id}/status`, { status })),
      );
  };
  try {
    await setStatus(
      free.map((u) => u.id),
      'out_of_service',
    );

    const banner = wall.getByTestId('coverage-alerts');
    await expect(banner).toBeVisible({ timeout: COVERAGE_TIMEOUT });
    const firstAlert = banner.getByTestId('coverage-alert').first();
    await expect(firstAlert).toContainText(/5分钟覆盖 \d+% \/ 阈值 80%/);
    await expect(firstAlert).toContainText(/自 \d{2}:\d{2}:\d{2}/);
    // The grid board marks it, and the console header carries it compactly.
    const alertedId = (await firstAlert.getAttribute('data-grid-id')) as string;
    await expect(
      supervisor.locator(`[data-testid="grid-row"][data-grid-id="${alertedId}"] [data-testid="grid-alert"]`),
    ).toHaveAttribute('data-alerted', 'true');
    await expect(supervisor.getByTestId('coverage-alert-badge')).toBeVisible();
    // Recomputations keep coming after the burst of status changes: the board shows no free unit.
    await expect(
      supervisor.locator(
        `[data-testid="grid-row"][data-grid-id="${alertedId}"] [data-testid="grid-free-units"]`,
      ),
    ).toHaveText('0', { timeout: COVERAGE_TIMEOUT });

    // The wall's map follows: the uncovered grids are shaded red.
    await expect
      .poll(() => redPixelShare(wall, wallMap), {
        timeout: COVERAGE_TIMEOUT,
        message: 'red share of the wall map',
      })
      .toBeGreaterThan(Math.max(0.1, redBefore * 3));
    await shot(wall, 'cov-04-wall-alerts');
    await shot(supervisor, 'cov-05-supervisor-alerts');
  } finally {
    await setStatus(
      free.map((u) => u.id),
      'available',
    );
  }

  // Units back: every alert clears and the banner goes.
  await expect(wall.getByTestId('coverage-alerts')).toHaveCount(0, { timeout: COVERAGE_TIMEOUT });
  await expect(supervisor.getByTestId('coverage-alert-badge')).toHaveCount(0);
  await expect
    .poll(() => redPixelShare(wall, wallMap), {
      timeout: COVERAGE_TIMEOUT,
      message: 'red share once covered',
    })
    .toBeLessThan(Math.max(0.05, redBefore * 2));
  await shot(wall, 'cov-06-wall-cleared');

  await Promise.all([wallContext.close(), supervisorContext.close()]);
});
