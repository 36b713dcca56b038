import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import {
  buildReport,
  DEFAULT_BACKTEST_CONFIG,
  formatFixed,
  formatPercent,
  type Report,
  reportToJson,
  resolveParams,
  runBacktest,
  SUMMARY_KEYS,
  smaCross,
  syntheticSample,
} from '../engine-core/src';

/** The CLI's report for sma-cross with its defaults on the bundled sample (DESIGN §7 costs). */
function expectedReport(): Report {
  const params = resolveParams(smaCross.params, {});
  if (!params.ok) throw new Error(params.error);
  return buildReport(
    runBacktest(syntheticSample(), smaCross, params.value, DEFAULT_BACKTEST_CONFIG),
  );
}

const EXPECTED = expectedReport();

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

/** Requests that left the local server (there must be none: the app works offline). */
let external: string[] = [];
/** Page errors and console errors of the test's page (there must be none). */
let pageErrors: string[] = [];

test.beforeEach(async ({ page, context }) => {
  external = [];
  pageErrors = watchErrors(page);
  // No network beyond the local server: anything else fails at once, as offline.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    external.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await page.setViewportSize({ width: 1280, height: 720 });
});

test.afterEach(() => {
  expect(pageErrors).toEqual([]);
  expect(external).toEqual([]);
});

const metric = (page: Page, key: string) =>
  page.getByTestId('metrics').locator(`tr[data-metric="${key}"]`);

async function openBacktest(page: Page): Promise<void> {
  await page.goto('/backtest');
  await expect(page.getByRole('heading', { level: 2, name: 'Backtest' })).toBeVisible();
  await expect(page.locator('#bt-dataset')).toHaveValue('sample');
  await expect(page.locator('#bt-strategy')).toHaveValue('builtin:sma-cross');
}

async function run(page: Page): Promise<void> {
  const results = page.getByTestId('results');
  const before = (await results.count()) > 0 ? await results.getAttribute('data-run') : null;
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(results).toHaveAttribute('data-run', /\d+/, { timeout: 30_000 });
  if (before !== null) await expect(results).not.toHaveAttribute('data-run', before);
  await expect(page.getByTestId('metrics')).toBeVisible();
}

test('first start offline: sma-cross on the sample gives the CLI numbers, and both exports', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  await openBacktest(page);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.locator('#bt-param-fast')).toHaveValue('10');
  await expect(page.locator('#bt-param-slow')).toHaveValue('30');
  await expect(page.locator('#bt-cost-initialCash')).toHaveValue('10000');
  await expect(page.locator('#bt-cost-feeBps')).toHaveValue('10');
  await expect(page.locator('#bt-cost-makerFeeBps')).toHaveValue('10');
  await expect(page.locator('#bt-cost-slippageBps')).toHaveValue('0');
  await page.screenshot({ path: testInfo.outputPath('backtest-empty.png') });

  await run(page);
  const s = EXPECTED.summary;
  // Every DESIGN §5 metric: the exact number, and the formatted text.
  for (const key of SUMMARY_KEYS) {
    const v = s[key];
    await expect(metric(page, key)).toHaveAttribute('data-value', v === null ? 'null' : String(v));
  }
  expect(s.trades).toBeGreaterThan(5);
  await expect(metric(page, 'trades').locator('td').first()).toHaveText(String(s.trades));
  await expect(metric(page, 'final_equity').locator('td').first()).toHaveText(
    formatFixed(s.final_equity, 2),
  );
  await expect(metric(page, 'total_return').locator('td').first()).toHaveText(
    formatPercent(s.total_return),
  );
  await expect(page.getByTestId('headline').locator('[data-metric="total_return"] dd')).toHaveText(
    formatPercent(s.total_return),
  );
  await expect(page.getByTestId('trades').locator('tbody tr')).toHaveCount(
    Math.min(100, EXPECTED.trades.length),
  );
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-bars', '8760');
  await expect(page.getByTestId('equity-chart')).toHaveAttribute('data-bars', '8760');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-logical-from', '0.0');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-logical-to', '8759.0');
  await expect(page.getByTestId('monthly-heatmap').locator('tbody tr')).toHaveCount(
    new Set(Object.keys(EXPECTED.monthly_returns).map((k) => k.slice(0, 4))).size,
  );
  await page.screenshot({ path: testInfo.outputPath('backtest-results.png') });
  await page.screenshot({ path: testInfo.outputPath('backtest-results-full.png'), fullPage: true });

  // The JSON export: byte for byte the CLI's.
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toBe('veloz-sma-cross-SYNTH-BTCUSDT-1h.json');
  expect(await readFile(await json.path(), 'utf8')).toBe(reportToJson(EXPECTED));

  // The HTML export: a self-contained page that draws its charts without errors, offline.
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  expect(html.suggestedFilename()).toBe('veloz-sma-cross-SYNTH-BTCUSDT-1h.html');
  const htmlPath = testInfo.outputPath('report.html');
  await html.saveAs(htmlPath);
  const report = await page.context().newPage();
  const reportErrors = watchErrors(report);
  await report.goto(`file://${htmlPath}`);
  await expect(report.locator('body')).toHaveAttribute('data-charts', 'ready');
  expect(await report.locator('canvas').count()).toBeGreaterThan(3);
  await expect(report.locator('#summary')).toContainText(formatFixed(s.final_equity, 2));
  await report.screenshot({ path: testInfo.outputPath('report-html.png') });
  expect(reportErrors).toEqual([]);
  await report.close();
});

