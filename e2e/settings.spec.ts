import { expect, type Page, test } from '@playwright/test';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the theme switch sets data-theme on <html> and survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');

  const light = page.getByRole('radio', { name: 'Light' });
  await light.focus();
  await page.keyboard.press('Space');
  await expect(light).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'light');
  // The header toggle reflects the same store.
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();

  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});

test('backtest costs are validated and reach the Backtest form', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/settings');
  const cash = page.getByLabel('Initial cash (quote)');
  const fee = page.getByLabel('Taker fee (bps)');
  const save = page.getByRole('button', { name: 'Save costs' });

  await cash.fill('0');
  await expect(page.getByText('initial cash: must be > 0')).toBeVisible();
  await expect(cash).toHaveAttribute('aria-invalid', 'true');
  await fee.fill('-1');
  await expect(page.getByText('taker fee: must be ≥ 0')).toBeVisible();
  await expect(save).toBeDisabled();

  await cash.fill('25000');
  await fee.fill('7.5');
  await save.click();
  await expect(page.getByText('Costs saved.')).toBeVisible();

  await page.goto('/backtest');
  await expect(page.getByLabel(/^Initial cash/)).toHaveValue('25000');
  await expect(page.getByLabel(/^Taker fee/)).toHaveValue('7.5');

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Reset costs to defaults' }).click();
  await expect(page.getByLabel('Taker fee (bps)')).not.toHaveValue('7.5');
  expect(errors).toEqual([]);
});

test('the Binance base URL is validated, saved and reset', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/settings');
  const url = page.getByRole('textbox', { name: 'Base URL' });
  await expect(url).toHaveValue('https://api.binance.com');

  await url.fill('ftp://example.com');
  await page.getByRole('button', { name: 'Save URL' }).click();
  await expect(page.getByText('The URL must start with http:// or https://')).toBeVisible();
  await url.fill('not a url');
  await url.press('Enter');
  await expect(page.getByText('"not a url" is not a URL')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => localStorage.getItem('veloz-binance-base-url'))).toBeNull();

  await url.fill('http://127.0.0.1:9999/');
  await page.getByRole('button', { name: 'Save URL' }).click();
  await expect(page.getByText('Saved: http://127.0.0.1:9999')).toBeVisible();
  await expect(page.getByTestId('base-url-in-use')).toHaveText('http://127.0.0.1:9999');
  expect(await page.evaluate(() => localStorage.getItem('veloz-binance-base-url'))).toBe(
    'http://127.0.0.1:9999',
  );

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Base URL' })).toHaveValue(
    'http://127.0.0.1:9999',
  );

  await page.getByRole('button', { name: 'Reset to default' }).click();
  await expect(page.getByRole('textbox', { name: 'Base URL' })).toHaveValue(
    'https://api.binance.com',
  );
  expect(await page.evaluate(() => localStorage.getItem('veloz-binance-base-url'))).toBeNull();
  expect(errors).toEqual([]);
});

test('delete all local data clears datasets and the sample comes back', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/data');
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  // Add a second dataset straight into IndexedDB, as the app stores one.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('veloz-datasets');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['meta', 'columns'], 'readwrite');
          const col = () => new Float64Array([1, 2]);
          tx.objectStore('meta').put({
            id: 'csv-extra',
            name: 'Extra',
            symbol: 'TESTUSDT',
            interval: '1h',
            intervalMs: 3_600_000,
            rows: 2,
            from: 0,
            to: 3_600_000,
            gaps: 0,
            source: 'csv',
            note: null,
            createdAt: Date.now(),
          });
          tx.objectStore('columns').put({
            id: 'csv-extra',
            time: new Float64Array([0, 3_600_000]),
            open: col(),
            high: col(),
            low: col(),
            close: col(),
            volume: col(),
          });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('datasets-count')).toHaveText('2');
  await expect(page.getByTestId('strategies-count')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('storage-usage')).toContainText(' of ');
  await expect(page.getByText('is synthetic', { exact: false })).toBeVisible();
  await expect(page.getByText('never reach the browser')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true });

  await page.getByRole('button', { name: 'Delete all local data' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('datasets-count')).toHaveText('2');

  await page.getByRole('button', { name: 'Delete all local data' }).click();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Yes, delete everything' }).click(),
  ]);
  // The shell re-creates the sample on load.
  await expect(page.getByTestId('datasets-count')).toHaveText(/^[01]$/);
  await page.goto('/data');
  const rows = page.getByTestId('dataset-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Sample: SYNTH-BTCUSDT 1h');
  await expect(page.getByText('Extra', { exact: true })).toHaveCount(0);
  expect(errors).toEqual([]);
});
