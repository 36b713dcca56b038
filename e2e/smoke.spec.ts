import { expect, test } from '@playwright/test';

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