test('a param made invalid shows its error under the field and disables Run', async ({
  page,
}, testInfo) => {
  await openBacktest(page);
  const fast = page.locator('#bt-param-fast');
  const runButton = page.getByRole('button', { name: 'Run backtest' });
  await expect(runButton).toBeEnabled();

  await fast.fill('1.5');
  await expect(page.locator('#bt-param-fast-error')).toHaveText(
    'param fast: 1.5 is not an integer',
  );
  await expect(fast).toHaveAttribute('aria-invalid', 'true');
  await expect(runButton).toBeDisabled();
  await fast.press('Enter'); // Enter does not run an invalid form
  await page.screenshot({ path: testInfo.outputPath('backtest-invalid.png') });
  await expect(page.getByTestId('empty-state')).toBeVisible();

  await fast.fill('0');
  await expect(page.locator('#bt-param-fast-error')).toHaveText('param fast: 0 < min 1');
  await page.locator('#bt-cost-feeBps').fill('-1');
  await expect(page.locator('#bt-cost-feeBps-error')).toHaveText('taker fee: must be ≥ 0');

  // Fixed, and ArrowUp steps the value: Enter in the form runs.
  await page.locator('#bt-cost-feeBps').fill('10');
  await fast.fill('9');
  await fast.press('ArrowUp');
  await expect(fast).toHaveValue('10');
  await expect(page.locator('#bt-param-fast-error')).toHaveCount(0);
  await expect(runButton).toBeEnabled();
  await fast.press('Enter');
  await expect(metric(page, 'trades')).toHaveAttribute(
    'data-value',
    String(EXPECTED.summary.trades),
  );
});

