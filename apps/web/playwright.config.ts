import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the real server, started here after a fresh `vite build` with demo
 * data in a throw-away PGlite directory (or DATABASE_URL when set). E2E_BASE_URL points the
 * tests at an already running server instead.
 */
const external = process.env.E2E_BASE_URL;
const port = Number(process.env.E2E_PORT ?? 8123);
const baseURL = external ?? `http://127.0.0.1:${port}`;

// Debian's Chromium (apt-get install chromium; browser downloads are blocked on CI), or the one named
// by CHROMIUM_PATH; without either, Playwright looks for its own installed browser.
const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // MapLibre needs WebGL: software rendering through SwiftShader.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Three browsers rendering WebGL in software on a small machine: generous limits.
  timeout: 420_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // No unit glides or halo animation: software WebGL would repaint continuously and starve
    // the small CI machine. The reduced-motion path is a product feature, not a test switch.
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: chromiumArgs },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1600, height: 900 } } },
  ],
  webServer: external
    ? undefined
    : {
        command: 'pnpm --filter @dispatch/web build && pnpm --filter @dispatch/server start',
        cwd: path.resolve(import.meta.dirname, '../..'),
        url: `${baseURL}/`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(port),
          DEMO: '1',
          LOG_LEVEL: 'warn',
          // Incidents a spec creates show on the heat map within seconds (default: every 5 minutes).
          HOTSPOT_REBUILD_SECONDS: '5',
          ...(process.env.DATABASE_URL
            ? { DATABASE_URL: process.env.DATABASE_URL }
            : { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dispatch-e2e-')) }),
        },
      },
});
