import { describe, expect, it } from 'vitest';
import type { Result } from '../util/result';
import type { DownloadKlinesOptions, DownloadResult } from './binance-klines';
import { downloadKlines } from './binance-klines';
import { CandleBuilder } from './candle-builder';
import { type Candles, sliceCandles, sliceCandlesByTime } from './candles';
import type { AbortSignalLike } from './http-get';
import type { DownloadError } from './kline-requester';
import { MemoryKlineCache } from './memory-kline-cache';
import { createFakeKlinesHttp, type KlinesFault } from './testing/fake-binance-replies';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const N = 3_600;

/** 3 600 hourly bars from T0 with a 10-bar outage after bar 1 500 (3 590 bars). */
function source(): Candles {
  const b = new CandleBuilder();
  for (let i = 0; i < N; i++) {
    if (i > 1500 && i <= 1510) continue;
    const o = 100 + (i % 50) * 0.25;
    b.push(T0 + i * H, o, o + 1.5, o - 1.25, o + 0.5, i / 8);
  }
  return b.build('BTCUSDT', '1h', H);
}

const SRC = source();
const END = T0 + N * H;

/** A minimal AbortController (engine-core has no DOM types). */
function abortSwitch(): AbortSignalLike & { abort(): void } {
  const listeners = new Set<() => void>();
  const s = {
    aborted: false,
    addEventListener: (_: 'abort', l: () => void) => listeners.add(l),
    removeEventListener: (_: 'abort', l: () => void) => listeners.delete(l),
    abort() {
      s.aborted = true;
      for (const l of [...listeners]) l();
    },
  };
  return s;
}

/** A test rig: fake clock (sleep advances it), fake exchange, memory cache. */
function rig(fault?: (n: number, url: string) => KlinesFault | undefined, otherWeight = 0) {
  let clock = END + 5 * H;
  const sleeps: number[] = [];
  const now = () => clock;
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  };
  const cache = new MemoryKlineCache();
  const fake = createFakeKlinesHttp({ candles: SRC, now, fault, otherWeight });
  const progress: number[] = [];
  const options = (o: Partial<DownloadKlinesOptions> = {}): DownloadKlinesOptions => ({
    symbol: 'btcusdt',
    interval: '1h',
    startMs: T0,
    endMs: END,
    http: fake.http,
    sleep,
    now,
    cache,
    onProgress: (p) => progress.push(p.fetchedBars),
    ...o,
  });
  return {
    sleeps,
    cache,
    seen: fake.seen,
    progress,
    options,
    setClock: (t: number) => (clock = t),
  };
}

function value(r: Result<DownloadResult, DownloadError>): DownloadResult {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function expectSame(a: Candles, b: Candles): void {
  expect(a.length).toBe(b.length);
  for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(a[col])).toEqual(Array.from(b[col]));
  }
}