test('trades sort by header and a clicked row zooms the candle chart to the trade', async ({
  page,
}, testInfo) => {
  await openBacktest(page);
  await run(page);
  const chart = page.getByTestId('candle-chart');
  await expect(chart).toHaveAttribute('data-visible-from', /\d+/);
  const before = {
    from: Number(await chart.getAttribute('data-visible-from')),
    to: Number(await chart.getAttribute('data-visible-to')),
  };

  // Sort by P&L: largest first, then the other way.
  const pnlHeader = page.getByTestId('trades').getByRole('button', { name: 'P&L' });
  await pnlHeader.click();
  const byPnl = EXPECTED.trades
    .map((t, i) => ({ i, pnl: t.pnl }))
    .sort((a, b) => b.pnl - a.pnl || a.i - b.i);
  const rows = page.getByTestId('trades').locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-trade', String(byPnl[0]?.i));
  await expect(page.getByTestId('trades').locator('th[aria-sort="descending"]')).toHaveText(/P&L/);
  await pnlHeader.click();
  await expect(rows.first()).toHaveAttribute('data-trade', String(byPnl[byPnl.length - 1]?.i));

  // Click the best trade: the chart shows its entry–exit range, zoomed in.
  const best = byPnl[0]?.i as number;
  const trade = EXPECTED.trades[best];
  if (!trade) throw new Error('no trade');
  await pnlHeader.click();
  await rows.first().click();
  await expect(rows.first()).toHaveClass(/bt-selected/);
  await expect
    .poll(async () => Number(await chart.getAttribute('data-visible-from')))
    .not.toBe(before.from);
  const after = {
    from: Number(await chart.getAttribute('data-visible-from')),
    to: Number(await chart.getAttribute('data-visible-to')),
  };
  expect(after.from).toBeLessThanOrEqual(trade.entry_time);
  expect(after.to).toBeGreaterThanOrEqual(trade.exit_time);
  expect(after.to - after.from).toBeLessThan((before.to - before.from) / 4);
  await expect(page.getByTestId('trade-position')).toHaveText(
    `Trade ${best + 1} of ${EXPECTED.trades.length}`,
  );
  // The equity chart follows the candles (same bars in view).
  await page.waitForTimeout(200);
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('backtest-trade-zoom.png') });

  // Keyboard: the next trade from the chart's toolbar, then Enter on a focused row.
  await page.getByRole('button', { name: 'Next trade' }).click();
  await expect(page.getByTestId('trade-position')).toHaveText(
    `Trade ${best + 2} of ${EXPECTED.trades.length}`,
  );
  const next = EXPECTED.trades[best + 1];
  if (next) {
    await expect
      .poll(async () => Number(await chart.getAttribute('data-visible-to')))
      .toBeGreaterThanOrEqual(next.exit_time);
  }
  await rows.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(rows.nth(1)).toHaveClass(/bt-selected/);

  // The charts follow the theme.
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.waitForTimeout(300);
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('backtest-light.png') });
});

