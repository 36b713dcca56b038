import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CandleBuilder, type Candles, MemoryKlineCache } from '../../../engine-core/src/market';
import { createFakeKlinesHttp } from '../../../engine-core/src/market/testing/fake-binance-replies';
import {
  BINANCE_BASE_URL_KEY,
  binanceBaseUrl,
  checkDownloadForm,
  DEFAULT_BINANCE_BASE_URL,
  type DownloadDeps,
  type DownloadRequest,
  describeDownloadError,
  downloadDataset,
  MAX_DOWNLOAD_BARS,
} from './binance-download';
import { closeDatasetDb, DATASET_DB, listDatasets, loadCandles } from './dataset-store';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2024, 0, 1);

function source(days: number): Candles {
  const b = new CandleBuilder();
  for (let i = 0; i < days * 24; i++) {
    if (i === 100) continue; // an exchange outage
    const o = 100 + (i % 11);
    b.push(T0 + i * H, o, o + 1, o - 1, o + 0.5, i);
  }
  return b.build('BTCUSDT', '1h', H);
}

const storage = (v: string | null) => ({
  getItem: (k: string) => (k === BINANCE_BASE_URL_KEY ? v : null),
});

afterEach(async () => {
  await closeDatasetDb();
  indexedDB.deleteDatabase(DATASET_DB);
});

describe('binanceBaseUrl', () => {
  it('takes an http(s) override from storage, else Binance', () => {
    expect(binanceBaseUrl(storage(null))).toBe(DEFAULT_BINANCE_BASE_URL);
    expect(binanceBaseUrl(storage('http://127.0.0.1:9999/'))).toBe('http://127.0.0.1:9999');
    expect(binanceBaseUrl(storage('  https://testnet.binance.vision '))).toBe(
      'https://testnet.binance.vision',
    );
    expect(binanceBaseUrl(storage('javascript:alert(1)'))).toBe(DEFAULT_BINANCE_BASE_URL);
    expect(binanceBaseUrl(storage(''))).toBe(DEFAULT_BINANCE_BASE_URL);
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
    };
    expect(binanceBaseUrl(throwing)).toBe(DEFAULT_BINANCE_BASE_URL);
    expect(binanceBaseUrl(undefined)).toBe(DEFAULT_BINANCE_BASE_URL);
  });
});

describe('checkDownloadForm', () => {
  const now = T0 + 10 * DAY + 30 * 60_000; // 2024-01-11 00:30
  const form = { symbol: ' btcusdt ', interval: '1h', fromDay: '2024-01-01', toDay: '2024-01-02' };

  it('turns the form into a range of whole UTC days, To inclusive', () => {
    expect(checkDownloadForm(form, now)).toEqual({
      ok: true,
      value: {
        symbol: 'BTCUSDT',
        interval: '1h',
        startMs: T0,
        endMs: T0 + 2 * DAY,
        expectedBars: 48,
      },
    });
  });

  it('counts only the bars closed at now', () => {
    const r = checkDownloadForm({ ...form, toDay: '2024-01-11' }, now);
    expect(r.ok && r.value.expectedBars).toBe(240);
  });

  it('names the field in each refusal', () => {
    const bad = (patch: Partial<typeof form>) => {
      const r = checkDownloadForm({ ...form, ...patch }, now);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad({ symbol: 'BTC/USDT' })).toMatch(/^Symbol:/);
    expect(bad({ interval: '1M' })).toMatch(/^Interval: "1M"/);
    expect(bad({ fromDay: '' })).toBe('From: pick a date.');
    expect(bad({ toDay: '2024-02-30' })).toBe('To: pick a date.');
    expect(bad({ fromDay: '2024-01-03' })).toBe('To is before From.');
    expect(bad({ fromDay: '2024-01-11', toDay: '2024-01-12' })).toMatch(/No closed 1h bar/);
    const huge = bad({ interval: '1s', fromDay: '2023-01-01', toDay: '2024-01-01' });
    expect(huge).toContain(MAX_DOWNLOAD_BARS.toLocaleString('en-US'));
  });
});

