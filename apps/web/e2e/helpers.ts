import type { IncidentDto, LoginResponse, UnitDto } from '@dispatch/contracts';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export const DEMO_USERS = {
  admin: { username: 'admin', password: 'admin123' },
  dispatcher: { username: 'dispatcher', password: 'dispatcher123' },
  supervisor: { username: 'supervisor', password: 'supervisor123' },
  unit: {
    username: process.env.E2E_UNIT_USER ?? 'unit001',
    password: process.env.E2E_UNIT_PASSWORD ?? 'unit123',
  },
} as const;

/** Signs in over the API (for set-up). */
export async function apiLogin(request: APIRequestContext, user: { username: string; password: string }) {
  const response = await request.post('/api/auth/login', { data: user });
  expect(response.ok(), `login ${user.username}`).toBe(true);
  return (await response.json()) as LoginResponse;
}

export async function apiGet<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const response = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.ok(), `GET ${path}`).toBe(true);
  return (await response.json()) as T;
}

export async function apiPost<T>(
  request: APIRequestContext,
  token: string,
  path: string,
  data: unknown,
): Promise<T> {
  const response = await request.post(path, { headers: { authorization: `Bearer ${token}` }, data });
  expect(response.ok(), `POST ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/**
 * Opens the wall on a fresh screen the way a control room does: an admin issues the screen a
 * device credential (never in a URL), pasted once on its login page. Returns the credential.
 */
export async function openWall(page: Page, request: APIRequestContext): Promise<string> {
  const admin = await apiLogin(request, DEMO_USERS.admin);
  const { token } = await apiPost<{ token: string }>(request, admin.token, '/api/devices', {
    username: DEMO_USERS.dispatcher.username,
    label: 'e2e wall',
  });
  await page.goto('/wall');
  await page.getByTestId('device-credential').fill(token);
  await page.getByTestId('device-submit').click();
  await expect(page.getByTestId('wall')).toBeVisible();
  expect(page.url()).not.toContain(token);
  return token;
}

export async function uiLogin(page: Page, user: { username: string; password: string }, path = '/') {
  await page.goto(`/login?next=${encodeURIComponent(path)}`);
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(new RegExp(`${path === '/' ? '/$' : path}`));
}

/** Waits until MapLibre rendered once (the map view sets data-map-ready on its first idle). */
export async function waitForMap(page: Page): Promise<Locator> {
  const map = page.getByTestId('situation-map').first();
  await expect(map).toHaveAttribute('data-map-ready', 'true', { timeout: 60_000 });
  return map;
}

/**
 * Share of the map's pixels that differ from the plain background, decoded from a real
 * screenshot (what the user sees), so a blank WebGL canvas fails the test.
 */
export async function drawnPixelShare(page: Page, map: Locator): Promise<number> {
  const png = (await map.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) return 0;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const background = [0x0a, 0x10, 0x1c];
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const d =
        Math.abs((pixels[i] as number) - (background[0] as number)) +
        Math.abs((pixels[i + 1] as number) - (background[1] as number)) +
        Math.abs((pixels[i + 2] as number) - (background[2] as number));
      if (d > 24) drawn += 1;
    }
    return drawn / (pixels.length / 4);
  }, png);
}

/**
 * Share of pixels that differ between two screenshots of the same map (same size), e.g. with a
 * layer on and off: what that layer adds to what the user sees.
 */
export async function changedPixelShare(page: Page, before: Buffer, after: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const pixels = async (data: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        if (!context) return new Uint8ClampedArray();
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const [p, q] = await Promise.all([pixels(a as string), pixels(b as string)]);
      if (p.length === 0 || p.length !== q.length) return 0;
      let changed = 0;
      for (let i = 0; i < p.length; i += 4) {
        const d =
          Math.abs((p[i] as number) - (q[i] as number)) +
          Math.abs((p[i + 1] as number) - (q[i + 1] as number)) +
          Math.abs((p[i + 2] as number) - (q[i + 2] as number));
        if (d > 24) changed += 1;
      }
      return changed / (p.length / 4);
    },
    [before.toString('base64'), after.toString('base64')],
  );
}

/**
 * Share of pixels of a tint, from a real screenshot: `red` (red well above green and blue, e.g.
 * shaded uncovered grids) or `cyan` (green and blue both well above red, a colour drawn at partial
 * opacity over other fills).
 */
export async function tintPixelShare(
  page: Page,
  target: Locator | Buffer,
  tint: 'red' | 'cyan',
): Promise<number> {
  const png = (Buffer.isBuffer(target) ? target : await target.screenshot()).toString('base64');
  return page.evaluate(
    async ([data, which]: [string, 'red' | 'cyan']) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let hits = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const [r, g, b] = [pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number];
        const tinted = which === 'red' ? r > g + 40 && r > b + 40 : g > r + 40 && b > r + 40 && b >= g - 10;
        if (tinted) hits += 1;
      }
      return hits / (pixels.length / 4);
    },
    [png, tint] as [string, 'red' | 'cyan'],
  );
}

/** Share of the map's pixels tinted red, e.g. shaded uncovered grids. */
export const redPixelShare = (page: Page, map: Locator): Promise<number> => tintPixelShare(page, map, 'red');

export type { IncidentDto, UnitDto };

/**
 * Share of the map's pixels within `tolerance` (sum of channel differences) of `rgb`, from a real
 * screenshot: e.g. a layer drawn in a colour no other layer uses.
 */
export async function colourPixelShare(
  page: Page,
  target: Locator | Buffer,
  rgb: readonly [number, number, number],
  tolerance = 60,
): Promise<number> {
  const png = (Buffer.isBuffer(target) ? target : await target.screenshot()).toString('base64');
  return page.evaluate(
    async ([data, colour, tol]: [string, number[], number]) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r, g, b] = colour;
      let near = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const d =
          Math.abs((pixels[i] as number) - (r as number)) +
          Math.abs((pixels[i + 1] as number) - (g as number)) +
          Math.abs((pixels[i + 2] as number) - (b as number));
        if (d <= tol) near += 1;
      }
      return near / (pixels.length / 4);
    },
    [png, [...rgb], tolerance] as [string, number[], number],
  );
}
