import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symbolId, timestampMs } from '../../model';
import type { MarketUpdate } from '../../venue/market-feed';
import { parseBinanceStreamMessage } from './parse-binance-stream';
import { parseDepthSnapshot } from './parse-depth-snapshot';
import {
  bookTickerJson,
  depthSnapshotJson,
  depthUpdateJson,
  envelope,
  klineJson,
  tradeJson,
} from './testing/binance-wire';

// Seeded, so that a failure reproduces.
const SEED = 20_250_612;

const symbol = fc.constantFrom('BTCUSDT', 'ETHBTC', 'BNB1000SATS');
const cents = fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 100);
const qty = fc.integer({ min: 0, max: 100_000_000 }).map((n) => n / 1e6);
const ms = fc.integer({ min: 0, max: 4_102_444_800_000 });
const levels = fc.array(fc.tuple(cents, qty), { maxLength: 30 }).map((l) => l.flat());

/** A valid message: its wire JSON object and what the parser must give. */
const message: fc.Arbitrary<{ data: Record<string, unknown>; expected: MarketUpdate }> = fc.oneof(
  fc
    .record({
      symbol,
      U: fc.integer({ min: 0, max: 1e12 }),
      n: fc.nat(50),
      E: ms,
      bids: levels,
      asks: levels,
    })
    .map((o) => ({
      data: depthUpdateJson({
        symbol: o.symbol,
        eventTime: o.E,
        U: o.U,
        u: o.U + o.n,
        bids: o.bids,
        asks: o.asks,
      }),
      expected: {
        kind: 'depth',
        symbol: symbolId(o.symbol),
        reset: false,
        bids: o.bids,
        asks: o.asks,
        firstUpdateId: o.U,
        lastUpdateId: o.U + o.n,
        ts: timestampMs(o.E),
      } as MarketUpdate,
    })),
  fc
    .record({
      symbol,
      id: fc.nat(),
      price: cents,
      qty: qty.filter((q) => q > 0),
      T: ms,
      m: fc.boolean(),
    })
    .map((o) => ({
      data: tradeJson({
        symbol: o.symbol,
        id: o.id,
        price: o.price,
        qty: o.qty,
        time: o.T,
        buyerIsMaker: o.m,
      }),
      expected: {
        kind: 'trade',
        symbol: symbolId(o.symbol),
        price: o.price,
        qty: o.qty,
        side: o.m ? 'SELL' : 'BUY',
        ts: timestampMs(o.T),
      } as MarketUpdate,
    })),
  fc.record({ symbol, u: fc.nat(), b: cents, B: qty, a: cents, A: qty }).map((o) => ({
    data: bookTickerJson({
      symbol: o.symbol,
      updateId: o.u,
      bidPrice: o.b,
      bidQty: o.B,
      askPrice: o.a,
      askQty: o.A,
    }),
    expected: {
      kind: 'book_ticker',
      symbol: symbolId(o.symbol),
      bidPrice: o.b,
      bidQty: o.B,
      askPrice: o.a,
      askQty: o.A,
      updateId: o.u,
      ts: timestampMs(7),
    } as MarketUpdate,
  })),
  fc
    .record({
      symbol,
      E: ms,
      t: ms,
      o: cents,
      c: cents,
      up: cents,
      down: cents,
      v: qty,
      x: fc.boolean(),
    })
    .map((o) => {
      const high = Math.max(o.o, o.c) + o.up;
      const low = Math.max(0.01, Math.min(o.o, o.c) - o.down);
      const lo = Number(low.toFixed(8));
      const hi = Number(high.toFixed(8));
      return {
        data: klineJson({
          symbol: o.symbol,
          eventTime: o.E,
          interval: '1m',
          intervalMs: 60_000,
          time: o.t,
          open: o.o,
          high: hi,
          low: Math.min(lo, o.o, o.c),
          close: o.c,
          volume: o.v,
          closed: o.x,
        }),
        expected: {
          kind: 'kline',
          symbol: symbolId(o.symbol),
          interval: '1m',
          bar: {
            time: o.t,
            open: o.o,
            high: hi,
            low: Math.min(lo, o.o, o.c),
            close: o.c,
            volume: o.v,
          },
          closed: o.x,
          ts: timestampMs(o.E),
        } as MarketUpdate,
      };
    }),
);