describe('downloadKlines', () => {
  it('pages 1000 bars a request, forward, and reports the outage as a gap', async () => {
    const r = rig();
    const got = value(await downloadKlines(r.options()));
    expectSame(got.candles, SRC);
    expect(got.gaps).toEqual([
      { afterTime: T0 + 1500 * H, beforeTime: T0 + 1511 * H, missingBars: 10 },
    ]);
    expect(got.requests).toBe(4);
    expect(got.fetchedBars).toBe(SRC.length);
    expect(r.seen.map((q) => q.query.limit)).toEqual(['1000', '1000', '1000', '1000']);
    expect(r.seen.map((q) => Number(q.query.startTime))).toEqual([
      T0,
      T0 + 1000 * H,
      T0 + 2010 * H, // the page after the outage holds 990 + 10 missing
      T0 + 3010 * H,
    ]);
    expect(r.progress).toEqual([1000, 2000, 3000, 3590]);
    expectSame((await r.cache.get('BTCUSDT', '1h')) ?? SRC, SRC);
    expect(r.sleeps).toEqual([]);
  });

  it('serves a range inside the cache without any request', async () => {
    const r = rig();
    value(await downloadKlines(r.options()));
    const again = value(
      await downloadKlines(r.options({ startMs: T0 + 100 * H, endMs: T0 + 200 * H })),
    );
    expect(r.seen).toHaveLength(4);
    expect(again.requests).toBe(0);
    expect(again.cachedBars).toBe(100);
    expectSame(again.candles, sliceCandles(SRC, 100, 200));
  });

  it('resumes after a failure mid-way, fetching only what is missing', async () => {
    const broken = rig((n) => (n >= 2 ? { kind: 'drop' } : undefined));
    const failed = await downloadKlines(broken.options({ maxRetries: 2 }));
    expect(failed).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringMatching(
          /startTime=\d+.*: no reply \(socket hang up\), after 3 attempts$/,
        ),
      },
    });
    expect(broken.sleeps).toEqual([1000, 2000]);
    const cached = await broken.cache.get('BTCUSDT', '1h');
    expect(cached?.length).toBe(2000);

    // The same cache, a healthy exchange: only the last two pages are fetched.
    const healthy = rig();
    const got = value(await downloadKlines({ ...healthy.options(), cache: broken.cache }));
    expect(healthy.seen.map((q) => Number(q.query.startTime))).toEqual([
      T0 + 2010 * H,
      T0 + 3010 * H,
    ]);
    expect(got.fetchedBars).toBe(1590);
    expect(got.cachedBars).toBe(2000);
    expectSame(got.candles, SRC);
  });

  it('fetches bars before the cached ones backwards, keeping the cache contiguous', async () => {
    const r = rig();
    value(await downloadKlines(r.options({ startMs: T0 + 2500 * H })));
    r.seen.length = 0;
    const got = value(await downloadKlines(r.options()));
    expectSame(got.candles, SRC);
    // A probe from the start, then pages ending at the cached start, newest first.
    expect(r.seen.map((q) => [Number(q.query.startTime), Number(q.query.endTime)])).toEqual([
      [T0, T0 + 2500 * H - 1],
      [T0 + 1500 * H, T0 + 2500 * H - 1],
      [T0 + 500 * H, T0 + 1500 * H - 1],
      [T0, T0 + 500 * H - 1],
    ]);
    expectSame((await r.cache.get('BTCUSDT', '1h')) ?? SRC, SRC);
  });

  it('resumes an interrupted backward fetch with a contiguous cache', async () => {
    // Requests: 0–1 the first run; 2 the probe, 3 and 4 backward pages (4 fails).
    const r = rig((n) => (n === 4 ? { kind: 'drop' } : undefined));
    value(await downloadKlines(r.options({ startMs: T0 + 2500 * H })));
    const failed = await downloadKlines(r.options({ maxRetries: 0 }));
    expect(failed.ok ? null : failed.error.code).toBe('unavailable');
    const cached = (await r.cache.get('BTCUSDT', '1h')) ?? SRC;
    expect(cached.time[0]).toBe(T0 + 1500 * H);
    expectSame(cached, sliceCandlesByTime(SRC, T0 + 1500 * H, END));
    const got = value(await downloadKlines(r.options()));
    expectSame(got.candles, SRC);
    expect(got.fetchedBars).toBe(1500);
  });

  it('replaces the cache for a range that does not touch it', async () => {
    const r = rig();
    value(await downloadKlines(r.options({ startMs: T0 + 3000 * H })));
    const got = value(await downloadKlines(r.options({ endMs: T0 + 100 * H })));
    expectSame(got.candles, sliceCandles(SRC, 0, 100));
    expectSame((await r.cache.get('BTCUSDT', '1h')) ?? SRC, sliceCandles(SRC, 0, 100));
  });

  it('never fetches bars that have not closed at now()', async () => {
    const r = rig();
    r.setClock(T0 + 10 * H + 30 * 60_000); // 10:30: the 10:00 bar is still open
    const got = value(await downloadKlines(r.options()));
    expect(got.candles.length).toBe(10);
    expect(r.seen[0]?.query.endTime).toBe(String(T0 + 9 * H + 30 * 60_000));
  });

  it('honours 429 Retry-After, and gives up on a longer 418 ban', async () => {
    const r = rig((n) => (n === 1 ? { kind: 'status', status: 429, retryAfterS: 7 } : undefined));
    value(await downloadKlines(r.options()));
    expect(r.sleeps).toEqual([7000]);
    expect(r.seen).toHaveLength(5);
    const banned = rig((n) =>
      n === 0 ? { kind: 'status', status: 418, retryAfterS: 7200 } : undefined,
    );
    const res = await downloadKlines(banned.options());
    expect(res.ok ? null : res.error.code).toBe('rate_limited');
    expect(res.ok ? '' : res.error.message).toMatch(
      /: HTTP 418 \(IP banned\), Retry-After 7200 s is longer than the 600 s allowed$/,
    );
  });

  it('retries 5xx with doubling backoff', async () => {
    const r = rig((n) =>
      n === 0 || n === 1 ? { kind: 'status', status: 503, body: 'busy' } : undefined,
    );
    value(await downloadKlines(r.options()));
    expect(r.sleeps).toEqual([1000, 2000]);
  });

  it('stays within the weight budget, counting what the exchange reports', async () => {
    const r = rig(undefined, 995); // others used 995 of the minute's weight
    value(await downloadKlines(r.options({ weightBudget: 1000 })));
    // After 2 requests the exchange reports 999: the 3rd waits for the next minute + margin.
    expect(r.sleeps).toHaveLength(1);
    expect(r.sleeps[0]).toBeGreaterThan(1000);
    expect(r.sleeps[0]).toBeLessThanOrEqual(61_000);
  });

  it('refuses a malformed reply with a precise error', async () => {
    const bodies: [string, RegExp][] = [
      ['<html>oops</html>', /: reply is not JSON: "<html>oops<\/html>"$/],
      ['{"foo":1}', /: expected a JSON array of klines, got \{"foo":1\}$/],
      [`[[${T0},"1","2","0.5","1.5","3",${T0 + H - 1},"1",1,"1","1"]]`, /: item 0: .*; got \[/],
      [
        `[[${T0},"1","0.9","0.5","1","3",${T0 + H - 1},"1",1,"1","1","0"]]`,
        new RegExp(`: item 0 \\(open time ${T0}\\): high 0.9 < max\\(open, close\\) 1$`),
      ],
      [
        `[[${T0},"1","x2","0.5","1","3",${T0 + H - 1},"1",1,"1","1","0"]]`,
        /: item 0 high \("x2"\): expected a decimal string; got \[/,
      ],
      [
        `[[${T0},1,"2","0.5","1","3",${T0 + H - 1},"1",1,"1","1","0"]]`,
        /: item 0 open \(1\): expected a decimal string; got \[/,
      ],
      [
        `[[${T0 - H},"1","2","0.5","1","3",${T0 - 1},"1",1,"1","1","0"]]`,
        new RegExp(`: item 0: open time ${T0 - H} outside the requested ${T0}\\.\\.`),
      ],
      [
        `[[${T0 + 1},"1","2","0.5","1","3",${T0 + H - 1},"1",1,"1","1","0"]]`,
        new RegExp(`: item 0: open time ${T0 + 1} is not on the 1h grid$`),
      ],
      [
        `[[${T0},"1","2","0.5","1","3",${T0 + H},"1",1,"1","1","0"]]`,
        new RegExp(`: item 0: close time ${T0 + H} outside its bar ${T0}\\.\\.${T0 + H - 1}$`),
      ],
    ];
    for (const [body, message] of bodies) {
      const r = rig((n) => (n === 0 ? { kind: 'body', body } : undefined));
      const res = await downloadKlines(r.options());
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('malformed');
        expect(res.error.message).toMatch(
          /^GET https:\/\/api\.binance\.com\/api\/v3\/klines\?symbol=BTCUSDT&/,
        );
        expect(res.error.message).toMatch(message);
      }
    }
  });

  it('maps exchange 4xx answers and bad arguments to bad_request', async () => {
    const r = rig();
    const wrong = await downloadKlines(r.options({ symbol: 'ETHUSDT' }));
    expect(wrong.ok ? '' : wrong.error.message).toMatch(
      /: HTTP 400 Binance error -1121: Invalid symbol\.$/,
    );
    for (const o of [{ interval: '7m' }, { symbol: 'BTC USDT' }, { startMs: END, endMs: T0 }]) {
      const res = await downloadKlines(r.options(o));
      expect(res.ok ? null : res.error.code).toBe('bad_request');
    }
  });

  it('stops on abort: between pages, and during a Retry-After wait', async () => {
    const r = rig();
    const signal = abortSwitch();
    const res = await downloadKlines(
      r.options({
        signal,
        onProgress: (p) => (p.fetchedBars >= 2000 ? signal.abort() : undefined),
      }),
    );
    expect(res).toEqual({ ok: false, error: { code: 'cancelled', message: 'download cancelled' } });
    expect(r.seen).toHaveLength(2);
    expect((await r.cache.get('BTCUSDT', '1h'))?.length).toBe(2000);

    const waiting = rig((n) =>
      n === 0 ? { kind: 'status', status: 429, retryAfterS: 30 } : undefined,
    );
    const s2 = abortSwitch();
    let sleeping: (ms: number) => void = () => undefined;
    const asleep = new Promise<number>((resolve) => {
      sleeping = resolve;
    });
    const forever = (ms: number): Promise<void> => {
      sleeping(ms);
      return new Promise(() => undefined);
    };
    const pending = downloadKlines(waiting.options({ signal: s2, sleep: forever }));
    expect(await asleep).toBe(30_000);
    s2.abort();
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'download cancelled' },
    });
  });

  it('gives the cached slice when the range has no closed bar yet', async () => {
    const r = rig();
    r.setClock(T0 + 30 * 60_000);
    const got = value(await downloadKlines(r.options()));
    expect(got.candles.length).toBe(0);
    expect(r.seen).toHaveLength(0);
    expectSame(sliceCandlesByTime(SRC, 0, 0), got.candles);
  });
});