/** Puts a user strategy into the editor's IndexedDB store (`veloz-strategies`). */
async function addUserStrategy(
  page: Page,
  id: string,
  name: string,
  source: string,
): Promise<void> {
  await page.evaluate(
    ({ id, name, source }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('veloz-strategies', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('strategies', { keyPath: 'id' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('strategies', 'readwrite');
          tx.objectStore('strategies').put({ id, name, source, createdAt: 1, updatedAt: 1 });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { id, name, source },
  );
}

const THROWS = `import { defineStrategy } from 'veloz';
export default defineStrategy({
  name: 'throws-at-500',
  description: 'logs every 100 bars, buys at bar 50, throws at bar 500',
  params: [{ name: 'at', type: 'int', default: 500, min: 10, max: 5000, step: 1, description: 'bar to throw at' }],
  create(p) {
    return {
      onBar(ctx) {
        if (ctx.bar % 100 === 0) ctx.log('at bar ' + ctx.bar);
        if (ctx.bar === 50) ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } });
        if (ctx.bar === p.at) throw new Error('boom at bar ' + ctx.bar);
      },
    };
  },
});
`;

const SLOW = `import { defineStrategy } from 'veloz';
export default defineStrategy({
  name: 'slow',
  description: 'burns CPU on every bar',
  params: [],
  create() {
    return {
      onBar(ctx) {
        let x = 0;
        for (let i = 0; i < 400000; i++) x += i % 7;
        if (x < 0) ctx.log('never');
      },
    };
  },
});
`;

test('a user strategy that throws: its failure and logs are shown; a slow one is cancelled', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  await openBacktest(page);
  await addUserStrategy(page, 'u-throws', 'throws-at-500', THROWS);
  await addUserStrategy(page, 'u-slow', 'slow', SLOW);
  await page.reload();
  await page.locator('#bt-strategy').selectOption('user:u-throws');
  await expect(page.locator('#bt-param-at')).toHaveValue('500');
  await page.locator('#bt-strategy').press('Enter'); // Enter on the select runs too
  const failure = page.getByTestId('strategy-failure');
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect(failure).toContainText('boom at bar 500');
  await expect(page.getByTestId('strategy-logs')).toContainText('at bar 400');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-bars', '8760');
  await page.screenshot({ path: testInfo.outputPath('backtest-failure.png') });

  // A slow strategy: progress shows, Escape cancels, and the next run works.
  await page.locator('#bt-strategy').selectOption('user:u-slow');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(page.getByTestId('run-progress')).toContainText(/[\d,]+ \/ 8,760 bars/, {
    timeout: 20_000,
  });
  await page.screenshot({ path: testInfo.outputPath('backtest-running.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-cancelled')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeDisabled();
  await page.locator('#bt-strategy').selectOption('builtin:sma-cross');
  await run(page);
  await expect(metric(page, 'trades')).toHaveAttribute(
    'data-value',
    String(EXPECTED.summary.trades),
  );
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeEnabled();
});

test('a 500 000-bar dataset runs and renders without freezing the page', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await openBacktest(page);
  const N = 500_000;
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const cols = {
          time: new Float64Array(n),
          open: new Float64Array(n),
          high: new Float64Array(n),
          low: new Float64Array(n),
          close: new Float64Array(n),
          volume: new Float64Array(n),
        };
        let p = 30_000;
        let seed = 7;
        const rnd = () => {
          seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
          return seed / 4_294_967_296;
        };
        const t0 = Date.UTC(2023, 0, 1);
        for (let i = 0; i < n; i++) {
          const o = p;
          const c = o * (1 + (rnd() - 0.5) * 0.004);
          cols.time[i] = t0 + i * 60_000;
          cols.open[i] = o;
          cols.close[i] = c;
          cols.high[i] = Math.max(o, c) * (1 + rnd() * 0.001);
          cols.low[i] = Math.min(o, c) * (1 - rnd() * 0.001);
          cols.volume[i] = 1 + rnd();
          p = c;
        }
        const open = indexedDB.open('veloz-datasets', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['meta', 'columns'], 'readwrite');
          tx.objectStore('meta').put({
            id: 'big',
            name: 'Big: 500k 1m bars',
            symbol: 'BIGUSDT',
            interval: '1m',
            intervalMs: 60_000,
            rows: n,
            from: cols.time[0],
            to: cols.time[n - 1],
            gaps: 0,
            source: 'csv',
            note: null,
            createdAt: Date.now(),
          });
          tx.objectStore('columns').put({ id: 'big', ...cols });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    N,
  );
  await page.reload();
  await page.locator('#bt-dataset').selectOption('big');
  await page.locator('#bt-param-fast').fill('50');
  await page.locator('#bt-param-slow').fill('200');
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
  });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(page.getByTestId('metrics')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-bars', String(N), {
    timeout: 60_000,
  });
  await expect(page.getByTestId('equity-chart')).toHaveAttribute('data-bars', String(N), {
    timeout: 60_000,
  });
  // The page answers while and after it draws: a frame comes within a second.
  const frame = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t = performance.now();
        requestAnimationFrame(() => resolve(performance.now() - t));
      }),
  );
  const elapsed = Date.now() - t0;
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  const worst = Math.max(0, ...longTasks);
  testInfo.annotations.push({
    type: 'perf',
    description: `500k bars: results in ${elapsed} ms; longest main-thread task ${Math.round(worst)} ms (${longTasks.length} long tasks); next frame ${Math.round(frame)} ms`,
  });
  console.log(testInfo.annotations.at(-1)?.description);
  // Generous guards against a frozen page, not timings (those are in `npm run bench -- web`):
  // the charts draw a few hundred grouped points, the longest task is ~50–100 ms on a loaded
  // 2-core box; drawing every bar took 15–20 s, with 2–4 s tasks.
  expect(frame).toBeLessThan(1_000);
  expect(worst).toBeLessThan(5_000);
  await page.screenshot({ path: testInfo.outputPath('backtest-500k.png') });

  // Zoomed out, bars are grouped: both charts draw the same few hundred points (one plan, so
  // their time axes stay in step), and the legend says how many bars a candle holds.
  const candles = page.getByTestId('candle-chart');
  const step = async () => Number(await candles.getAttribute('data-step'));
  // Both charts' points in one read (they change together, in one task).
  const bothPoints = () =>
    page.evaluate(`[...document.querySelectorAll('[data-testid$="-chart"][data-points]')]
      .map((el) => el.dataset.testid + ' ' + el.dataset.points).sort()`) as Promise<string[]>;
  const samePoints = async () => {
    const [c, e] = await bothPoints();
    expect(c?.replace('candle-chart', 'equity-chart')).toBe(e);
    return Number(c?.split(' ')[1]);
  };
  const zoomedOut = await step();
  expect(zoomedOut).toBeGreaterThan(1);
  expect(await samePoints()).toBeLessThanOrEqual(1_000);
  await expect(page.getByTestId('chart-step')).toHaveText(
    `1 candle = ${zoomedOut.toLocaleString('en-US')} bars · zoom in for every bar`,
  );
  await expect(candles).toHaveAttribute('data-logical-from', /^-?0\.\d$/);
  const lastBar = Number(await candles.getAttribute('data-logical-to'));
  expect(Math.abs(lastBar - (N - 1))).toBeLessThan(1);

  // A clicked trade: bar for bar around it, the trade in view, both charts on the same points.
  const utc = (text: string | null): number => Date.parse(`${(text ?? '').replace(' ', 'T')}Z`);
  const rows = page.getByTestId('trades').locator('tbody tr');
  await rows.nth(3).click();
  await expect(rows.nth(3)).toHaveClass(/bt-selected/);
  await expect(candles).toHaveAttribute('data-step', '1');
  const entry = utc(await rows.nth(3).locator('td').nth(2).textContent());
  const exit = utc(await rows.nth(3).locator('td').nth(3).textContent());
  expect(Number(await candles.getAttribute('data-visible-from'))).toBeLessThanOrEqual(entry);
  expect(Number(await candles.getAttribute('data-visible-to'))).toBeGreaterThanOrEqual(exit);
  await expect(page.getByTestId('chart-step')).toHaveText('');
  await samePoints();
  await candles.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('backtest-500k-trade.png') });

  // Show all: grouped again, every bar in view.
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(candles).toHaveAttribute('data-step', String(zoomedOut));
  await expect
    .poll(async () => Math.abs(Number(await candles.getAttribute('data-logical-to')) - (N - 1)))
    .toBeLessThan(1);

  // Zooming in with the wheel regroups the bars finer once the view settles.
  const box = await candles.boundingBox();
  if (!box) throw new Error('no chart box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -400);
  await expect.poll(step).toBeLessThan(zoomedOut);
  await samePoints();
  await page.screenshot({ path: testInfo.outputPath('backtest-500k-wheel.png') });
});

