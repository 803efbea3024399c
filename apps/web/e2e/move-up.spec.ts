/**
 * Move-up after a dispatch, in the browser: dispatching the only free patrol car of a grid leaves
 * a hole; a moment later the dispatcher's Move-up panel lists the recommended relocations (call
 * sign, 5-minute gain, drive) and the map draws them (pixels of their colour). The dispatcher
 * declines one and accepts the other in the UI: both leave the panel and the map, the accepted
 * unit's own terminal shows the move-up standby order with its route drawn, and the audit log
 * holds the recommendation and both decisions.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { AuditEventDto, LoginResponse, MoveUpDto } from '@dispatch/contracts';
import {
  DEMO_USERS,
  apiGet,
  apiLogin,
  apiPost,
  colourPixelShare,
  tintPixelShare,
  uiLogin,
  waitForMap,
  type IncidentDto,
  type UnitDto,
} from './helpers.js';

/** apps/web/src/map/palette.ts: the road route's line colour. */
const ROUTE_BLUE = [0x38, 0xbd, 0xf8] as const;
/** The hole set is gathered for 1.5 s, then planned in a worker: generous on a shared 2-core box. */
const MOVE_UP_TIMEOUT = 45_000;

/**
 * Share of a screenshot's pixels in a cyan: green and blue both well above red, blue not below
 * green. MOVE_UP_COLOR (#67e8f9, apps/web/src/map/palette.ts) is drawn at 70% opacity for all
 * but the best move, over whatever the grid is filled with (red for an understaffed one), so an
 * exact colour match misses it; the units' greens, the roads' greys and the grid fills are not
 * cyan. (Routes and standby points are, but the dispatcher's map draws neither at a move-up site.)
 */
const cyanPixelShare = (page: Page, png: Buffer): Promise<number> => tintPixelShare(page, png, 'cyan');

/** packages/demo-city/src/seeding.ts: the order unit logins are numbered in. */
const KIND_ORDER = ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone', 'partner'];

/**
 * The login of the crew of `unitId`: the seed numbers logins (unit001, ...) available units first,
 * then by kind and call sign. Statuses may have changed since, so the guess is checked by signing
 * in, and the logins are tried in order from there until one crews the unit.
 */
async function unitLoginOf(
  request: APIRequestContext,
  units: readonly UnitDto[],
  unitId: string,
): Promise<{ username: string; password: string; login: LoginResponse }> {
  const order = [...units].sort(
    (a, b) =>
      Number(a.status !== 'available') - Number(b.status !== 'available') ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.callSign.localeCompare(b.callSign, 'zh-CN'),
  );
  const guess = Math.max(
    0,
    order.findIndex((u) => u.id === unitId),
  );
  const candidates = [guess, ...order.map((_, i) => i).filter((i) => i !== guess)];
  for (const i of candidates) {
    const user = { username: `unit${String(i + 1).padStart(3, '0')}`, password: DEMO_USERS.unit.password };
    const login = await apiLogin(request, user);
    if (login.user.unitId === unitId) return { ...user, login };
  }
  throw new Error(`no unit login crews ${unitId}`);
}

