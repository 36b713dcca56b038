import { describe, expect, it } from 'vitest';
import { downloadAggTradeBars } from './binance-agg-trades';
import { type FakeAggTrade, fakeAggTrades } from './testing/fake-agg-trades';
import { candlesFromTradeCsv } from './trade-csv';

const H = 3_600_000;
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

describe('downloadAggTradeBars (fake Binance aggTrades)', () => {
  it('pages by time window and fromId, and builds the same bars as the trades themselves', async () => {
    const trades = tape();
    const fake = fakeAggTrades(trades);
    const r = await downloadAggTradeBars({
      symbol: 'btcusdt',
      interval: '1h',
      intervalMs: H,
      startMs: T0,
      endMs: T0 + 3 * H,
      baseUrl: 'http://fake/',
      http: fake.http,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.trades).toBe(2_510);
    // Hour 0: a window, then two fromId pages; hours 1 and 2: one window each.
    expect(fake.seen.map((q) => (q.includes('fromId') ? 'id' : 'time'))).toEqual([
      'time',
      'id',
      'id',
      'time',
      'time',
    ]);
    // The reference: the same trades through the CSV path.
    const csv = trades.map((t) => `${t.T},${t.p},${t.q}`).join('\n');
    const ref = candlesFromTradeCsv(csv, {
      fileName: 'x',
      symbol: 'BTCUSDT',
      interval: '1h',
      intervalMs: H,
    });
    if (!ref.ok) throw new Error(ref.error);
    const a = r.value.candles;
    const b = ref.value.candles;
    expect(a.symbol).toBe('BTCUSDT');
    expect(Array.from(a.time)).toEqual([T0, T0 + 2 * H]);
    for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
      expect(Array.from(a[col]), col).toEqual(Array.from(b[col]));
  });

  it('reports an HTTP error or a malformed reply in one line', async () => {
    const base = { symbol: 'BTCUSDT', interval: '1h', intervalMs: H, startMs: T0, endMs: T0 + H };
    const status = await downloadAggTradeBars({
      ...base,
      http: async () => ({ status: 418, headers: {}, body: 'teapot' }),
    });
    expect(status).toEqual({ ok: false, error: 'aggTrades BTCUSDT: HTTP 418: teapot' });
    const bad = await downloadAggTradeBars({
      ...base,
      http: async () => ({ status: 200, headers: {}, body: '[{"a":1}]' }),
    });
    expect(bad).toEqual({ ok: false, error: 'aggTrades BTCUSDT: malformed reply' });
    expect(
      (await downloadAggTradeBars({ ...base, endMs: T0, http: fakeAggTrades([]).http })).ok,
    ).toBe(false);
  });
});
