// downloadKlines end to end: Node's fetch (node-http.ts) against the fake Binance on 127.0.0.1,
// with the file cache. The fake serves binance-btcusdt-1h.csv from ../shared/data when present
// (real outages included), else a synthetic series (with a visible note).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CandleBuilder,
  type Candles,
  type DownloadKlinesOptions,
  downloadKlines,
  lowerBound,
  parseCandleCsv,
  sliceCandles,
} from '../../../engine-core/src/market';
import { FileKlineCache } from './file-kline-cache';
import { createNodeHttpGet } from './node-http';
import { type FakeBinanceKlines, startFakeBinanceKlines } from './testing/fake-binance-klines';

const H = 3_600_000;
const DATA = new URL('../../../../shared/data/binance-btcusdt-1h.csv', import.meta.url);

function servedSeries(): Candles {
  if (existsSync(DATA)) {
    const r = parseCandleCsv(readFileSync(DATA, 'utf8'), { fileName: 'binance-btcusdt-1h.csv' });
    if (r.ok) return r.value.candles;
  }
  console.warn('NOTE: ../shared/data is absent: the fake Binance serves a synthetic series');
  const b = new CandleBuilder();
  const t0 = Date.UTC(2021, 3, 4, 20);
  for (let i = 0; i < 24_000; i++) {
    if (i > 370 && i <= 372) continue; // an outage, as in the real data
    const o = 50_000 + Math.sin(i / 50) * 1000;
    b.push(t0 + i * H, o, o + 120, o - 130, o + 10, 1000 + (i % 17));
  }
  return b.build('BTCUSDT', '1h', H);
}

const SRC = servedSeries();
// 3 500 bars from the start: four pages, with the April 2021 outages inside.
const START = SRC.time[0];
const END = START + 3500 * H;
const EXPECTED = sliceCandles(SRC, 0, lowerBound(SRC.time, END));

function expectSame(a: Candles, b: Candles): void {
  expect(a.length).toBe(b.length);
  for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(a[col])).toEqual(Array.from(b[col]));
  }
}

describe('downloadKlines over HTTP (fake Binance on 127.0.0.1)', () => {
  let fake: FakeBinanceKlines;
  let dir = '';
  let sleeps: number[] = [];
  let clock = 0;
  beforeAll(async () => {
    fake = await startFakeBinanceKlines({ candles: SRC });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'veloz-dl-'));
    sleeps = [];
    clock = Date.now();
    fake.seen.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const options = (o: Partial<DownloadKlinesOptions> = {}): DownloadKlinesOptions => ({
    symbol: 'BTCUSDT',
    interval: '1h',
    startMs: START,
    endMs: END,
    baseUrl: fake.baseUrl,
    http: createNodeHttpGet({ timeoutMs: 2000 }),
    // A virtual clock that sleeping moves forward: no real waiting in tests.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    cache: new FileKlineCache(dir, { onWarning: () => undefined }),
    ...o,
  });

  it('pages through ≥ 3 requests of ≤ 1000 bars and stores them as a canonical CSV', async () => {
    const progress: string[] = [];
    const r = await downloadKlines(
      options({ onProgress: (p) => progress.push(`${p.fetchedBars}/${p.expectedBars}`) }),
    );
    if (!r.ok) throw new Error(r.error.message);
    expectSame(r.value.candles, EXPECTED);
    expect(r.value.requests).toBe(4);
    expect(fake.seen.map((q) => q.query.limit)).toEqual(['1000', '1000', '1000', '1000']);
    expect(progress).toHaveLength(4);
    expect(progress.at(-1)).toBe(`${EXPECTED.length}/3500`);
    expect(r.value.gaps.length).toBeGreaterThan(0);
    const file = readFileSync(join(dir, 'BTCUSDT-1h.csv'), 'utf8');
    expect(file.startsWith('open_time_ms,open,high,low,close,volume\n')).toBe(true);
  });

  it('resumes after a dropped connection mid-way, fetching only the rest', async () => {
    // Two good pages, then the connection drops (no retries allowed).
    const cut = downloadKlines({
      ...options({ maxRetries: 0 }),
      onProgress: (p) => {
        if (p.fetchedBars >= 2000) fake.inject({ kind: 'drop' });
      },
    });
    const failed = await cut;
    expect(failed.ok ? null : failed.error.code).toBe('unavailable');
    expect(failed.ok ? '' : failed.error.message).toMatch(
      /no reply \(fetch failed: .*\), after 1 attempts$/,
    );
    const startsBefore = fake.seen.length;
    const again = await downloadKlines(options());
    if (!again.ok) throw new Error(again.error.message);
    expectSame(again.value.candles, EXPECTED);
    const resumedFrom = Number(fake.seen[startsBefore]?.query.startTime);
    expect(resumedFrom).toBeGreaterThan(START + 1999 * H);
    expect(again.value.requests).toBe(2);
    expect(again.value.fetchedBars).toBe(EXPECTED.length - 2000);
  });

  it('honours 429 Retry-After and retries a 500 and a dropped connection', async () => {
    fake.inject(
      { kind: 'status', status: 429, retryAfterS: 3 },
      { kind: 'status', status: 500, body: 'oops' },
      { kind: 'drop' },
    );
    const r = await downloadKlines(options({ endMs: START + 500 * H }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.candles.length).toBe(lowerBound(SRC.time, START + 500 * H));
    expect(sleeps).toEqual([3000, 1000, 2000]);
    expect(r.value.requests).toBe(4);
  });

  it('turns a malformed reply into a precise error', async () => {
    fake.inject({ kind: 'body', body: `[[${START},"1","2","0.5","1.5","3",${START + H - 1}]]` });
    const r = await downloadKlines(options());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('malformed');
      expect(r.error.message).toContain(`${fake.baseUrl}/api/v3/klines?symbol=BTCUSDT&interval=1h`);
      expect(r.error.message).toMatch(/: item 0: .*got \[/);
    }
  });

  it('cancels a request in flight through the AbortSignal', async () => {
    fake.inject({ kind: 'hang' });
    const controller = new AbortController();
    const pending = downloadKlines(options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const t = Date.now();
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'download cancelled' },
    });
    expect(Date.now() - t).toBeLessThan(1500);
  });

  it('node-http: times out, and the fake enforces limit ≤ 1000 with weight headers', async () => {
    const http = createNodeHttpGet();
    fake.inject({ kind: 'hang' });
    await expect(http(`${fake.baseUrl}/api/v3/klines`, { timeoutMs: 100 })).rejects.toThrow(
      'timeout after 100 ms',
    );
    const big = await http(
      `${fake.baseUrl}/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1001`,
      {},
    );
    expect(big.status).toBe(400);
    expect(JSON.parse(big.body)).toMatchObject({ code: -1130 });
    expect(Number(big.headers['x-mbx-used-weight-1m'])).toBeGreaterThan(0);
    const ok = await http(`${fake.baseUrl}/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3`, {});
    const rows = JSON.parse(ok.body) as unknown[][];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveLength(12);
    expect(typeof rows[0]?.[1]).toBe('string');
  });
});
