import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium (apt package `chromium`); Playwright's own browser downloads are not used. */
const CHROMIUM_PATH = process.env.VELOZ_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.VELOZ_E2E_PORT ?? 18080);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const CI = Boolean(process.env.CI);

/**
 * e2e against the built app served by the real server. Build first (`npm run build`);
 * `npm test` does that once before running Playwright.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: CI,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    colorScheme: 'dark',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx server/src/main.ts',
    url: `${BASE_URL}/health`,
    env: { VELOZ_HOST: '127.0.0.1', VELOZ_PORT: String(PORT), VELOZ_LOG_LEVEL: 'warn' },
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
