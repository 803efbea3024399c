/**
 * The unit terminal's alert in a real browser: once sound is enabled, a new assignment plays its
 * tone (Web Audio oscillators), vibrates and is read aloud (Web Speech); accepting stops the
 * ringing; muted, the next assignment makes no sound at all. The browser's audio, speech and
 * vibration calls are hooked before the page loads.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, apiGet, apiLogin, apiPost, uiLogin, type IncidentDto, type UnitDto } from './helpers.js';

const HOOKS = () => {
  const calls: string[] = [];
  (window as unknown as { __attention: string[] }).__attention = calls;
  const Ctx = window.AudioContext;
  if (Ctx) {
    const create = Ctx.prototype.createOscillator;
    Ctx.prototype.createOscillator = function (this: AudioContext) {
      calls.push('tone');
      return create.call(this);
    };
  }
  if (window.speechSynthesis)
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void calls.push(`speak:${u.text}`);
  Object.defineProperty(navigator, 'vibrate', { value: () => (calls.push('vibrate'), true) });
};

const calls = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { __attention: string[] }).__attention]);

test('a new assignment rings on the terminal until accepted; muted it is silent', async ({
  browser,
  request,
}) => {
  const unitLogin = await apiLogin(request, DEMO_USERS.unit);
  const unitId = unitLogin.user.unitId!;
  const dispatcher = await apiLogin(request, DEMO_USERS.dispatcher);
  const unit = (await apiGet<UnitDto[]>(request, unitLogin.token, '/api/units')).find(
    (u) => u.id === unitId,
  )!;
  if (unit.status !== 'available')
    await apiPost(request, unitLogin.token, `/api/units/${unitId}/status`, { status: 'available' });
  const at = unit.position?.lngLat ?? [120.15, 30.27];
  const send = async (type: string) => {
    const incident = await apiPost<IncidentDto>(request, dispatcher.token, '/api/incidents', {
      type,
      priority: 2,
      location: { lng: at[0] + 0.001, lat: at[1] },
      address: '解放路 88 号',
      autoDispatch: false,
    });
    await apiPost(request, dispatcher.token, `/api/incidents/${incident.id}/dispatch`, { unitIds: [unitId] });
    return incident;
  };

  const context = await browser.newContext({ viewport: { width: 412, height: 860 }, hasTouch: true });
  await context.addInitScript(HOOKS);
  const page = await context.newPage();
  await uiLogin(page, DEMO_USERS.unit, '/unit');
  await page.getByTestId('sound-enable').click();
  await expect(page.getByTestId('sound-mute')).toBeVisible();

  const first = await send('fight');
  await expect(page.getByTestId('assignment-card')).toBeVisible();
  await expect.poll(async () => (await calls(page)).filter((c) => c === 'tone').length).toBeGreaterThan(0);
  const heard = await calls(page);
  expect(heard).toContain('vibrate');
  expect(
    heard.some((c) => c.startsWith('speak:') && c.includes('打架斗殴') && c.includes('解放路 88 号')),
  ).toBe(true);
  // It rings again while unanswered, and stops once accepted.
  await expect
    .poll(async () => (await calls(page)).filter((c) => c === 'tone').length, { timeout: 12_000 })
    .toBeGreaterThan(heard.filter((c) => c === 'tone').length);
  await page.getByTestId('terminal-accept').click();
  await expect(page.getByTestId('terminal-assignment-status')).not.toHaveText('已指派');
  const afterAccept = (await calls(page)).length;
  await page.waitForTimeout(6000);
  expect((await calls(page)).length).toBe(afterAccept);

  // Muted: the next job shows, but nothing sounds, speaks or vibrates.
  await apiPost(request, dispatcher.token, `/api/incidents/${first.id}/cancel`, { reason: 'e2e' });
  await expect(page.getByTestId('terminal-idle')).toBeVisible();
  await page.getByTestId('sound-mute').click();
  await expect(page.getByTestId('sound-mute')).toHaveAttribute('aria-pressed', 'true');
  const beforeMuted = (await calls(page)).length;
  const second = await send('theft');
  await expect(page.getByTestId('assignment-card')).toBeVisible();
  await page.waitForTimeout(6000);
  expect((await calls(page)).slice(beforeMuted)).toEqual([]);
  // Leave the unit free for the other specs.
  await apiPost(request, dispatcher.token, `/api/incidents/${second.id}/cancel`, { reason: 'e2e' });
  await context.close();
});
