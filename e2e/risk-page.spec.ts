import { expect, type Page, test } from '@playwright/test';
import {
  covarianceMatrix,
  fitPnlModel,
  historicalVar,
  meanVector,
  monteCarloVar,
  parametricVar,
  simpleReturns,
} from '../engine-core/src/risk';
import { guardOfflineAndPageErrors } from './fixtures/offline-guard';
import { startSampleReplay } from './fixtures/paper-replay';

interface Bar {
  readonly time: number;
  readonly low: number;
  readonly high: number;
  readonly close: number;
}

guardOfflineAndPageErrors();

/** The paper view's closed and forming bars, read through the e2e hook. */
const viewBars = (page: Page): Promise<Bar[]> =>
  page.evaluate(
    () =>
      (
        globalThis as unknown as { __velozPaper: { view(): { candles: Bar[] } } }
      ).__velozPaper.view().candles,
  );

test('the Risk page shows the paper account’s exposure and VaR after a fill, as engine-core computes them', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await startSampleReplay(page);

  const ticket = page.getByTestId('order-ticket');
  await expect(page.getByTestId('book-ladder').locator('button.pp-lrow.ask').first()).toBeVisible();
  await ticket.getByLabel('Type').selectOption('MARKET');
  await ticket.getByLabel(/^Quantity/).fill('0.01');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText(/^Sent/);
  await expect(page.getByRole('tab', { name: 'Fills (1)' })).toBeVisible();
  // 30 returns need 31 closed bars (one an hour of market, a second at 3600×) plus the forming one.
  await expect
    .poll(async () => (await viewBars(page)).length, { timeout: 60_000 })
    .toBeGreaterThan(32);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Risk' })).toBeVisible();
  const source = page.getByTestId('var-source');
  await expect(source).toHaveAttribute('data-source', 'paper');

  // Exposure: the 0.01 BTC bought, at a price of the bar that was forming when the page looked.
  const from = Number(await source.getAttribute('data-from'));
  const to = Number(await source.getAttribute('data-to'));
  const exposure = Number(await page.getByTestId('risk-var').getAttribute('data-exposure'));
  const btcRow = page.getByTestId('risk-exposure').locator('tr[data-asset="BTC"]');
  await expect(btcRow).toHaveAttribute('data-net', String(exposure));
  const bars = await viewBars(page);
  const forming = bars.find((b) => b.time > to);
  expect(forming).toBeDefined();
  expect(exposure / 0.01).toBeGreaterThanOrEqual((forming as Bar).low - 1e-6);
  expect(exposure / 0.01).toBeLessThanOrEqual((forming as Bar).high + 1e-6);

  // The same returns, from the same closed bars, through engine-core's functions.
  const used = bars.filter((b) => b.time >= from && b.time <= to);
  const returns = simpleReturns(used.map((b) => b.close));
  const m = { columns: [returns] };
  const check = async (confidence: number, horizon: number) => {
    const o = { confidence, horizon };
    const hist = historicalVar(m, [exposure], o);
    const para = parametricVar(fitPnlModel(m, [exposure], 'normal'), o);
    const mc = monteCarloVar(
      { mean: meanVector(m), cov: covarianceMatrix(m), exposures: [exposure] },
      { ...o, paths: 5_000, seed: 20_240_101 },
    );
    if (!mc.ok) throw new Error(mc.error);
    for (const [id, want] of [
      ['var-historical', hist],
      ['var-parametric', para],
      ['var-monte_carlo', mc.value],
    ] as const) {
      const row = page.getByTestId(id);
      expect(Number(await row.getAttribute('data-var'))).toBeCloseTo(want.var, 9);
      expect(Number(await row.getAttribute('data-es'))).toBeCloseTo(want.es, 9);
    }
    await expect(page.getByTestId('var-historical').locator('td').first()).toHaveText(
      hist.var.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    );
  };
  expect(returns.length).toBeGreaterThanOrEqual(30);
  await expect(source).toContainText(`${returns.length} returns of BTC`);
  await check(0.95, 1);
  await page.getByLabel('Confidence').selectOption({ label: '99 %' });
  await page.getByLabel('Horizon').selectOption({ label: '10 periods' });
  await check(0.99, 10);

  // Stress: −10 % on everything loses 10 % of the BTC held, worked out by hand.
  const allRow = page.getByTestId('risk-stress').locator('tr[data-target="All assets"]');
  const loss = (-0.1 * exposure).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  await expect(allRow.locator('td').nth(1)).toHaveText(loss);
  await expect(
    page.getByTestId('risk-limits').locator('tr[data-key="maxOpenOrders"]'),
  ).toContainText('500');
  await expect(page.getByTestId('risk-breaker')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('risk-breaker')).toContainText('runs no circuit breaker');
  await page.screenshot({ path: testInfo.outputPath('risk-dark.png'), fullPage: true });
});
