import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/rng';
import { type AggTradeBarsOptions, downloadAggTradeBars } from './binance-agg-trades';
import type { Candles } from './candles';
import { MemoryKlineCache } from './memory-kline-cache';
import { type FakeAggTrade, fakeAggTrades } from './testing/fake-agg-trades';
import type { KlinesFault } from './testing/fake-binance-replies';
import { candlesFromTradeCsv } from './trade-csv';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);

/** 2 500 trades in hour 0 (three pages), none in hour 1 (a gap), 10 in hour 2. */
function tape(): FakeAggTrade[] {
  const out: FakeAggTrade[] = [];
  let id = 100;
  for (let i = 0; i < 2_500; i++)
    out.push({
      a: id++,
      p: String(100 + (i % 50) / 10),
      q: '0.5',
      T: T0 + Math.floor((i * H) / 2_500),
    });
  for (let i = 0; i < 10; i++)
    out.push({ a: id++, p: String(90 + i), q: '1', T: T0 + 2 * H + i * 1000 });
  return out;
}

/** Seeded random trades over `hours`, 0–1 500 an hour (some hours empty). */
function randomTape(seed: number, hours: number): FakeAggTrade[] {
  const rnd = mulberry32(seed);
  const out: FakeAggTrade[] = [];
  let id = 1;
  let p = 100;
  for (let h = 0; h < hours; h++) {
    const n = rnd() < 0.2 ? 0 : Math.floor(rnd() * 1_500);
    const times = Array.from({ length: n }, () => T0 + h * H + Math.floor(rnd() * H)).sort(
      (x, y) => x - y,
    );
    for (const T of times) {
      p = Math.max(1, p + (rnd() - 0.5));
      out.push({ a: id++, p: p.toFixed(2), q: (rnd() * 2).toFixed(3), T });
    }
  }
  return out;
}

/**
 * The reference bars, written apart from the downloader and its aggregator: trades grouped by
 * `floor(T / step)`, in id order, for bar open times in `[from, to)`.
 */
function referenceBars(trades: readonly FakeAggTrade[], step: number, from: number, to: number) {
  const bars = new Map<number, [number, number, number, number, number]>();
  for (const t of trades) {
    const b = Math.floor(t.T / step) * step;
    if (b < from || b >= to) continue;
    const p = Number(t.p);
    const q = Number(t.q);
    const bar = bars.get(b);
    if (bar === undefined) bars.set(b, [p, p, p, p, q]);
    else {
      bar[1] = Math.max(bar[1], p);
      bar[2] = Math.min(bar[2], p);
      bar[3] = p;
      bar[4] += q;
    }
  }
  return [...bars.entries()].map(([time, [open, high, low, close, volume]]) => ({
    time,
    open,
    high,
    low,
    close,
    volume,
  }));
}

const rows = (c: Candles) =>
  Array.from(c.time, (time, i) => ({
    time,
    open: c.open[i],
    high: c.high[i],
    low: c.low[i],
    close: c.close[i],
    volume: c.volume[i],
  }));

/** Volumes are sums in a different order: equal to rounding. */
function expectSameBars(got: Candles, want: ReturnType<typeof referenceBars>): void {
  expect(got.length).toBe(want.length);
  const g = rows(got);
  for (let i = 0; i < want.length; i++) {
    const { volume, ...rest } = want[i] as (typeof want)[number];
    const { volume: gv, ...grest } = g[i] as (typeof g)[number];
    expect(grest).toEqual(rest);
    expect(gv).toBeCloseTo(volume, 9);
  }
}

/** A test rig: fake clock (sleep advances it), fake exchange, optional memory cache. */
function rig(
  trades: readonly FakeAggTrade[],
  fault?: (n: number, url: string) => KlinesFault | undefined,
) {
  let clock = T0 + 1000 * H;
  const sleeps: number[] = [];
  const fake = fakeAggTrades(trades, fault);
  const cache = new MemoryKlineCache();
  const options = (o: Partial<AggTradeBarsOptions> = {}): AggTradeBarsOptions => ({
    symbol: 'btcusdt',
    interval: '1h',
    intervalMs: H,
    startMs: T0,
    endMs: T0 + 3 * H,
    baseUrl: 'http://fake/',
    http: fake.http,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    ...o,
  });
  return { fake, sleeps, cache, options, setClock: (t: number) => (clock = t) };
}