test('a dispatch that leaves a hole recommends move-ups; declined and accepted in the UI, the unit gets its order', async ({
  browser,
  request,
}) => {
  const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  const dispatcherApi = await apiLogin(request, DEMO_USERS.dispatcher);
  const admin = await apiLogin(request, DEMO_USERS.admin);
  // The demo unit user's car is left alone: the standby-points spec works with it.
  const unit001 = (await apiLogin(request, DEMO_USERS.unit)).user.unitId;
  const settings = await apiGet<{ maxMoves: number }>(request, admin.token, '/api/settings/move-up');
  expect(settings.maxMoves, 'move-up is on (default: 2 moves)').toBeGreaterThan(0);

  // Dispatcher's console, before the hole.
  const dispatcherContext = await browser.newContext();
  const dispatcher = await dispatcherContext.newPage();
  await uiLogin(dispatcher, DEMO_USERS.dispatcher, '/');
  const map = await waitForMap(dispatcher);
  await expect(dispatcher.getByTestId('connection')).toHaveAttribute('data-state', 'online');

  // The hole: the only free patrol car of a grid is dispatched to a call where it stands.
  const units = await apiGet<UnitDto[]>(request, dispatcherApi.token, '/api/units');
  const freeCars = units.filter((u) => u.kind === 'patrol_car' && u.status === 'available' && u.position);
  const perGrid = new Map<string, UnitDto[]>();
  for (const u of freeCars)
    perGrid.set(u.currentGridId ?? '', [...(perGrid.get(u.currentGridId ?? '') ?? []), u]);
  const car = [...perGrid.entries()].find(
    ([grid, cars]) => grid && cars.length === 1 && cars[0]!.id !== unit001,
  )?.[1][0];
  expect(car, 'a grid with a single free patrol car').toBeTruthy();
  const at = car!.position!.lngLat;
  const incident = await apiPost<IncidentDto>(request, dispatcherApi.token, '/api/incidents', {
    type: 'theft',
    priority: 3,
    autoDispatch: false,
    location: { lng: at[0], lat: at[1] },
    description: 'e2e: 补位',
  });
  await apiPost(request, dispatcherApi.token, `/api/incidents/${incident.id}/dispatch`, {
    unitIds: [car!.id],
  });

  // The server recommends (1.5 s gathering, then the plan): moves for this dispatch only.
  let moves: MoveUpDto[] = [];
  await expect
    .poll(
      async () => {
        const pending = await apiGet<MoveUpDto[]>(request, dispatcherApi.token, '/api/move-ups');
        moves = pending.filter((m) => m.trigger.incidentIds.includes(incident.id));
        return moves.length;
      },
      { timeout: MOVE_UP_TIMEOUT, message: 'move-ups recommended after the dispatch' },
    )
    .toBeGreaterThan(0);
  expect(moves.length).toBeLessThanOrEqual(settings.maxMoves);
  for (const m of moves) {
    expect(m).toMatchObject({ status: 'pending', trigger: { kind: 'dispatch', unitIds: [car!.id] } });
    expect(m.unitId).not.toBe(car!.id);
    expect(m.travelSeconds).toBeGreaterThan(0);
    expect(m.gainShare5 + m.gainShare3, 'a move restores some coverage').toBeGreaterThan(0);
  }

  // The panel lists each: call sign, 5-minute gain (share points, one decimal) and the drive.
  const panel = dispatcher.getByTestId('move-up-panel');
  await expect(panel).toBeVisible({ timeout: MOVE_UP_TIMEOUT });
  const rowOf = (m: MoveUpDto) => panel.locator(`[data-testid="move-up"][data-move-up-id="${m.id}"]`);
  for (const m of moves) {
    const row = rowOf(m);
    await expect(row).toBeVisible();
    await expect(row.locator('.move-up-unit')).toHaveText(m.callSign);
    await expect(row.locator('.move-up-gain')).toHaveText(
      `5分钟覆盖 +${(Math.round(m.gainShare5 * 1000) / 10).toFixed(1)}%`,
    );
    await expect(row).toContainText(`车程约 ${Math.max(1, Math.ceil(m.travelSeconds / 60))} 分钟`);
    await expect(row).toContainText(`因派警 ${incident.number}`);
  }

  // The map draws each: a dashed line to a ring at its site, in the move-up cyan (the best move
  // opaque, the others at 70%). Measured in the middle of the map once it is centred on the site
  // (clicking the call sign flies there), so other consoles' move-ups elsewhere do not count.
  const box = (await map.boundingBox())!;
  const side = 160;
  const centreShare = async () => {
    const png = await dispatcher.screenshot({
      clip: {
        x: box.x + box.width / 2 - side / 2,
        y: box.y + box.height / 2 - side / 2,
        width: side,
        height: side,
      },
    });
    return cyanPixelShare(dispatcher, png);
  };
  const showSite = async (m: MoveUpDto) => {
    await rowOf(m).locator('.move-up-unit').click();
    let share = 0;
    await expect
      .poll(
        async () => {
          share = await centreShare();
          return share;
        },
        { timeout: 30_000, message: `move-up cyan at the site of ${m.callSign}` },
      )
      .toBeGreaterThan(0.002);
    return share;
  };
  const siteCleared = (m: MoveUpDto, share: number) =>
    expect
      .poll(centreShare, { timeout: 30_000, message: `move-up cyan at the site of ${m.callSign}, decided` })
      .toBeLessThan(share / 5);

  // Accept one whose unit is not the demo unit user's car; decline the other, if there is one.
  const accepted = moves.find((m) => m.unitId !== unit001) ?? moves[0]!;
  const declined = moves.find((m) => m.id !== accepted.id);
  if (declined) {
    const share = await showSite(declined);
    await shot(dispatcher, 'mu-01-dispatcher-recommended');
    await rowOf(declined).getByRole('button', { name: '不采纳', exact: true }).click();
    await expect(rowOf(declined)).toHaveCount(0);
    await siteCleared(declined, share);
  }
  const share = await showSite(accepted);
  await shot(dispatcher, declined ? 'mu-02-dispatcher-declined' : 'mu-01-dispatcher-recommended');
  await rowOf(accepted).getByRole('button', { name: '采纳', exact: true }).click();
  await expect(rowOf(accepted)).toHaveCount(0);
  await expect(dispatcher.getByText(`已向 ${accepted.callSign} 下达补位指令`)).toBeVisible();
  await siteCleared(accepted, share);
  await shot(dispatcher, 'mu-03-dispatcher-accepted');

  // The server agrees: nothing of this dispatch is pending; the unit has a move-up standby order.
  const pendingAfter = await apiGet<MoveUpDto[]>(request, dispatcherApi.token, '/api/move-ups');
  expect(pendingAfter.filter((m) => m.trigger.incidentIds.includes(incident.id))).toEqual([]);

  // The accepted unit's terminal: the order (reason move-up), its drive, and its route on the map.
  const crew = await unitLoginOf(request, units, accepted.unitId);
  const unitContext = await browser.newContext({
    viewport: { width: 420, height: 860 },
    geolocation: { longitude: accepted.from[0], latitude: accepted.from[1] },
    permissions: ['geolocation'],
  });
  const terminal = await unitContext.newPage();
  await uiLogin(terminal, crew, '/unit');
  const card = terminal.getByTestId('terminal-standby');
  await expect(card).toBeVisible();
  await expect(card).toContainText('补位调整');
  await expect(card).toContainText(/前往约 \d+ 分钟/);
  await expect(card).toContainText('待命期间仍可接受派警');
  const terminalMap = await waitForMap(terminal);
  await expect
    .poll(() => colourPixelShare(terminal, terminalMap, ROUTE_BLUE, 40), {
      timeout: 30_000,
      message: 'share of terminal map pixels in the route blue',
    })
    .toBeGreaterThan(0.0005);
  await shot(terminal, 'mu-04-terminal-move-up-order');

  // The audit log: every recommendation, and each decision by the dispatcher.
  const auditOf = (m: MoveUpDto) =>
    apiGet<AuditEventDto[]>(request, admin.token, `/api/audit?entityType=move_up&entityId=${m.id}`);
  for (const m of moves) {
    const entries = await auditOf(m);
    const actions = entries.map((e) => e.action);
    expect(actions, `audit of ${m.callSign}`).toContain('move_up.recommend');
    const decision = m.id === accepted.id ? 'move_up.accept' : 'move_up.decline';
    const decided = entries.find((e) => e.action === decision);
    expect(decided, `${decision} of ${m.callSign}`).toBeTruthy();
    expect(decided!.actorName).toBe(DEMO_USERS.dispatcher.username);
    expect(decided!.after).toMatchObject({ status: m.id === accepted.id ? 'accepted' : 'declined' });
  }

  await Promise.all([dispatcherContext.close(), unitContext.close()]);
});
