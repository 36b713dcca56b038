import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  downloadAggTradeBars,
  type HttpGet,
  MemoryKlineCache,
} from '../../../engine-core/src/market';
import { fakeAggTrades } from '../../../engine-core/src/market/testing/fake-agg-trades';
import { mulberry32 } from '../../../engine-core/src/util/rng';
import { memoryMiB } from './stats';

const REPRODUCE = '  reproduce: npm run bench -- trades';
const HOURS = 48;
const PER_HOUR = 12_000;
const RUNS = 5;
const T0 = Date.UTC(2024, 0, 1);
const H = 3_600_000;

/** A busy pair's tape: 12 000 trades an hour (BTCUSDT's order), seeded. */
function tape() {
  const rnd = mulberry32(20_240_101);
  const out: { a: number; p: string; q: string; T: number }[] = [];
  let p = 42_000;
  for (let h = 0; h < HOURS; h++)
    for (let i = 0; i < PER_HOUR; i++) {
      p += (rnd() - 0.5) * 4;
      out.push({
        a: out.length + 1,
        p: p.toFixed(2),
        q: (rnd() * 0.05).toFixed(5),
        T: T0 + h * H + Math.floor((i * H) / PER_HOUR),
      });
    }
  return out;
}

/**
 * Replies memoised by URL: the timed runs measure the downloader (JSON parse, checks, bars,
 * cache stores), not the stand-in serialising its pages.
 */
function memoised(http: HttpGet): HttpGet {
  const seen = new Map<string, string>();
  return async (url, init) => {
    const hit = seen.get(url);
    if (hit !== undefined) return { status: 200, headers: {}, body: hit };
    const r = await http(url, init);
    seen.set(url, r.body);
    return r;
  };
}

/** `npm run bench -- trades`: aggTrades pages made into 1m bars through the trade-bar cache. */
export async function printTradesSection(): Promise<void> {
  const trades = tape();
  const http = memoised(fakeAggTrades(trades).http);
  const run = async () => {
    const t = performance.now();
    const got = await downloadAggTradeBars({
      symbol: 'BTCUSDT',
      interval: '1m',
      intervalMs: 60_000,
      startMs: T0,
      endMs: T0 + HOURS * H,
      http,
      sleep: async () => undefined,
      now: () => T0 + 1000 * H,
      weightBudget: Number.MAX_SAFE_INTEGER,
      cache: new MemoryKlineCache(),
    });
    if (!got.ok) throw new Error(got.error.message);
    return { seconds: (performance.now() - t) / 1000, ...got.value };
  };
  await run(); // fills the memo, warms the JIT
  const runs = [];
  for (let k = 0; k < RUNS; k++) runs.push(await run());
  const rates = runs.map((r) => r.trades / r.seconds).sort((a, b) => a - b);
  const median = rates[Math.floor(RUNS / 2)] as number;
  const r = runs[0] as (typeof runs)[number];
  console.log(
    `[trades] Binance aggTrades → 1m bars: ${r.trades.toLocaleString('en-US')} trades in ${r.requests.toLocaleString('en-US')} pages of 1 000 (replies memoised), ${RUNS} runs, load ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log(
    `  median ${Math.round(median).toLocaleString('en-US')} trades/s   (runs: ${rates.map((x) => `${(x / 1e6).toFixed(2)} M`).join(', ')} /s; ${r.candles.length.toLocaleString('en-US')} bars, cached per hour)   rss ${memoryMiB().rss.toFixed(0)} MiB`,
  );
  // What a day of a busy pair costs: CPU at this rate, and the wait the weight budget imposes.
  const day = 1_500_000;
  const pagesPerMinute = 3000 / 4;
  console.log(
    `  a day of BTCUSDT (~${(day / 1e6).toFixed(1)} M trades): ${(day / median).toFixed(1)} s of CPU (mostly JSON.parse of the pages), ${(day / 1000 / pagesPerMinute).toFixed(1)} min of requests at the default weight budget (3 000 a minute, 4 a page)`,
  );
  console.log(`${REPRODUCE}\n`);
}