test('a link from another page prepares the run: strategy, params and costs', async ({
  page,
}, testInfo) => {
  await page.goto('/backtest?dataset=sample&strategy=trend&p.fast=8&p.atrMult=2.5&feeBps=12');
  await expect(page.locator('#bt-strategy')).toHaveValue('builtin:trend');
  await expect(page.locator('#bt-param-fast')).toHaveValue('8');
  await expect(page.locator('#bt-param-slow')).toHaveValue('26');
  await expect(page.locator('#bt-param-atrMult')).toHaveValue('2.5');
  await expect(page.locator('#bt-param-allowShort')).not.toBeChecked();
  await expect(page.locator('#bt-cost-feeBps')).toHaveValue('12');
  await expect(page.locator('#bt-cost-makerFeeBps')).toHaveValue('10');
  await expect(page).toHaveURL(/\/backtest$/);
  await run(page);
  await expect(page.getByTestId('result-title')).toContainText('trend');
  await expect(page.locator('.chart-legend-lines').first()).toContainText('EMA 8');
  await expect(page.locator('.chart-legend-lines').first()).toContainText('EMA 26');
  await page.getByTestId('candle-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('backtest-trend.png') });
});

test('an rsi run draws RSI in its own pane below the candles, with its levels and legend', async ({
  page,
}, testInfo) => {
  await openBacktest(page);
  await page.locator('#bt-strategy').selectOption('builtin:rsi');
  await expect(page.locator('#bt-param-period')).toHaveValue('14');
  await expect(page.locator('#bt-param-overbought')).toHaveValue('70');
  await expect(page.locator('#bt-param-oversold')).toHaveValue('30');
  await run(page);
  await expect(page.getByTestId('result-title')).toContainText('rsi');
  const candles = page.getByTestId('candle-chart');
  await expect(candles).toHaveAttribute('data-bars', '8760');
  await expect(candles).toHaveAttribute('data-panes', '2');
  const legend = page.getByTestId('oscillator-legend');
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('RSI 14');
  await expect(legend).toContainText('Overbought 70');
  await expect(legend).toContainText('Oversold 30');
  // RSI is not on the price scale: the candles' legend has no line for it.
  await expect(page.getByTestId('overlay-legend')).toHaveCount(0);
  // The pane's legend sits in the lower part of the chart (the candles keep the top 420 px).
  const frame = await candles.boundingBox();
  if (!frame) throw new Error('no chart box');
  await expect
    .poll(async () => ((await legend.boundingBox())?.y ?? 0) - frame.y)
    .toBeGreaterThan(frame.height / 2);
  await candles.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('backtest-rsi-pane.png') });

  // Other params: the legend follows them.
  await page.locator('#bt-param-period').fill('9');
  await page.locator('#bt-param-overbought').fill('75');
  await run(page);
  await expect(legend).toContainText('RSI 9');
  await expect(legend).toContainText('Overbought 75');
  await expect(candles).toHaveAttribute('data-panes', '2');

  // A strategy on the price scale: the pane and its legend go.
  await page.locator('#bt-strategy').selectOption('builtin:sma-cross');
  await run(page);
  await expect(candles).toHaveAttribute('data-panes', '1');
  await expect(legend).toHaveCount(0);
  await expect(page.getByTestId('overlay-legend')).toContainText('SMA 30');
});

test('bollinger and ma-crossover runs name their bands and averages with the run’s params', async ({
  page,
}) => {
  await openBacktest(page);
  await page.locator('#bt-strategy').selectOption('builtin:bollinger');
  await expect(page.locator('#bt-param-period')).toHaveValue('20');
  await page.locator('#bt-param-std_dev').fill('1.5');
  await run(page);
  await expect(page.getByTestId('result-title')).toContainText('bollinger');
  const lines = page.getByTestId('overlay-legend');
  await expect(lines).toContainText('BB 20 +1.5σ');
  await expect(lines).toContainText('BB 20 middle');
  await expect(lines).toContainText('BB 20 −1.5σ');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-panes', '1');
  await expect(page.getByTestId('oscillator-legend')).toHaveCount(0);

  await page.locator('#bt-strategy').selectOption('builtin:ma-crossover');
  await page.locator('#bt-param-fast_period').fill('7');
  await run(page);
  await expect(page.getByTestId('result-title')).toContainText('ma-crossover');
  await expect(lines).toContainText('SMA 7');
  await expect(lines).toContainText('SMA 20');
  await expect(lines).not.toContainText('BB 20');
});
