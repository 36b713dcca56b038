import { expect, type Page, test } from '@playwright/test';
import { syntheticSample } from '../engine-core/src';

/** The Synthetic panel, by its title (which names the CLI's source). */
const syntheticPanel = (page: Page) =>
  page.getByRole('region', { name: /^Synthetic --source synthetic/ });

/** A stored dataset's columns, read straight from the page's IndexedDB (as plain arrays). */
function readColumns(page: Page, id: string) {
  return page.evaluate(
    (id) =>
      new Promise<Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', number[]>>(
        (resolve, reject) => {
          const open = indexedDB.open('veloz-datasets');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('columns').objectStore('columns').get(id);
            get.onerror = () => reject(get.error);
            get.onsuccess = () => {
              const c = get.result as Record<string, Float64Array>;
              open.result.close();
              const keys = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
              resolve(
                Object.fromEntries(keys.map((k) => [k, Array.from(c[k] as Float64Array)])) as never,
              );
            };
          };
        },
      ),
    id,
  );
}

/** Sample stdev of close-to-close log returns. */
function logReturnStdev(close: ArrayLike<number>): number {
  const r: number[] = [];
  for (let i = 1; i < close.length; i++)
    r.push(Math.log((close[i] as number) / (close[i - 1] as number)));
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  return Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1));
}

test.beforeEach(async ({ page, context }) => {
  // No network beyond the local server: anything else fails at once, as offline.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.abort('internetdisconnected'),
  );
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('a synthetic dataset with set regimes, trend and volatility ×3 stores the generator’s bars for those settings', async ({
  page,
}, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/data');
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  const panel = syntheticPanel(page);
  // The defaults shown are the bundled sample's.
  await expect(panel.getByLabel('Regimes')).toHaveValue(
    '0.00002:0.004, 0.00025:0.007, -0.0003:0.012',
  );
  await expect(panel.getByLabel('Regime switch')).toHaveValue('0.004');

  await panel.getByLabel('Seed').fill('11');
  await panel.getByLabel('Bars').fill('3000');
  // Bad values are named and block Generate.
  await panel.getByLabel('Volatility scale').fill('0');
  await expect(panel.getByRole('alert')).toHaveText(
    'Volatility scale: a number above 0, at most 100.',
  );
  await expect(panel.getByRole('button', { name: 'Generate' })).toBeDisabled();
  await panel.getByLabel('Volatility scale').fill('3');
  await panel.getByLabel('Regimes').fill('0.0001:0.004, x:0.008');
  await expect(panel.getByRole('alert')).toHaveText(
    'Regimes: item 2 "x:0.008": drift: "x" is not a number.',
  );
  await expect(panel.getByRole('button', { name: 'Generate' })).toBeDisabled();
  await panel.getByLabel('Regimes').fill('0.0001:0.004, -0.0002:0.008');
  await panel.getByLabel('Regime switch').fill('0.01');
  await panel.getByLabel('Trend').fill('0.00005');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Generate' }).click();

  const name = 'Synthetic SYNTH-BTCUSDT 1h seed 11 trend 0.00005 vol ×3 switch 0.01 2 regimes';
  await expect(panel.getByRole('status')).toContainText(`Saved “${name}”: 3,000 bars`);
  const row = page
    .getByTestId('dataset-row')
    .filter({ has: page.getByText(name, { exact: true }) });
  await expect(row.getByTestId('dataset-rows')).toHaveText('3,000');
  await expect(row).toContainText(
    'Synthetic (generated, seed 11, trend 0.00005/bar, vol ×3, switch 0.01/bar, regimes 0.0001:0.004, -0.0002:0.008): not market data',
  );
  await page.screenshot({ path: testInfo.outputPath('data-synthetic-regimes.png') });

  // The stored bars are engine-core's for the same settings, computed here in the test process.
  const id = await row.getAttribute('data-dataset-id');
  expect(id).not.toBeNull();
  const got = await readColumns(page, id as string);
  const settings = {
    bars: 3_000,
    seed: 11,
    trend: 0.00005,
    regimeSwitchRate: 0.01,
    regimes: [
      { drift: 0.0001, vol: 0.004 },
      { drift: -0.0002, vol: 0.008 },
    ],
  };
  const want = syntheticSample({ ...settings, volatilityScale: 3 });
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
    expect(got[k], k).toEqual(Array.from(want[k]));
  // And the scale took: the same draws at scale 1 are a third as volatile (up to cent rounding).
  const unscaled = syntheticSample(settings);
  expect(logReturnStdev(got.close) / logReturnStdev(unscaled.close)).toBeCloseTo(3, 2);
  expect(errors).toEqual([]);
});
