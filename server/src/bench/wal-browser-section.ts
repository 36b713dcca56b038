// `npm run bench -- wal-browser`: the paper account's IndexedDB WAL in Debian's Chromium, driven by
// Playwright on the WAL lab page (e2e/fixtures/wal-lab.ts, bundled and served here, never part of
// the app). The profile is on disk, so every strict-durability commit is a real flush. Records
// are the engine's own state events from a seeded paper session (ticks, limit/market/stop orders,
// fills, cancels, denials).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { startWalLab } from '../../../e2e/fixtures/wal-lab-server';

const CHROMIUM = process.env.VELOZ_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FLOOR_PER_S = 20_000;
const RECORDS = 100_000;

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(0)} ms`;
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Evaluates a `walLab` call given as a string (tsx would inject helpers into a function). */
const call = <T>(page: Page, script: string): Promise<T> => page.evaluate(script) as Promise<T>;

interface Recovery {
  readonly loadMs: number;
  readonly recoverMs: number;
  readonly totalMs: number;
  readonly snapshotSeq: number | null;
  readonly records: number;
  readonly lastSeq: number;
  readonly orders: number;
}

/** Start-up on a freshly loaded page (cold code, as after a reload), `runs` times. */
async function recoveries(page: Page, url: string, db: string, runs: number): Promise<Recovery[]> {
  const out: Recovery[] = [];
  for (let k = 0; k < runs; k++) {
    await page.goto(url);
    await page.waitForFunction('window.walLab !== undefined');
    out.push(await call<Recovery>(page, `walLab.recover(${JSON.stringify(db)})`));
  }
  return out;
}

function describeRecovery(rs: readonly Recovery[]): string {
  const r = rs[0] as Recovery;
  const parts = `load ${ms(median(rs.map((x) => x.loadMs)))} + recoverState ${ms(median(rs.map((x) => x.recoverMs)))}`;
  const where =
    r.snapshotSeq === null
      ? `${n(r.records)} records, no snapshot`
      : `snapshot at seq ${n(r.snapshotSeq)} + ${n(r.records)} records`;
  return `${ms(median(rs.map((x) => x.totalMs)))} median of ${rs.length} (${parts}; ${where}; runs ${rs.map((x) => x.totalMs.toFixed(0)).join(', ')} ms)`;
}

export async function printWalBrowserSection(): Promise<void> {
  console.log(
    `[wal-browser] the paper WAL in IndexedDB, Chromium (Playwright, headless, profile on disk, this machine: ${cpus().length} cores, load average ${(loadavg()[0] as number).toFixed(1)} at start)`,
  );
  const lab = await startWalLab();
  const profile = mkdtempSync(join(tmpdir(), 'veloz-wal-bench-'));
  let ctx: BrowserContext | null = null;
  try {
    ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(lab.url);
    await page.waitForFunction('window.walLab !== undefined');
    await call(page, `walLab.prepareEvents(1, ${RECORDS})`);

    console.log(
      '  appends through IdbWalStore: one strict-durability transaction per batch, each awaited (the ack)',
    );
    let best = 0;
    for (const [batch, count] of [
      [1, 1_000],
      [10, 10_000],
      [100, RECORDS],
      [1_000, RECORDS],
    ] as const) {
      const r = await call<{ ms: number; records: number }>(
        page,
        `walLab.appendRate('bench-append', ${batch}, ${count})`,
      );
      const rate = r.records / (r.ms / 1000);
      if (batch >= 100) best = Math.max(best, rate);
      console.log(
        `    batch ${String(batch).padStart(5)}: ${n(r.records).padStart(7)} records in ${ms(r.ms).padStart(8)} → ${n(rate).padStart(7)} records/s (${n(r.records / batch / (r.ms / 1000))} commits/s)`,
      );
    }
    const load = await call<{ ms: number; records: number }>(
      page,
      "walLab.loadTime('bench-append')",
    );
    console.log(
      `    floor: ≥ ${n(FLOOR_PER_S)}/s batched (best of batch 100 and 1 000) → ${best >= FLOOR_PER_S ? 'met' : 'NOT MET'}`,
    );
    console.log(
      `    loading those ${n(load.records)} records back (every record decoded and checked): ${ms(load.ms)}`,
    );
    console.log('  layouts the store does not use, same events, batch 1 000 (30 000 records):');
    for (const [variant, label] of [
      ['record-objects', 'one IndexedDB value per record (structured clone)'],
      ['batch-lines', 'one value per batch of CRC-framed JSON lines (the file store format)'],
    ] as const) {
      const r = await call<{ ms: number; loadMs: number; records: number }>(
        page,
        `walLab.appendRateVariant('bench-variant', '${variant}', 1000, 30000)`,
      );
      console.log(
        `    ${label}: ${n(r.records / (r.ms / 1000))} records/s; load + decode ${ms(r.loadMs)}`,
      );
    }

    const cadence = await call<number>(page, 'walLab.compactEvery');
    console.log(
      `  start-up: load + recoverState of ${n(RECORDS)} records on a freshly loaded page (flush every 20 engine steps while writing)`,
    );
    for (const every of [cadence / 2, cadence, cadence * 2, null] as const) {
      const db = `bench-recover-${every ?? 'none'}`;
      const fill = await call<{ fillMs: number; compactMs: number[]; orders: number }>(
        page,
        `walLab.fill(${JSON.stringify(db)}, { seed: 7, records: ${RECORDS}, compactEvery: ${every ?? 1e9}, flushEvery: 20, worstCase: ${every !== null} })`,
      );
      const rs = await recoveries(page, lab.url, db, 3);
      const label =
        every === null
          ? 'no snapshot'
          : `snapshot every ${n(every)}${every === cadence ? ' (the default)' : ''}, worst case`;
      const met =
        every === cadence
          ? `   floor < 1 s → ${median(rs.map((x) => x.totalMs)) < 1000 ? 'met' : 'NOT MET'}`
          : '';
      console.log(`    ${label}: ${describeRecovery(rs)}${met}`);
      if (every === cadence) {
        const c = fill.compactMs;
        console.log(
          `      the state holds ${n(fill.orders)} orders (finished ones are kept); its ${c.length} snapshots while writing took ${ms(median(c))} median, ${ms(Math.max(...c))} longest (the writer's appends wait meanwhile)`,
        );
      }
      await call(page, `walLab.deleteDb(${JSON.stringify(db)})`);
    }
    console.log('  reproduce: npm run bench -- wal-browser\n');
  } finally {
    await ctx?.close();
    await lab.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
