import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { candlesFromTradeCsv, MemoryKlineCache } from '../../../engine-core/src/market';
import {
  type FakeAggTrade,
  fakeAggTrades,
} from '../../../engine-core/src/market/testing/fake-agg-trades';
import { DEFAULT_BINANCE_BASE_URL } from './binance-download';
import {
  checkTradeDownloadForm,
  downloadTradeDataset,
  MAX_TRADE_DOWNLOAD_DAYS,
  type TradeDownloadDeps,
  type TradeDownloadRequest,
} from './binance-trade-download';
import { closeDatasetDb, DATASET_DB, loadCandles } from './dataset-store';
import { IdbKlineCache } from './idb-kline-cache';

const M = 60_000;
const H = 60 * M;
const DAY = 24 * H;
const T0 = Date.UTC(2024, 0, 1);

/** A trade every 7 s for 6 hours, none in hour 3 (a gap), prices on a zigzag. */
function tape(): FakeAggTrade[] {
  const out: FakeAggTrade[] = [];
  for (let t = T0; t < T0 + 6 * H; t += 7_000) {
    if (t >= T0 + 3 * H && t < T0 + 4 * H) continue;
    const i = out.length;
    out.push({ a: 1_000 + i, p: (100 + ((i * 37) % 23) / 10).toFixed(1), q: '0.25', T: t });
  }
  return out;
}

afterEach(async () => {
  await closeDatasetDb();
  indexedDB.deleteDatabase(DATASET_DB);
});

describe('checkTradeDownloadForm', () => {
  const now = T0 + 40 * DAY;
  const form = { symbol: 'ethusdt', interval: '1m', fromDay: '2024-01-01', toDay: '2024-01-02' };

  it('takes whole UTC days and counts the hour windows to ask for', () => {
    expect(checkTradeDownloadForm(form, now)).toEqual({
      ok: true,
      value: {
        symbol: 'ETHUSDT',
        interval: '1m',
        intervalMs: M,
        startMs: T0,
        endMs: T0 + 2 * DAY,
        windows: 48,
      },
    });
    // Only the time up to now can have trades.
    const today = checkTradeDownloadForm(form, T0 + DAY + 90 * M);
    expect(today.ok && today.value.windows).toBe(26);
  });

  it('refuses a range longer than a month, and what the klines form refuses', () => {
    const bad = (patch: Partial<typeof form>) => {
      const r = checkTradeDownloadForm({ ...form, ...patch }, now);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad({ toDay: '2024-01-31' })).toBe('ok');
    expect(bad({ toDay: '2024-02-01' })).toMatch(
      new RegExp(`^Trades: 32 days is more than ${MAX_TRADE_DOWNLOAD_DAYS};`),
    );
    expect(bad({ symbol: 'ETH-USDT' })).toMatch(/^Symbol:/);
    expect(bad({ fromDay: '2024-01-05' })).toBe('To is before From.');
  });
});

describe('downloadTradeDataset', () => {
  const trades = tape();
  const req: TradeDownloadRequest = {
    symbol: 'ETHUSDT',
    interval: '15m',
    intervalMs: 15 * M,
    startMs: T0,
    endMs: T0 + DAY,
    windows: 24,
  };
  const deps = (o: Partial<TradeDownloadDeps> = {}): TradeDownloadDeps => ({
    http: fakeAggTrades(trades).http,
    cache: new MemoryKlineCache(),
    baseUrl: DEFAULT_BINANCE_BASE_URL,
    now: () => T0 + 2 * DAY,
    sleep: async () => undefined,
    ...o,
  });

  it('stores the bars of the trades as a Binance dataset, named and noted as made from trades', async () => {
    const r = await downloadTradeDataset(req, deps());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.meta).toMatchObject({
      name: 'ETHUSDT 15m from trades 2024-01-01 → 2024-01-01',
      symbol: 'ETHUSDT',
      interval: '15m',
      rows: 20,
      gaps: 1,
      source: 'binance',
      note: 'bars made from aggTrades; intervals without a trade are gaps, not filled',
    });
    expect(r.value.result.trades).toBe(trades.length);
    // The same trades through the CSV path give the same bars.
    const ref = candlesFromTradeCsv(trades.map((t) => `${t.T},${t.p},${t.q}`).join('\n'), {
      fileName: 't.csv',
      symbol: 'ETHUSDT',
      interval: '15m',
      intervalMs: 15 * M,
    });
    if (!ref.ok) throw new Error(ref.error);
    const stored = await loadCandles(r.value.meta.id);
    for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
      expect(Array.from(stored?.[col] ?? []), col).toEqual(Array.from(ref.value.candles[col]));
  });

  it('resumes a cancelled download from the IndexedDB trade-bar cache', async () => {
    const cache = new IdbKlineCache('test-trade-bars');
    const fake = fakeAggTrades(trades);
    const controller = new AbortController();
    const first = await downloadTradeDataset(
      req,
      deps({
        http: fake.http,
        cache,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.doneMs >= 2 * H) controller.abort();
        },
      }),
    );
    expect(first.ok ? 'ok' : first.error.code).toBe('cancelled');
    const asked = fake.seen.length;
    const second = await downloadTradeDataset(req, deps({ http: fake.http, cache }));
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.result.cachedBars).toBe(8);
    // The two cached hours are not asked for again.
    expect(fake.seen.slice(asked).filter((q) => q.includes('startTime'))[0]).toContain(
      `startTime=${T0 + 2 * H}&`,
    );
    expect(second.value.meta.rows).toBe(20);
    await cache.close();
  });

  it('tells of retried failures, and says so when there is no trade in the range', async () => {
    const notices: (string | null)[] = [];
    const http = fakeAggTrades(trades, (n) =>
      n === 0 ? { kind: 'status', status: 502 } : undefined,
    ).http;
    const r = await downloadTradeDataset(req, deps({ http, onNotice: (n) => notices.push(n) }));
    expect(r.ok).toBe(true);
    expect(notices[0]).toBe('Binance answered HTTP 502; waiting, then retrying…');
    expect(notices.at(-1)).toBeNull();
    const empty = await downloadTradeDataset(
      { ...req, startMs: T0 + 10 * DAY, endMs: T0 + 11 * DAY },
      deps(),
    );
    expect(empty).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'Binance has no ETHUSDT trades from 2024-01-11 to 2024-01-11 (listed later?).',
      },
    });
  });
});
