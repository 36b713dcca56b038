import { expect, type Page, test } from '@playwright/test';
import {
  computeMetrics,
  DEFAULT_BACKTEST_CONFIG,
  rankResults,
  runBacktest,
  smaCross,
  syntheticSample,
} from '../engine-core/src';

// Optimizer runs on a busy machine: room for them.
test.describe.configure({ timeout: 120_000 });

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function setRange(page: Page, name: string, from: number, to: number, step: number) {
  await page.getByLabel(`${name} from`).fill(String(from));
  await page.getByLabel(`${name} to`).fill(String(to));
  await page.getByLabel(`${name} step`).fill(String(step));
}

/** engine-core's own ranking of an sma-cross grid on the sample, in this (Node) process. */
function referenceRanking(fasts: number[], slows: number[]) {
  const candles = syntheticSample();
  const outcomes = fasts.flatMap((fast) =>
    slows.map((slow) => {
      const params = { fast, slow };
      const result = runBacktest(candles, smaCross, params, DEFAULT_BACKTEST_CONFIG);
      return { params, summary: computeMetrics(result) };
    }),
  );
  return rankResults(outcomes, { metric: 'sharpe', minTrades: 0 });
}

test('a grid on the sample in 2 workers: ranked as engine-core ranks it, mapped, opened', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/optimize');
  await expect(page.getByRole('heading', { level: 2, name: 'Optimize' })).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await expect(page.getByLabel('Strategy')).toHaveValue('sma-cross');
  await expect(page.getByLabel('Dataset')).toHaveValue('sample');
  await expect(page.getByLabel('fast from')).toHaveValue('1'); // from the schema: min/max/step
  await expect(page.getByLabel('fast to')).toHaveValue('1000');
  await setRange(page, 'fast', 5, 15, 5);
  await setRange(page, 'slow', 20, 40, 10);
  await page.getByLabel('Min trades').fill('0');
  await page.getByLabel('Workers').fill('2');
  await expect(page.getByLabel(/^Objective/)).toHaveValue('sharpe');
  await expect(page.getByTestId('runs-text')).toHaveText('9 combinations');

  await page.getByRole('button', { name: 'Run optimization' }).click();
  await expect(page.getByTestId('optimize-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('results-outline')).toContainText('9 runs');
  await expect(page.getByTestId('results-outline')).toContainText('on 2 workers');

  const rows = page.locator('[data-testid="results-table"] tbody tr');
  await expect(rows).toHaveCount(9);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      params: JSON.parse(tr.getAttribute('data-params') ?? '{}'),
      sharpe: Number(tr.getAttribute('data-metric')),
    })),
  );
  const reference = referenceRanking([5, 10, 15], [20, 30, 40]);
  expect(reference.ranked).toHaveLength(9);
  // The same order and, for every row (the best one first), the very same number.
  expect(shown).toEqual(
    reference.ranked.map((e) => ({ params: e.params, sharpe: e.summary.sharpe })),
  );
  const best = reference.ranked[0];
  if (best === undefined) throw new Error('no reference run');
  expect(shown[0]?.sharpe).toBe(best.summary.sharpe);

  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap).toBeVisible();
  await expect(heatmap).toHaveAttribute('data-cells', '9');
  await heatmap.hover({ position: { x: 120, y: 20 } });
  await expect(page.locator('.heatmap-hover')).toContainText('sharpe');
  await page.screenshot({ path: testInfo.outputPath('optimize-results.png'), fullPage: true });

  // Sorting by trades (most first) and back to the ranking.
  await page
    .getByRole('button', { name: /^trades/ })
    .first()
    .click();
  const trades = await rows.evaluateAll((trs) =>
    trs.map((tr) => Number(tr.querySelectorAll('td')[6]?.textContent)),
  );
  expect(trades).toEqual([...trades].sort((a, b) => b - a));
  await page.getByRole('button', { name: /^#/ }).click();
  await expect(rows.first()).toHaveAttribute('data-rank', '1');

  // The best row opens its backtest, with the params in the URL (the Backtest page reads them
  // into its form, then drops the query).
  await expect(rows.first().getByRole('link')).toHaveAttribute(
    'href',
    `/backtest?dataset=sample&strategy=sma-cross&p.fast=${best.params.fast}&p.slow=${best.params.slow}`,
  );
  await rows.first().locator('td').nth(3).click();
  await expect(page).toHaveURL(/\/backtest$/);
  await expect(page.locator('input[name="fast"]')).toHaveValue(String(best.params.fast));
  await expect(page.locator('input[name="slow"]')).toHaveValue(String(best.params.slow));
  // Back on Optimize the results are still there.
  await page.goBack();
  await expect(rows).toHaveCount(9);
  expect(errors).toEqual([]);
});

