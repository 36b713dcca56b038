// By-hand measurement (not a test): what ccxt costs to load, and the adapter's place → ack round
// trip against each local fake on loopback. Run: npx tsx server/src/live/ccxt/measure-ccxt.ts
import { execFileSync } from 'node:child_process';
import { createCcxtExchange } from './ccxt-exchange';
import { CcxtVenueAdapter } from './ccxt-venue-adapter';
import { startFake } from './testing/fake-venue';
import type { CcxtVenueId } from './venue-profile';

const IMPORT_PROBE = `
const before = process.memoryUsage();
const t0 = performance.now();
await import('ccxt');
const ms = performance.now() - t0;
const after = process.memoryUsage();
console.log(JSON.stringify({ ms, rss: after.rss - before.rss, heap: after.heapUsed - before.heapUsed, rssAfter: after.rss }));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const mib = (b: number) => (b / 2 ** 20).toFixed(1);

function importCost(runs: number): void {
  const samples: { ms: number; rss: number; heap: number; rssAfter: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE], {
      cwd: process.cwd(),
    });
    samples.push(JSON.parse(out.toString()));
  }
  console.log(
    `ccxt import, ${runs} fresh processes: median ${median(samples.map((s) => s.ms)).toFixed(0)} ms ` +
      `(min ${Math.min(...samples.map((s) => s.ms)).toFixed(0)}), RSS +${mib(median(samples.map((s) => s.rss)))} MiB ` +
      `(process RSS after ${mib(median(samples.map((s) => s.rssAfter)))} MiB), heap +${mib(median(samples.map((s) => s.heap)))} MiB`,
  );
}

/**
 * Back to back, ccxt's rate limiter (enableRateLimit: on) spaces the calls, so that figure is the
 * venue's allowed pace; spaced 250 ms apart the limiter has refilled and the figure is the cost of
 * ccxt + signing + HTTP + the fake.
 */
async function roundTrip(
  venue: CcxtVenueId,
  warmup: number,
  n: number,
  gapMs: number,
): Promise<void> {
  const fake = await startFake(venue);
  const adapter = new CcxtVenueAdapter({
    venue,
    credentials: fake.credentials,
    baseUrl: fake.baseUrl,
    pollIntervalMs: 60_000, // keep the report poll out of the measured window
  });
  await adapter.start({ onReport() {}, onConnection() {}, onReconciled() {} });
  const times: number[] = [];
  for (let i = 0; i < warmup + n; i++) {
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const t0 = performance.now();
    const r = await adapter.place({
      clientOrderId: `m${venue}${gapMs}x${i}`,
      symbol: fake.engineSymbol,
      side: 'BUY',
      type: 'LIMIT',
      qty: 0.001,
      price: 40_000,
      tif: 'GTC',
      postOnly: false,
    });
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error(`${venue} place failed: ${r.reason}`);
    if (i >= warmup) times.push(dt);
  }
  console.log(
    `${venue}: place → ack over loopback, ${gapMs === 0 ? 'back to back' : `${gapMs} ms apart`}, ${n} orders after ${warmup} warm-up: median ${median(times).toFixed(2)} ms, ` +
      `p90 ${pct(times, 0.9).toFixed(2)} ms, p99 ${pct(times, 0.99).toFixed(2)} ms`,
  );
  await adapter.close();
  await fake.close();
}

/**
 * ccxt's createOrder alone, rate limiter on and off: the difference is the limiter's delay, which
 * ccxt charges on every call (its leaky bucket does not credit idle time across queue restarts).
 */
async function rawCreate(venue: CcxtVenueId, rateLimit: boolean, n: number): Promise<void> {
  const fake = await startFake(venue);
  const ex = await createCcxtExchange(venue, fake.credentials, { baseUrl: fake.baseUrl });
  // Measurement only: the adapter always runs with the limiter on.
  (ex as unknown as { enableRateLimit: boolean }).enableRateLimit = rateLimit;
  await ex.loadMarkets();
  const param = venue === 'okx' ? 'clOrdId' : venue === 'bybit' ? 'orderLinkId' : 'client_order_id';
  const symbol = venue === 'coinbase' ? 'BTC/USD' : 'BTC/USDT';
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await ex.createOrder(symbol, 'limit', 'buy', 0.001, 40_000, {
      [param]: `r${rateLimit ? 1 : 0}x${i}`,
    });
    times.push(performance.now() - t0);
  }
  console.log(
    `${venue}: ccxt createOrder alone, rate limiter ${rateLimit ? 'on ' : 'off'}: median ${median(times).toFixed(2)} ms, p90 ${pct(times, 0.9).toFixed(2)} ms`,
  );
  await ex.close();
  await fake.close();
}

importCost(5);
for (const venue of ['okx', 'bybit', 'coinbase'] as const) {
  await roundTrip(venue, 20, 200, 0);
  await roundTrip(venue, 5, 40, 250);
  await rawCreate(venue, true, 100);
  await rawCreate(venue, false, 100);
}
console.log(
  `node ${process.version}, load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