/** Parses, failing the test on a throw; returns the result. */
function safeParse(text: string) {
  let r: ReturnType<typeof parseBinanceStreamMessage> | undefined;
  expect(() => {
    r = parseBinanceStreamMessage(text, 7);
  }).not.toThrow();
  if (r === undefined) throw new Error('unreachable');
  if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
  return r;
}

describe('Binance stream parser fuzz', () => {
  it('reads every valid message, raw or in the combined envelope, to the exact values', () => {
    fc.assert(
      fc.property(message, fc.boolean(), ({ data, expected }, wrapped) => {
        const text = wrapped ? envelope('x@y', data) : JSON.stringify(data);
        expect(safeParse(text)).toEqual({ ok: true, value: expected });
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('refuses a message whose field was replaced by a wrong value, naming that field', () => {
    const required: Record<string, readonly string[]> = {
      depthUpdate: ['E', 's', 'U', 'u', 'b', 'a'],
      trade: ['s', 'p', 'q', 'T', 'm'],
      kline: ['E', 's', 'k'],
      bookTicker: ['u', 's', 'b', 'B', 'a', 'A'],
    };
    const wrong = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(-1),
      fc.constant('abc'),
      fc.constant(''),
      fc.constant([['1']]),
      fc.constant(1.5),
      fc.constant({}),
    );
    fc.assert(
      fc.property(message, fc.nat(), wrong, ({ data }, pick, value) => {
        const type = typeof data.e === 'string' ? data.e : 'bookTicker';
        const fields = required[type] ?? [];
        const field = fields[pick % fields.length] as string;
        const mutated: Record<string, unknown> = { ...data, [field]: value };
        if (value === undefined) delete mutated[field];
        const r = safeParse(JSON.stringify(mutated));
        if (r.ok) {
          // Only a value that is still valid for that field may pass (none of these is, except
          // where the field does not carry its own check).
          throw new Error(`accepted ${field} = ${JSON.stringify(value)} in ${type}`);
        }
        expect(r.error).toMatch(new RegExp(`${field}(\\[|\\.| |:)`));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('never throws on mutated text or arbitrary JSON', () => {
    const mutation = fc.record({
      at: fc.nat(),
      len: fc.nat(6),
      insert: fc.string({ maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        message,
        fc.array(mutation, { maxLength: 4 }),
        fc.boolean(),
        ({ data }, muts, wrapped) => {
          let text = wrapped ? envelope('btcusdt@depth', data) : JSON.stringify(data);
          for (const m of muts) {
            const at = m.at % (text.length + 1);
            text = text.slice(0, at) + m.insert + text.slice(at + m.len);
          }
          safeParse(text);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        safeParse(JSON.stringify(v) ?? 'null');
        safeParse(JSON.stringify({ stream: 'a', data: v }));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('depth snapshot parser fuzz', () => {
  it('reads valid snapshots exactly and never throws on mutated ones', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        levels,
        levels,
        fc.array(fc.tuple(fc.nat(), fc.nat(5)), { maxLength: 3 }),
        (id, bids, asks, cuts) => {
          const body = depthSnapshotJson(id, bids, asks);
          expect(parseDepthSnapshot(body)).toEqual({
            ok: true,
            value: { lastUpdateId: id, bids, asks },
          });
          let text = body;
          for (const [at, len] of cuts) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + text.slice(i + len);
          }
          let r: ReturnType<typeof parseDepthSnapshot> | undefined;
          expect(() => {
            r = parseDepthSnapshot(text);
          }).not.toThrow();
          if (r !== undefined && !r.ok) expect(r.error.length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );
  });
});