test('a big search is cancelled, then the page runs again', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/optimize');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await setRange(page, 'fast', 2, 100, 1);
  await setRange(page, 'slow', 20, 400, 2);
  await page.getByLabel('Workers').fill('2');
  await expect(page.getByTestId('runs-text')).toHaveText('18,909 combinations');

  await page.getByRole('button', { name: 'Run optimization' }).click();
  const progress = page.getByTestId('progress-text');
  await expect(progress).toContainText('/ 18,909 runs');
  await expect(progress).toContainText('2 workers');
  await expect(progress).not.toContainText(/^0 \//, { timeout: 30_000 });
  await expect(progress).toContainText(/ETA \d/);
  await page.screenshot({ path: testInfo.outputPath('optimize-running.png') });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('optimize-cancelled')).toContainText(
    /Cancelled: optimization cancelled after \d+ of 18909 runs/,
  );
  await expect(page.getByTestId('optimize-progress')).toHaveCount(0);
  await expect(page.getByTestId('optimize-results')).toHaveCount(0);

  // Again, smaller: it runs to the end.
  await setRange(page, 'fast', 8, 12, 2);
  await setRange(page, 'slow', 30, 50, 10);
  await page.getByRole('button', { name: 'Run optimization' }).click();
  await expect(page.getByTestId('optimize-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid="results-table"] tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('optimize-cancelled')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('walk-forward and random search; a bad range is named', async ({ page }, testInfo) => {
  await page.goto('/optimize');
  await setRange(page, 'fast', 5, 15, 5);
  await setRange(page, 'slow', 0, 40, 10);
  await expect(page.locator('tr[data-param="slow"] [role="alert"]')).toHaveText('0 < min 2');
  await expect(page.getByRole('button', { name: 'Run optimization' })).toBeDisabled();
  await setRange(page, 'slow', 20, 40, 10);

  await page.getByLabel('Method').selectOption('walk-forward');
  await page.getByLabel('In-sample bars').fill('2000');
  await page.getByLabel('Out-of-sample bars').fill('1000');
  await expect(page.getByTestId('runs-text')).toHaveText('6 windows × 9 combinations');
  await page.getByRole('button', { name: 'Run optimization' }).click();
  await expect(page.getByTestId('optimize-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.walk-forward tbody tr')).toHaveCount(6);
  await page.screenshot({ path: testInfo.outputPath('optimize-walk-forward.png'), fullPage: true });

  await page.getByLabel('Method').selectOption('random');
  await page.getByLabel('Samples').fill('4');
  await page.getByLabel('Seed').fill('7');
  await expect(page.getByTestId('runs-text')).toHaveText(
    '4 random samples (seed 7) of 9 combinations',
  );
  await page.getByRole('button', { name: 'Run optimization' }).click();
  await expect(page.getByTestId('results-outline')).toContainText('4 runs', { timeout: 60_000 });
});

test('a saved strategy is optimized in the workers', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/editor');
  await page.getByRole('button', { name: 'New from template' }).click();
  await expect(page.getByTestId('check-status')).toHaveAttribute('data-state', 'ok');

  await page.getByRole('link', { name: 'Optimize' }).click();
  await page.getByLabel('Strategy').selectOption({ label: 'ema-cross-stop.ts' });
  await setRange(page, 'fast', 8, 12, 4);
  await setRange(page, 'slow', 30, 40, 10);
  await page.getByLabel('stop search').selectOption('fixed');
  await page.getByLabel('stop value').fill('0.05');
  await expect(page.getByTestId('runs-text')).toHaveText('4 combinations');
  await page.getByRole('button', { name: 'Run optimization' }).click();
  const rows = page.locator('[data-testid="results-table"] tbody tr');
  await expect(rows).toHaveCount(4, { timeout: 60_000 });
  const first = JSON.parse((await rows.first().getAttribute('data-params')) ?? '{}');
  expect(first.stop).toBe(0.05);
  const id = await page.evaluate(() => localStorage.getItem('veloz-editor-last'));
  const href = await rows.first().getByRole('link').getAttribute('href');
  expect(href).toMatch(
    new RegExp(
      `^/backtest\\?dataset=sample&strategy=user%3A${id}&p\\.fast=\\d+&p\\.slow=\\d+&p\\.stop=0\\.05$`,
    ),
  );
  await rows.first().locator('td').nth(3).click();
  await expect(page).toHaveURL(/\/backtest$/);
  await expect(page.locator('input[name="stop"]')).toHaveValue('0.05');
  expect(errors).toEqual([]);
});

