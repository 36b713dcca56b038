// `npm run bench -- web`: the browser figures, driven by Playwright in Debian's Chromium against
// the built app served by the real server: cold load, first-route JS (gzip), a 500 000-bar
// backtest in the worker with the longest main-thread task meanwhile and while its results are
// shown, and 1 000 000 candles drawn.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { buildApp } from '../http/app';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHROMIUM = process.env.VELOZ_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // window.gc(), so each measured run starts without the garbage of the data set-up.
  '--js-flags=--expose-gc',
];
const kB = (b: number) => `${(b / 1000).toFixed(1)} kB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Writes an N-bar seeded random-walk dataset straight into the app's IndexedDB schema. */
async function putDataset(page: Page, id: string, bars: number): Promise<void> {
  // A string, not a function: the tsx loader would wrap named inner functions in a helper
  // (`__name`) that does not exist in the page.
  await page.evaluate(`(async () => {
    const id = ${JSON.stringify(id)};
    const bars = ${bars};
    let s = 12345;
    const rnd = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const cols = {
      time: new Float64Array(bars), open: new Float64Array(bars), high: new Float64Array(bars),
      low: new Float64Array(bars), close: new Float64Array(bars), volume: new Float64Array(bars),
    };
    let p = 30000;
    const t0 = Date.UTC(2020, 0, 1);
    for (let i = 0; i < bars; i++) {
      const o = p;
      p = Math.max(1, p * (1 + (rnd() - 0.5) * 0.004));
      cols.time[i] = t0 + i * 60000;
      cols.open[i] = o;
      cols.close[i] = p;
      cols.high[i] = Math.max(o, p) * (1 + rnd() * 0.001);
      cols.low[i] = Math.min(o, p) * (1 - rnd() * 0.001);
      cols.volume[i] = 1 + rnd() * 10;
    }
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('veloz-datasets', 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('meta', { keyPath: 'id' });
        r.result.createObjectStore('columns', { keyPath: 'id' });
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['meta', 'columns'], 'readwrite');
      tx.objectStore('meta').put({
        id, name: 'bench ' + bars + ' bars', symbol: 'BENCH', interval: '1m', intervalMs: 60000,
        rows: bars, from: cols.time[0], to: cols.time[bars - 1], gaps: 0, source: 'csv',
        note: 'benchmark data (seeded random walk)', createdAt: Date.now(),
      });
      tx.objectStore('columns').put({ id, ...cols });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  })()`);
}

/** Runs sma-cross on a dataset through the Backtest page; times and long tasks from the page. */
async function backtestThroughPage(page: Page, id: string, bars: number) {
  await page.goto('/backtest');
  await page.locator('#bt-dataset').selectOption(id);
  await page.locator('#bt-strategy').selectOption('sma-cross');
  await page.evaluate(() => {
    const w = window as unknown as { __tasks: { start: number; duration: number }[] };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
  const t0 = await page.evaluate(() => {
    (window as unknown as { gc?: () => void }).gc?.();
    return performance.now();
  });
  await page.getByRole('button', { name: 'Run backtest' }).click();
  // Waits are on elements being in the DOM ('attached'): a visibility check would force a layout
  // of the page from Playwright's script, a main-thread task of the bench's own.
  const attached = { state: 'attached', timeout: 300_000 } as const;
  await page.getByTestId('metrics').waitFor(attached);
  const tResults = await page.evaluate(() => performance.now());
  // Everything shown: both charts have their data, the tables (rendered in stages) are in, and
  // two frames have been painted since.
  await page.locator(`[data-testid="candle-chart"][data-bars="${bars}"]`).waitFor(attached);
  await page.locator(`[data-testid="equity-chart"][data-bars="${bars}"]`).waitFor(attached);
  await page.locator('[data-testid="trades"], .bt-results p.empty').first().waitFor(attached);
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const tDrawn = await page.evaluate(() => performance.now());
  // Late work (a chart's next frame, a debounced regrouping) counts too: half a second more.
  await page.waitForTimeout(500);
  const tasks = await page.evaluate(
    () => (window as unknown as { __tasks: { start: number; duration: number }[] }).__tasks,
  );
  const span = await page.evaluate(() => {
    const s = performance.getEntriesByName('veloz:backtest:start').at(-1)?.startTime ?? 0;
    const e = performance.getEntriesByName('veloz:backtest:end').at(-1)?.startTime ?? 0;
    return { s, e };
  });
  const ranIn = await page
    .getByText(/ran in [\d.]+ s/)
    .first()
    .textContent();
  const engineS = Number(/ran in ([\d.]+) s/.exec(ranIn ?? '')?.[1] ?? Number.NaN);
  // While the worker has the run: tasks that end before its answer's message is received. The
  // task that receives the answer (it contains the end mark) also renders the results: it is
  // counted with the drawing, after.
  const during = tasks.filter(
    (t) => t.start + t.duration > span.s && t.start + t.duration <= span.e,
  );
  const after = tasks.filter((t) => t.start + t.duration > span.e);
  // A trader's next move: click a trade. The candles regroup to bar for bar around it.
  const zoom = await zoomToTrade(page);
  return {
    zoom,
    workerMs: span.e - span.s,
    wallMs: tResults - t0,
    drawnMs: tDrawn - t0,
    engineS,
    drawMs: tDrawn - tResults,
    longestDuring: Math.max(0, ...during.map((t) => t.duration)),
    longestAfter: Math.max(0, ...after.map((t) => t.duration)),
    /** Long tasks after the answer, their durations (ms), in order. */
    afterTasks: after.map((t) => Math.round(t.duration)),
    /** Total blocking time after the answer: the part of each long task over 50 ms. */
    blockingAfter: after.reduce((a, t) => a + Math.max(0, t.duration - 50), 0),
  };
}

/** Clicks the first trade row; the time until the chart shows it bar for bar, and long tasks. */
async function zoomToTrade(page: Page): Promise<{ ms: number; tasks: number[] } | null> {
  const row = page.locator('[data-testid="trades"] tbody tr').first();
  if ((await row.count()) === 0) return null;
  const t0 = await page.evaluate(() => {
    const w = window as unknown as { __tasks: unknown[] };
    w.__tasks = [];
    return performance.now();
  });
  await row.click();
  await page
    .locator('[data-testid="candle-chart"][data-step="1"]')
    .waitFor({ state: 'attached', timeout: 60_000 });
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const ms = (await page.evaluate(() => performance.now())) - t0;
  await page.waitForTimeout(300);
  const tasks = await page.evaluate(
    () => (window as unknown as { __tasks: { duration: number }[] }).__tasks,
  );
  return { ms, tasks: tasks.map((t) => Math.round(t.duration)) };
}

/** `3 (58, 61, 72 ms)`: how many long tasks, and each one. */
const taskList = (d: readonly number[]) =>
  d.length === 0 ? '0' : `${d.length} (${d.join(', ')} ms)`;

export async function printWebSection(): Promise<void> {
  console.log(
    '[web] the app in Chromium (Playwright, headless, this machine), built and served by the real server',
  );
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed');
  // VELOZ_DIST (as vite.config.ts and the server read it): a parallel run builds elsewhere.
  const dist = process.env.VELOZ_DIST ? `${resolve(process.env.VELOZ_DIST)}/` : `${ROOT}dist/`;
  const app = await buildApp({ staticDir: dist });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // Cold load: a fresh profile, nothing cached; JS counted as gzip of each script body.
    const cold = await browser.newContext({
      baseURL: base,
      viewport: { width: 1280, height: 720 },
    });
    const page = await cold.newPage();
    const scripts: Promise<{ name: string; gz: number }>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' || r.url().endsWith('.js'))
        scripts.push(
          r.body().then((b) => ({
            name: new URL(r.url()).pathname.replace(/^\/assets\//, ''),
            gz: gzipSync(b, { level: 9 }).length,
          })),
        );
    });
    const t0 = Date.now();
    await page.goto('/backtest');
    await page.getByRole('button', { name: 'Run backtest' }).waitFor();
    await page.locator('#bt-dataset option[value="sample"]').waitFor({ state: 'attached' });
    const interactive = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domInteractive: n.domInteractive, load: n.loadEventEnd };
    });
    const loaded = await Promise.all(scripts);
    const jsGzip = loaded.reduce((a, b) => a + b.gz, 0);
    console.log(
      `  cold load of /backtest to interactive (Run button and the sample listed): ${ms(interactive)}   (DOM interactive ${ms(nav.domInteractive)}, load ${ms(nav.load)})`,
    );
    console.log(
      `  first-route JavaScript: ${kB(jsGzip)} gzip (${loaded.map((x) => `${x.name} ${kB(x.gz)}`).join(', ')}; the engine worker included)   floor ≤ 400 kB → ${jsGzip <= 400_000 ? 'met' : 'NOT MET'}`,
    );

    await putDataset(page, 'bench-500k', 500_000);
    const r5 = await backtestThroughPage(page, 'bench-500k', 500_000);
    console.log(
      `  sma-cross over 500 000 bars in the worker: ${r5.engineS.toFixed(2)} s in the engine (${(500_000 / r5.engineS / 1e6).toFixed(2)} M bars/s); request → answer ${ms(r5.workerMs)} (bars read from IndexedDB included); click → results shown ${ms(r5.wallMs)}; click → everything drawn (both charts, tables) ${ms(r5.drawnMs)}`,
    );
    console.log(
      `    longest UI-thread task while the worker computed: ${ms(r5.longestDuring)} (long tasks are ≥ 50 ms; 0 = none)   floor ≤ 50 ms → ${r5.longestDuring <= 50 ? 'met' : 'NOT MET'}`,
    );
    console.log(
      `    receiving the answer and drawing the results: longest task ${ms(r5.longestAfter)}; long tasks ${taskList(r5.afterTasks)}; total blocking ${ms(r5.blockingAfter)}   aim ≤ 100 ms → ${r5.longestAfter <= 100 ? 'met' : 'NOT MET'}`,
    );
    if (r5.zoom)
      console.log(
        `    click a trade → the chart shows it bar for bar: ${ms(r5.zoom.ms)}; long tasks ${taskList(r5.zoom.tasks)}`,
      );
    await putDataset(page, 'bench-1m', 1_000_000);
    const r1 = await backtestThroughPage(page, 'bench-1m', 1_000_000);
    console.log(
      `  1 000 000 candles drawn (results → charts and tables painted): ${ms(r1.drawMs)} (click → everything drawn ${ms(r1.drawnMs)}), longest main-thread task after the answer ${ms(r1.longestAfter)}; long tasks ${taskList(r1.afterTasks)}`,
    );
    console.log('  reproduce: npm run bench -- web\n');
    await cold.close();
  } finally {
    await browser?.close();
    await app.close();
  }
}
