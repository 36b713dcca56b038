import { expect, test } from '@playwright/test';
import { startSampleReplay } from './fixtures/paper-replay';

test('the home page loads and sees the engine server online', async ({ page }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));

  await page.goto('/');

  await expect(page).toHaveTitle('VeloZ');
  await expect(page.getByRole('heading', { level: 1, name: 'VeloZ' })).toBeVisible();
  await expect(page.getByTestId('server-status')).toHaveText('Engine server: online');

  await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('a client-side route falls back to the app', async ({ page }) => {
  await page.goto('/backtest');
  await expect(page.getByTestId('server-status')).toHaveText('Engine server: online');
});

test('pages with charts come and go without an error (a chart outlives its series)', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_/.test(m.text()))
      errors.push(m.text());
  });
  await page.goto('/backtest');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', /\d+/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('metrics')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  // Away from the Backtest charts, onto the Paper live chart, and away again, twice.
  for (let round = 0; round < 2; round++) {
    await nav.getByRole('link', { name: 'Paper' }).click();
    if (round === 0) await startSampleReplay(page, '/paper');
    await expect(page.getByTestId('feed-status')).toHaveAttribute('data-tone', 'ok');
    await nav.getByRole('link', { name: 'Risk' }).click();
    await nav.getByRole('link', { name: 'Backtest' }).click();
    await expect(page.getByRole('button', { name: 'Run backtest' })).toBeVisible();
    await nav.getByRole('link', { name: 'Data' }).click();
  }
  expect(errors).toEqual([]);
});
