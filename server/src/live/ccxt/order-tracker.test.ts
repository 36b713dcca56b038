import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedOrder, ParsedTrade } from './ccxt-parse';
import { needsTrades, step, trackOrder } from './order-tracker';

const view = (over: Partial<ParsedOrder>): ParsedOrder => ({
  venueOrderId: 'v1',
  clientOrderId: 'c1',
  symbol: 'BTC/USDT',
  side: 'buy',
  status: 'open',
  amount: 1,
  filled: 0,
  price: 100,
  timestamp: 0,
  ...over,
});
const trade = (
  tradeId: string,
  amount: number,
  timestamp = 1,
  venueOrderId = 'v1',
): ParsedTrade => ({
  tradeId,
  venueOrderId,
  symbol: 'BTC/USDT',
  amount,
  price: 100,
  timestamp,
  fee: 0,
  feeAsset: 'BTC',
  liquidity: 'MAKER',
});

describe('order-tracker', () => {
  it('reports each trade once, as increments, FILLED on the last', () => {
    let t = trackOrder('c1', 'v1', 'BTC/USDT', 1, 0);
    const first = step(t, view({ filled: 0.25 }), [trade('a', 0.25)], 9);
    expect(
      first.reports.map((r) => (r.kind === 'fill' ? [r.tradeId, r.status, r.fillQty] : r.status)),
    ).toEqual([['a', 'PARTIALLY_FILLED', 0.25]]);
    t = first.next;
    // The venue lists the old trade again with the new ones, and another order's trade.
    const second = step(
      t,
      view({ filled: 1, status: 'closed' }),
      [trade('a', 0.25), trade('b', 0.75, 2), trade('z', 1, 2, 'v2')],
      9,
    );
    expect(
      second.reports.map((r) => (r.kind === 'fill' ? [r.tradeId, r.status, r.fillQty] : r.status)),
    ).toEqual([['b', 'FILLED', 0.75]]);
    expect(second.next.done).toBe(true);
    expect(step(second.next, view({ filled: 1 }), [trade('c', 1)], 9).reports).toEqual([]);
  });

  it('CANCELLED only after the fills the venue counted are reported', () => {
    const t = trackOrder('c1', 'v1', 'BTC/USDT', 1, 0);
    const lagging = step(t, view({ filled: 0.5, status: 'canceled' }), [], 9);
    expect(lagging.reports).toEqual([]);
    expect(needsTrades(lagging.next, view({ filled: 0.5 }))).toBe(true);
    const caught = step(
      lagging.next,
      view({ filled: 0.5, status: 'canceled' }),
      [trade('a', 0.5)],
      9,
    );
    expect(caught.reports.map((r) => r.status)).toEqual(['PARTIALLY_FILLED', 'CANCELLED']);
    expect(caught.next.done).toBe(true);
  });

  it('EXPIRED and REJECTED end an unfilled order', () => {
    const t = trackOrder('c1', 'v1', 'BTC/USDT', 1, 0);
    expect(step(t, view({ status: 'expired' }), [], 9).reports).toEqual([
      { kind: 'status', clientOrderId: 'c1', status: 'EXPIRED', venueOrderId: 'v1', tsMs: 9 },
    ]);
    expect(step(t, view({ status: 'rejected' }), [], 9).reports[0]?.status).toBe('REJECTED');
  });

  // However the venue's trade list is sliced over rounds (repeats, reordering), the reports are
  // each trade once and their quantities add up to the order's fills.
  it('property: any slicing of the trade list reports every trade exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.nat(), { maxLength: 10 }), { minLength: 1, maxLength: 6 }),
        (eighths, rounds) => {
          const trades = eighths.map((e, i) => trade(`t${i}`, e / 8, i));
          const qty = eighths.reduce((a, b) => a + b, 0) / 8;
          let t = trackOrder('c1', 'v1', 'BTC/USDT', qty, 0);
          const ids: string[] = [];
          const rounds2 = [...rounds, trades.map((_, i) => i)]; // a last round sees everything
          for (const picks of rounds2) {
            const seen = picks.map((p) => trades[p % trades.length]).filter((x) => x !== undefined);
            const { next, reports } = step(t, view({ amount: qty, filled: qty }), seen, 0);
            for (const r of reports) if (r.kind === 'fill') ids.push(r.tradeId);
            t = next;
          }
          expect([...ids].sort()).toEqual(trades.map((x) => x.tradeId).sort());
          expect(t.done).toBe(true);
        },
      ),
      { seed: 3, numRuns: 500 },
    );
  });
});