describe('downloadDataset', () => {
  const src = source(5);
  const now = () => T0 + 6 * DAY;
  const req: DownloadRequest = {
    symbol: 'BTCUSDT',
    interval: '1h',
    startMs: T0 + DAY,
    endMs: T0 + 3 * DAY,
    expectedBars: 48,
  };
  const deps = (o: Partial<DownloadDeps> = {}): DownloadDeps => ({
    http: createFakeKlinesHttp({ candles: src, now }).http,
    cache: new MemoryKlineCache(),
    baseUrl: DEFAULT_BINANCE_BASE_URL,
    now,
    sleep: async () => undefined,
    ...o,
  });

  it('downloads the range and stores it as a Binance dataset', async () => {
    const progress: number[] = [];
    const r = await downloadDataset(req, deps({ onProgress: (p) => progress.push(p.fetchedBars) }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.meta).toMatchObject({
      name: 'BTCUSDT 1h 2024-01-02 → 2024-01-03',
      symbol: 'BTCUSDT',
      interval: '1h',
      rows: 48,
      gaps: 0,
      source: 'binance',
      note: null,
    });
    expect(progress).toEqual([48]);
    const stored = await loadCandles(r.value.meta.id);
    expect(stored && Array.from(stored.time)).toEqual(
      Array.from({ length: 48 }, (_, i) => T0 + DAY + i * H),
    );
    expect((await listDatasets()).map((d) => d.id)).toEqual([r.value.meta.id]);
  });

  it('notes exchange outages as gaps', async () => {
    const r = await downloadDataset({ ...req, startMs: T0 + 4 * DAY, endMs: T0 + 5 * DAY }, deps());
    expect(r.ok && r.value.meta).toMatchObject({ rows: 23, gaps: 1 });
    expect(r.ok && r.value.meta.note).toMatch(/gaps/);
  });

  it('tells of each retried failure, then clears the notice', async () => {
    const notices: (string | null)[] = [];
    const http = createFakeKlinesHttp({
      candles: src,
      now,
      fault: (n) =>
        n === 0 ? { kind: 'drop' } : n === 1 ? { kind: 'status', status: 503 } : undefined,
    }).http;
    const r = await downloadDataset(req, deps({ http, onNotice: (n) => notices.push(n) }));
    expect(r.ok).toBe(true);
    expect(notices).toEqual([
      'No reply from api.binance.com (socket hang up); retrying…',
      'Binance answered HTTP 503; waiting, then retrying…',
      null,
    ]);
  });

  it('gives up after a few retries when there is no network', async () => {
    const sleeps: number[] = [];
    const http = async () => {
      throw new TypeError('Failed to fetch');
    };
    const r = await downloadDataset(req, deps({ http, sleep: async (ms) => void sleeps.push(ms) }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unavailable');
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(describeDownloadError(r.error)).toMatch(
      /^Binance could not be reached .*no reply \(Failed to fetch\), after 4 attempts$/,
    );
  });

  it('stops at once when cancelled, and resumes from the cache', async () => {
    const cache = new MemoryKlineCache();
    const controller = new AbortController();
    const seen: string[] = [];
    const fake = createFakeKlinesHttp({ candles: src, now });
    const http: DownloadDeps['http'] = async (url, init) => {
      seen.push(url);
      const reply = await fake.http(url, init);
      if (seen.length === 1) controller.abort();
      return reply;
    };
    const big = { ...req, startMs: T0, endMs: T0 + 5 * DAY, expectedBars: 120 };
    const first = await downloadDataset(big, deps({ http, cache, signal: controller.signal }));
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.code).toBe('cancelled');
    expect(describeDownloadError(first.error)).toMatch(/^Download cancelled/);
    expect((await listDatasets()).length).toBe(0);
    const again = await downloadDataset(big, deps({ cache }));
    expect(again.ok && again.value.meta.rows).toBe(119);
  });

  it('says so when Binance has no bars in the range', async () => {
    const r = await downloadDataset({ ...req, startMs: T0 - 3 * DAY, endMs: T0 - DAY }, deps());
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'Binance has no BTCUSDT 1h bars from 2023-12-29 to 2023-12-30 (listed later?).',
      },
    });
  });

  it('passes on Binance refusals plainly', async () => {
    const r = await downloadDataset({ ...req, symbol: 'NOPEUSDT' }, deps());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(describeDownloadError(r.error)).toMatch(
      /^Binance refused the request: .*HTTP 400 Binance error -1121: Invalid symbol\.$/,
    );
  });
});