test('a small genetic search on the sample: per-generation progress, ranked as engine-core ranks', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/optimize');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await setRange(page, 'fast', 4, 40, 2);
  await setRange(page, 'slow', 20, 120, 5);
  await page.getByLabel('Min trades').fill('0');
  await page.getByLabel('Workers').fill('2');
  await page.getByLabel('Method').selectOption('genetic');
  await page.getByLabel('Population').fill('8');
  await page.getByLabel('Generations').fill('4');
  await page.getByLabel('Elite').fill('1');
  await page.getByLabel('Seed').fill('3');
  await expect(page.getByTestId('runs-text')).toHaveText(
    'genetic: at most 32 runs (population 8 × 4 generations, seed 3) of 399 combinations',
  );
  // Every text the progress line shows is recorded as the DOM changes: a whole search can end
  // in well under a second, faster than a poll of the page would see it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { __generations: string[] }).__generations = seen;
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="generation-text"]')?.textContent;
      if (t && seen.at(-1) !== t) seen.push(t);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Run optimization' }).click();
  await expect(page.getByTestId('optimize-results')).toBeVisible({ timeout: 60_000 });
  // Progress showed the generations as they finished (the last one may pass too fast to see).
  const generations = await page.evaluate(
    () => (globalThis as unknown as { __generations: string[] }).__generations,
  );
  expect(
    generations.some((t) => /Generation \d \/ 4 · best/.test(t)),
    generations.join(' | '),
  ).toBe(true);
  await expect(page.getByTestId('results-outline')).toContainText(
    /; genetic: \d generations, stopped: /,
  );

  const rows = page.locator('[data-testid="results-table"] tbody tr');
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      params: JSON.parse(tr.getAttribute('data-params') ?? '{}') as { fast: number; slow: number },
      sharpe: Number(tr.getAttribute('data-metric')),
    })),
  );
  expect(shown.length).toBeGreaterThan(8);
  expect(shown.length).toBeLessThanOrEqual(32);
  // Ranked as engine-core ranks exactly these param sets, each with the very same number.
  const candles = syntheticSample();
  const reference = rankResults(
    shown.map(({ params }) => ({
      params,
      summary: computeMetrics(runBacktest(candles, smaCross, params, DEFAULT_BACKTEST_CONFIG)),
    })),
    { metric: 'sharpe', minTrades: 0 },
  );
  expect(shown).toEqual(
    reference.ranked.map((e) => ({ params: e.params, sharpe: e.summary.sharpe })),
  );
  for (const { params } of shown) {
    expect(params.fast % 2 === 0 && params.fast >= 4 && params.fast <= 40).toBe(true);
    expect(params.slow % 5 === 0 && params.slow >= 20 && params.slow <= 120).toBe(true);
  }
  expect(errors).toEqual([]);
});