describe('downloadAggTradeBars (fake Binance aggTrades)', () => {
  it('pages by time window and fromId, and builds the same bars as the trades themselves', async () => {
    const trades = tape();
    const r = rig(trades);
    const got = await downloadAggTradeBars(r.options());
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.trades).toBe(2_510);
    expect(got.value.requests).toBe(5);
    // Hour 0: a window, then two fromId pages; hours 1 and 2: one window each.
    expect(r.fake.seen.map((q) => (q.includes('fromId') ? 'id' : 'time'))).toEqual([
      'time',
      'id',
      'id',
      'time',
      'time',
    ]);
    expect(r.fake.seen[0]).toBe(`symbol=BTCUSDT&limit=1000&startTime=${T0}&endTime=${T0 + H - 1}`);
    // Two references: the CSV path, and the grouping written in this test.
    const csv = trades.map((t) => `${t.T},${t.p},${t.q}`).join('\n');
    const ref = candlesFromTradeCsv(csv, {
      fileName: 'x',
      symbol: 'BTCUSDT',
      interval: '1h',
      intervalMs: H,
    });
    if (!ref.ok) throw new Error(ref.error);
    const a = got.value.candles;
    expect(a.symbol).toBe('BTCUSDT');
    expect(Array.from(a.time)).toEqual([T0, T0 + 2 * H]);
    expect(rows(a)).toEqual(rows(ref.value.candles));
    expectSameBars(a, referenceBars(trades, H, T0, T0 + 3 * H));
    // The hour without trades is a gap, reported.
    expect(got.value.gaps).toHaveLength(1);
    expect(r.sleeps).toEqual([]);
  });

  it('fetches whole bars only: the first from its open, none that is not closed yet', async () => {
    const trades = randomTape(7, 6);
    const r = rig(trades);
    // Asked from 00:30; now is 04:10, so the 03:00–04:00 bar is the last whole one.
    r.setClock(T0 + 4 * H + 10 * M);
    const got = await downloadAggTradeBars(
      r.options({ startMs: T0 + 30 * M, endMs: T0 + 6 * H, interval: '1h' }),
    );
    if (!got.ok) throw new Error(got.error.message);
    expect(r.fake.seen[0]).toContain(`startTime=${T0}&`);
    const windows = r.fake.seen.filter((q) => q.includes('startTime'));
    expect(windows).toHaveLength(4);
    expect(windows.at(-1)).toContain(`endTime=${T0 + 4 * H - 1}`);
    // Bar 00:00 opens before startMs: fetched whole, but not in the range.
    expectSameBars(got.value.candles, referenceBars(trades, H, T0 + H, T0 + 4 * H));
    // 5 s after 04:00 the 03:00 bar is not settled yet (its last trades may still come in).
    const early = rig(trades);
    early.setClock(T0 + 4 * H + 5_000);
    const settling = await downloadAggTradeBars(
      early.options({ startMs: T0, endMs: T0 + 6 * H, interval: '1h' }),
    );
    if (!settling.ok) throw new Error(settling.error.message);
    expect(settling.value.candles.time.at(-1)).toBe(T0 + 2 * H);
  });

  it('retries a 5xx, a dropped connection and a 429 with Retry-After, then succeeds', async () => {
    const trades = tape();
    const faults: Record<number, KlinesFault> = {
      0: { kind: 'status', status: 502 },
      1: { kind: 'drop' },
      3: { kind: 'status', status: 429, retryAfterS: 7 },
    };
    const r = rig(trades, (n) => faults[n]);
    const got = await downloadAggTradeBars(r.options());
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.trades).toBe(2_510);
    expect(got.value.requests).toBe(8);
    // Backoff 1 s then 2 s for the two failures; the 429 waits its 7 s.
    expect(r.sleeps).toEqual([1000, 2000, 7000]);
    expectSameBars(got.value.candles, referenceBars(trades, H, T0, T0 + 3 * H));
  });

  it('gives up after the retries with a clear error, and never sends a refused request twice', async () => {
    const r = rig(tape(), () => ({ kind: 'status', status: 503 }));
    const got = await downloadAggTradeBars(r.options({ maxRetries: 2 }));
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.error.code).toBe('unavailable');
    expect(got.error.message).toMatch(/\/api\/v3\/aggTrades\?.*HTTP 503 .*after 3 attempts$/);
    const refused = rig(tape());
    const bad = await downloadAggTradeBars(refused.options({ symbol: 'NOPE' }));
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: expect.stringMatching(/HTTP 400 Binance error -1121: Invalid symbol\.$/),
      },
    });
    expect(refused.fake.seen).toHaveLength(1);
  });

  it('keeps within the weight budget: waits for the next minute rather than exceed it', async () => {
    const r = rig(tape());
    r.setClock(T0 + 1000 * H + 10_000);
    // 8 weight a minute, 4 a request: two requests, then a wait to the next minute (+1 s margin).
    const got = await downloadAggTradeBars(r.options({ weightBudget: 8 }));
    expect(got.ok).toBe(true);
    expect(r.sleeps).toEqual([51_000, 60_000]);
  });

  it('refuses malformed replies with the request and the reason', async () => {
    const cases: [string, RegExp][] = [
      ['{"code":0}', /not an array of trades$/],
      ['[{"a":1,"p":"1","q":"1"}]', /trade 0: time "T" is not an integer$/],
      ['[{"a":1,"p":1,"q":"1","T":5}]', /trade 0: price "p" and qty "q" must be strings$/],
      [
        `[{"a":2,"p":"1","q":"1","T":${T0}},{"a":2,"p":"1","q":"1","T":${T0}}]`,
        /id 2 is not after 2$/,
      ],
      [`[{"a":1,"p":"-3","q":"1","T":${T0}}]`, /trade 1: .*price -3 is not > 0$/],
      ['<html>', /not JSON: "<html>"$/],
    ];
    for (const [body, message] of cases) {
      const r = rig([], () => ({ kind: 'body', body }));
      const got = await downloadAggTradeBars(r.options());
      expect(got.ok, body).toBe(false);
      if (got.ok) continue;
      expect(got.error.code, body).toBe('malformed');
      expect(got.error.message, body).toMatch(/^GET http:\/\/fake\/api\/v3\/aggTrades\?/);
      expect(got.error.message, body).toMatch(message);
    }
    const bad = rig([]);
    for (const o of [
      { symbol: 'BTC USDT' },
      { startMs: T0, endMs: T0 },
      { intervalMs: 500 },
      { startMs: 0.5 },
    ]) {
      const got = await downloadAggTradeBars(bad.options(o));
      expect(got.ok ? 'ok' : got.error.code, JSON.stringify(o)).toBe('bad_request');
    }
    expect(bad.fake.seen).toEqual([]);
  });

  it('stops when cancelled, and a second run resumes from the cache with the same bars', async () => {
    const trades = randomTape(11, 8);
    const r = rig(trades);
    const controller = new AbortController();
    const all = { startMs: T0, endMs: T0 + 8 * H, interval: '5m', intervalMs: 5 * M };
    const first = await downloadAggTradeBars(
      r.options({
        ...all,
        cache: r.cache,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.doneMs >= 3 * H) controller.abort();
        },
      }),
    );
    expect(first.ok ? 'ok' : first.error.code).toBe('cancelled');
    const cached = await r.cache.get('BTCUSDT', '5m');
    expect(cached?.time[(cached?.length ?? 1) - 1]).toBeLessThan(T0 + 3 * H);
    const before = r.fake.seen.length;
    const second = await downloadAggTradeBars(r.options({ ...all, cache: r.cache }));
    if (!second.ok) throw new Error(second.error.message);
    // Only the windows after the cached bars were asked for.
    const asked = r.fake.seen.slice(before).filter((q) => q.includes('startTime'));
    expect(asked[0]).toMatch(new RegExp(`startTime=${(cached?.time.at(-1) ?? 0) + 5 * M}&`));
    expect(second.value.cachedBars).toBe(cached?.length);
    expectSameBars(second.value.candles, referenceBars(trades, 5 * M, T0, T0 + 8 * H));
    // A third run needs no request at all.
    const n = r.fake.seen.length;
    const third = await downloadAggTradeBars(r.options({ ...all, cache: r.cache }));
    if (!third.ok) throw new Error(third.error.message);
    expect(r.fake.seen.length).toBe(n);
    expect(rows(third.value.candles)).toEqual(rows(second.value.candles));
  });

  it('any sequence of ranges through one cache gives the bars of a fresh download', async () => {
    const trades = randomTape(3, 12);
    const steps = [M, 5 * M, 15 * M, H, 2 * H];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...steps),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 12 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (step, ranges) => {
          const r = rig(trades);
          for (const [a, len] of ranges) {
            const startMs = T0 + a * H;
            const endMs = Math.min(T0 + 12 * H, startMs + len * H);
            if (endMs <= startMs) continue;
            const got = await downloadAggTradeBars(
              r.options({
                startMs,
                endMs,
                interval: `${step / M}m`,
                intervalMs: step,
                cache: r.cache,
              }),
            );
            if (!got.ok) throw new Error(got.error.message);
            expectSameBars(got.value.candles, referenceBars(trades, step, startMs, endMs));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports a failing cache as a cache error', async () => {
    const r = rig(tape());
    const broken = {
      get: async () => null,
      put: async () => {
        throw new Error('quota exceeded');
      },
      append: async () => undefined,
    };
    const got = await downloadAggTradeBars(r.options({ cache: broken }));
    expect(got).toEqual({
      ok: false,
      error: { code: 'cache', message: 'cache store BTCUSDT 1h: quota exceeded' },
    });
  });
});
