import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symbolId, timestampMs } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import { encodeMarketUpdatesNdjson, parseMarketUpdatesNdjson } from './recorded-updates';

const S = symbolId('BTCUSDT');
const ts = timestampMs;
const SAMPLE: MarketUpdate[] = [
  { kind: 'status', symbol: null, status: 'connected', message: 'connected', ts: ts(1) },
  {
    kind: 'depth',
    symbol: S,
    reset: true,
    bids: [100, 1, 99, 2],
    asks: [101, 3],
    firstUpdateId: 7,
    lastUpdateId: 7,
    ts: ts(2),
  },
  {
    kind: 'depth',
    symbol: S,
    reset: false,
    bids: [100, 0],
    asks: [],
    firstUpdateId: 8,
    lastUpdateId: 9,
    ts: ts(3),
  },
  { kind: 'trade', symbol: S, price: 100.5, qty: 0.25, side: 'SELL', ts: ts(3) },
  {
    kind: 'book_ticker',
    symbol: S,
    bidPrice: 99,
    bidQty: 2,
    askPrice: 101,
    askQty: 3,
    updateId: 9,
    ts: ts(4),
  },
  {
    kind: 'kline',
    symbol: S,
    interval: '1m',
    bar: { time: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
    closed: true,
    ts: ts(59_999),
  },
];

describe('recorded updates (NDJSON)', () => {
  it('round-trips every kind of update', () => {
    const text = encodeMarketUpdatesNdjson(SAMPLE);
    expect(text.split('\n')).toHaveLength(SAMPLE.length + 1);
    expect(parseMarketUpdatesNdjson(`${text}\n\n`)).toEqual({ ok: true, value: SAMPLE });
  });

  it('names the line and field of a bad record', () => {
    const e = (text: string) => {
      const r = parseMarketUpdatesNdjson(text);
      return r.ok ? 'parsed' : r.error;
    };
    const line = (u: unknown) => JSON.stringify(u);
    expect(e(`${line(SAMPLE[0])}\n{oops`)).toBe('line 2: not JSON: {oops');
    expect(e(line({ ...SAMPLE[3], price: -1 }))).toBe(
      'line 1: price: Too small: expected number to be >0',
    );
    expect(e(line({ ...SAMPLE[1], bids: [100, 1, 99] }))).toBe(
      'line 1: bids: odd length 3: expected [price, qty] pairs',
    );
    expect(e(line({ ...SAMPLE[1], asks: [101, -3] }))).toBe('line 1: asks.1: qty -3 is not ≥ 0');
    expect(e(line({ ...SAMPLE[3], kind: 'quote' }))).toBe(
      "line 1: kind: Invalid discriminator value. Expected 'trade' | 'book_ticker' | 'depth' | 'kline' | 'status'",
    );
    expect(e(line({ ...SAMPLE[3], symbol: 'btc' }))).toBe(
      'line 1: symbol: expected an upper-case symbol',
    );
  });

  it('never throws on mutated recordings (seeded fuzz)', () => {
    const text = encodeMarketUpdatesNdjson(SAMPLE);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 3 })), { maxLength: 5 }),
        (muts) => {
          let t = text;
          for (const [at, len, ins] of muts) {
            const i = at % (t.length + 1);
            t = t.slice(0, i) + ins + t.slice(i + len);
          }
          const r = parseMarketUpdatesNdjson(t);
          if (!r.ok) expect(r.error).toMatch(/^line \d+: ./);
        },
      ),
      { seed: 20_250_613, numRuns: 2000 },
    );
  });
});
