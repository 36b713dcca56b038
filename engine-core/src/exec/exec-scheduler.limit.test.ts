import { describe, expect, it } from 'vitest';
import { asset, type EngineEvent } from '../model';
import { checkAlgoSpec, type TwapSpec } from './algo-spec';
import { passiveLimitPrice } from './child-sizing';
import { BTC, barRig, paperRig, type RigBar, T0 } from './testing/rigs';

const MIN = 60_000;

const submitted = (events: readonly EngineEvent[]) =>
  events.flatMap((e) =>
    e.type === 'order_submitted'
      ? [
          {
            ts: e.ts - T0,
            id: e.request.clientOrderId as string,
            type: e.request.type,
            qty: e.request.qty,
            price: e.request.type === 'LIMIT' ? e.request.price : null,
          },
        ]
      : [],
  );
const fills = (events: readonly EngineEvent[]) =>
  events.flatMap((e) =>
    e.type === 'order_filled'
      ? [
          {
            id: e.clientOrderId as string,
            qty: e.qty,
            price: e.price,
            liq: e.liquidity,
            fee: e.fee,
          },
        ]
      : [],
  );

/** A four-slice TWAP over four one-minute bars, buying 0.4 with limit children 1 bp under the bid. */
const TWAP: TwapSpec = {
  algo: 'twap',
  symbol: BTC,
  side: 'BUY',
  qty: 0.4,
  startTs: T0,
  durationMs: 4 * MIN,
  slices: 4,
  child: { type: 'limit', offsetBps: 1, chase: false },
};

const bar = (i: number, open: number, low: number, high = open): RigBar => ({
  time: T0 + i * MIN,
  open,
  high,
  low,
  close: open,
  volume: 10,
});

/** Bar venue, maker 2 bps, taker 10 bps; the touch is the last price (each bar's open). */
function runBars(spec: TwapSpec, bars: readonly RigBar[]) {
  const r = barRig({ makerBps: 2, takerBps: 10 });
  expect(r.sched.submit(spec, T0).ok).toBe(true);
  for (const [i, b] of bars.entries()) r.step(b, i > 0 ? (bars[i - 1] as RigBar) : null, MIN);
  return r;
}

describe('passive (limit) children', () => {
  it('prices at the touch moved away by offsetBps, rounded to the tick the passive way', () => {
    // 40 000 × (1 − 1 bp) = 39 996 exactly; 40 000.005 × (1 − 0.5 bp) = 39 998.005… → 39 998.00.
    expect(passiveLimitPrice(40_000, 'BUY', 1, 0.01)).toBe(39_996);
    expect(passiveLimitPrice(40_000.005, 'BUY', 0.5, 0.01)).toBe(39_998);
    // A sell rests above the ask: 40 000 × 1.0001 = 40 004; 40 000.001 (no offset) → 40 000.01.
    expect(passiveLimitPrice(40_000, 'SELL', 1, 0.01)).toBe(40_004);
    expect(passiveLimitPrice(40_000.001, 'SELL', 0, 0.01)).toBe(40_000.01);
    expect(passiveLimitPrice(40_100, 'BUY', 1, 0.01)).toBe(40_095.99);
    expect(passiveLimitPrice(Number.NaN, 'BUY', 1, 0.01)).toBeNaN();
  });

  it('a market that trades through the prices fills every child as MAKER at maker fees', () => {
    // Every bar opens at 40 000 and dips to 39 990: each 0.1 child at 39 996 fills there.
    const r = runBars(
      TWAP,
      Array.from({ length: 6 }, (_, i) => bar(i, 40_000, 39_990)),
    );
    expect(submitted(r.events)).toEqual(
      [0, 1, 2, 3].map((k) => ({
        ts: k * MIN,
        id: `algo-1.${k + 1}`,
        type: 'LIMIT',
        qty: expect.closeTo(0.1, 12),
        price: 39_996,
      })),
    );
    const f = fills(r.events);
    expect(f.map((x) => x.liq)).toEqual(['MAKER', 'MAKER', 'MAKER', 'MAKER']);
    // By hand: 0.4 × 39 996 × 2 / 10 000 = 3.19968 USDT of fees; 15 998.4 USDT paid.
    const p = r.sched.progress('algo-1' as never);
    expect(p?.filledQty).toBeCloseTo(0.4, 12);
    expect(p?.fees).toBeCloseTo(3.19968, 9);
    expect(p?.avgPrice).toBeCloseTo(39_996, 6);
    expect(p?.childType).toBe('limit');
    expect(p?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    expect(r.engine.state.balances.get(asset('BTC'))?.free).toBeCloseTo(0.4, 12);
    expect(r.engine.state.balances.get(asset('USDT'))?.free).toBeCloseTo(
      1_000_000 - 15_998.4 - 3.19968,
      6,
    );
  });

  // The first bar dips through 39 996; then the market runs away (each bar's low is its open).
  const runaway = [
    bar(0, 40_000, 39_990),
    bar(1, 40_100, 40_100, 40_150),
    bar(2, 40_200, 40_200, 40_250),
    bar(3, 40_300, 40_300, 40_350),
    bar(4, 40_400, 40_400, 40_450),
    bar(5, 40_500, 40_500),
  ];

  it('a market that runs away: unfilled rests roll on, the final market child completes the parent', () => {
    const r = runBars(TWAP, runaway);
    // Slice 2 owes 0.1; at slice 3 its child is cancelled and its 0.1 rolls in (0.2), at slice
    // 4 again (0.3), each re-priced off the new touch; at the window's end the 0.3 goes at market.
    expect(submitted(r.events)).toEqual([
      { ts: 0, id: 'algo-1.1', type: 'LIMIT', qty: expect.closeTo(0.1, 12), price: 39_996 },
      { ts: MIN, id: 'algo-1.2', type: 'LIMIT', qty: expect.closeTo(0.1, 12), price: 40_095.99 },
      {
        ts: 2 * MIN,
        id: 'algo-1.3',
        type: 'LIMIT',
        qty: expect.closeTo(0.2, 12),
        price: 40_195.98,
      },
      {
        ts: 3 * MIN,
        id: 'algo-1.4',
        type: 'LIMIT',
        qty: expect.closeTo(0.3, 12),
        price: 40_295.97,
      },
      { ts: 4 * MIN, id: 'algo-1.5', type: 'MARKET', qty: expect.closeTo(0.3, 12), price: null },
    ]);
    const cancelled = r.events.flatMap((e) =>
      e.type === 'order_cancelled' ? [e.clientOrderId] : [],
    );
    expect(cancelled).toEqual(['algo-1.2', 'algo-1.3', 'algo-1.4']);
    const f = fills(r.events);
    expect(f.map((x) => [x.id, x.liq, x.price])).toEqual([
      ['algo-1.1', 'MAKER', 39_996],
      ['algo-1.5', 'TAKER', 40_400],
    ]);
    // By hand: maker 0.1 × 39 996 × 2 bp = 0.79992; taker 0.3 × 40 400 × 10 bp = 12.12.
    const p = r.sched.progress('algo-1' as never);
    expect(f.reduce((s, x) => s + x.qty, 0)).toBeCloseTo(0.4, 12);
    expect(p?.filledQty).toBeCloseTo(0.4, 12);
    expect(p?.fees).toBeCloseTo(0.79992 + 12.12, 9);
    expect(p?.avgPrice).toBeCloseTo((0.1 * 39_996 + 0.3 * 40_400) / 0.4, 6);
    expect(p?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    expect(r.exec.filter((e) => e.type === 'child_refused')).toEqual([]);
  });

  it('finishWithMarket: false ends done with the shortfall stated', () => {
    const spec: TwapSpec = {
      ...TWAP,
      child: { type: 'limit', offsetBps: 1, chase: false, finishWithMarket: false },
    };
    const r = runBars(spec, runaway);
    expect(submitted(r.events).map((c) => c.type)).toEqual(['LIMIT', 'LIMIT', 'LIMIT', 'LIMIT']);
    const p = r.sched.progress('algo-1' as never);
    expect(p?.filledQty).toBeCloseTo(0.1, 12);
    expect(p?.fees).toBeCloseTo(0.79992, 9);
    expect(p?.state).toEqual({
      kind: 'done',
      unfilledQty: expect.closeTo(0.3, 12),
      reason: "twap limit children left 0.3 unfilled at the window's end (finishWithMarket off)",
      shortfall: 'limit_unfilled',
    });
    expect(r.openChildren()).toEqual([]);
  });
});

describe('VWAP with limit children', () => {
  it('two hourly slices: the first fills as maker, the second runs away and finishes at market', () => {
    const HOUR = 60 * MIN;
    const r = barRig({ makerBps: 2, takerBps: 10 });
    const res = r.sched.submit(
      {
        algo: 'vwap',
        symbol: BTC,
        side: 'SELL',
        qty: 0.2,
        startTs: T0,
        endTs: T0 + 2 * HOUR,
        profile: { bucketMs: HOUR, periodMs: 24 * HOUR, shares: new Array(24).fill(1 / 24) },
        child: { type: 'limit', offsetBps: 2, chase: false },
      },
      T0,
    );
    expect(res.ok).toBe(true);
    r.engine.deposit(asset('BTC'), 1);
    // A sell rests over the ask: 40 000 × (1 + 2 bp) = 40 008; bar 0 trades up to 40 010 through
    // it; bar 1 opens at 39 800 and never comes back up (40 000 − 200: 39 807.96 is not reached).
    const hourly = (i: number, open: number, high: number): RigBar => ({
      time: T0 + i * HOUR,
      open,
      high,
      low: open,
      close: open,
      volume: 10,
    });
    const bars = [hourly(0, 40_000, 40_010), hourly(1, 39_800, 39_800), hourly(2, 39_700, 39_700)];
    for (const [i, b] of bars.entries()) r.step(b, i > 0 ? (bars[i - 1] as RigBar) : null, HOUR);
    expect(submitted(r.events).map((c) => [c.ts / HOUR, c.type, c.price, c.qty])).toEqual([
      [0, 'LIMIT', 40_008, expect.closeTo(0.1, 12)],
      [1, 'LIMIT', 39_807.96, expect.closeTo(0.1, 12)],
      [2, 'MARKET', null, expect.closeTo(0.1, 12)],
    ]);
    const f = fills(r.events);
    expect(f.map((x) => [x.liq, x.price])).toEqual([
      ['MAKER', 40_008],
      ['TAKER', 39_700],
    ]);
    // By hand: 0.1 × 40 008 × 2 bp = 0.80016; 0.1 × 39 700 × 10 bp = 3.97.
    const p = r.sched.progress('algo-1' as never);
    expect(p?.filledQty).toBeCloseTo(0.2, 12);
    expect(p?.fees).toBeCloseTo(0.80016 + 3.97, 9);
    expect(p?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
  });
});

describe('chase', () => {
  it('re-prices a child the bid has left, at most once per chaseMinMs, and fills it as MAKER', () => {
    const r = paperRig({ latencyMs: 0, quoteFromBook: true, makerBps: 2, takerBps: 10 });
    let bid = 40_000;
    r.book.applyLevels([bid, 1], [40_010, 1]);
    r.tick(40_005);
    const spec: TwapSpec = {
      ...TWAP,
      qty: 0.1,
      slices: 1,
      durationMs: 10 * MIN,
      child: { type: 'limit', offsetBps: 0, chase: true, chaseTicks: 2, chaseMinMs: 1_000 },
    };
    expect(r.sched.submit(spec, T0).ok).toBe(true);
    r.at(T0);
    const quote = (t: number, next: number) => {
      // The ask stays 10 above the bid (the book never crosses our child).
      r.book.applyLevels([bid, 0, next, 1], [bid + 10, 0, next + 10, 1]);
      bid = next;
      r.at(t);
      r.sched.onMarket({
        kind: 'book_ticker',
        symbol: BTC,
        bidPrice: bid,
        bidQty: 1,
        askPrice: bid + 10,
        askQty: 1,
        updateId: t - T0,
        ts: t as never,
      });
    };
    // The bid climbs 1 USDT (100 ticks) every 100 ms for 3 s: 30 moves past chaseTicks, but a
    // child must rest 1 000 ms before it is replaced: replacements at +1 s, +2 s, +3 s only.
    for (let i = 1; i <= 30; i++) quote(T0 + i * 100, 40_000 + i);
    // A move of 2 ticks (not more than chaseTicks) 2 s later replaces nothing.
    quote(T0 + 5_000, 40_030.02);
    const kids = submitted(r.events);
    expect(kids.map((c) => [c.ts, c.price, c.qty])).toEqual([
      [0, 40_000, 0.1],
      [1_000, 40_010, 0.1],
      [2_000, 40_020, 0.1],
      [3_000, 40_030, 0.1],
    ]);
    const cancelled = r.events.flatMap((e) =>
      e.type === 'order_cancelled' ? [e.clientOrderId] : [],
    );
    expect(cancelled).toEqual(['algo-1.1', 'algo-1.2', 'algo-1.3']);
    // A sell trades through 40 030: the last child fills whole, as maker.
    r.trade(40_029, 0.5, 'SELL');
    const f = fills(r.events);
    expect(f.map((x) => [x.id, x.liq, x.price, x.qty])).toEqual([
      ['algo-1.4', 'MAKER', 40_030, 0.1],
    ]);
    // By hand: 0.1 × 40 030 × 2 / 10 000 = 0.8006.
    expect(f[0]?.fee).toBeCloseTo(0.8006, 9);
    const p = r.sched.progress('algo-1' as never);
    expect(p?.filledQty).toBeCloseTo(0.1, 12);
    expect(p?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
  });
});

describe('limit child spec checks', () => {
  const lim = (child: object) => checkAlgoSpec({ ...TWAP, child } as TwapSpec);
  it('names the field and value', () => {
    expect(lim({ type: 'limit', offsetBps: 1001, chase: false })).toBe(
      'child.offsetBps must be in [-100, 1000], got 1001',
    );
    expect(lim({ type: 'limit', offsetBps: Number.NaN, chase: false })).toBe(
      'child.offsetBps must be in [-100, 1000], got NaN',
    );
    expect(lim({ type: 'limit', offsetBps: -5, chase: false, postOnly: true })).toBe(
      'child.postOnly needs offsetBps ≥ 0 (a negative offset may cross), got -5',
    );
    expect(lim({ type: 'limit', offsetBps: 1, chase: false, chaseTicks: 3 })).toBe(
      'child.chaseTicks and child.chaseMinMs need chase on',
    );
    expect(lim({ type: 'limit', offsetBps: 1, chase: true, chaseTicks: 1.5 })).toBe(
      'child.chaseTicks must be an integer ≥ 1, got 1.5',
    );
    expect(lim({ type: 'limit', offsetBps: 1, chase: true, chaseMinMs: 0 })).toBe(
      'child.chaseMinMs must be > 0, got 0',
    );
    expect(lim({ type: 'limit', offsetBps: 0, chase: true, postOnly: true })).toBeNull();
    expect(lim({ type: 'market' })).toBeNull();
    expect(
      checkAlgoSpec({
        algo: 'pov',
        symbol: BTC,
        side: 'BUY',
        qty: 1,
        participation: 0.1,
        tolerance: 0,
        minChildQty: 0.01,
        maxChildQty: 0.1,
        child: { type: 'limit', offsetBps: 0, chase: true, finishWithMarket: true },
      }),
    ).toBe('child.finishWithMarket is for twap and vwap (pov has no last slice)');
    expect(
      checkAlgoSpec({
        algo: 'iceberg',
        symbol: BTC,
        side: 'BUY',
        qty: 1,
        price: 40_000,
        visibleQty: 0.1,
        child: { type: 'limit', offsetBps: 0, chase: false },
      } as never),
    ).toBe('child: an iceberg prices its own limit children (price)');
  });
});

describe('POV and submission checks with limit children', () => {
  it('POV rests its children at the bid; they count as working, and fill as MAKER when sold through', () => {
    const r = paperRig({ latencyMs: 0, quoteFromBook: true, makerBps: 2, takerBps: 10 });
    r.book.applyLevels([39_990, 5], [40_000, 5]);
    r.tick(39_995);
    const res = r.sched.submit(
      {
        algo: 'pov',
        symbol: BTC,
        side: 'BUY',
        qty: 1,
        participation: 0.1,
        tolerance: 0,
        minChildQty: 0.001,
        maxChildQty: 1,
        child: { type: 'limit', offsetBps: 0, chase: false },
      },
      T0,
    );
    expect(res.ok).toBe(true);
    r.at(T0);
    r.trade(40_000, 2, 'BUY'); // buyers lift the ask: target 0.2, a child of 0.2 rests at the bid
    r.trade(40_000, 1, 'BUY'); // target 0.3: 0.2 works, so 0.1 more
    expect(submitted(r.events).map((c) => [c.type, c.price, c.qty])).toEqual([
      ['LIMIT', 39_990, 0.2],
      ['LIMIT', 39_990, expect.closeTo(0.1, 12)],
    ]);
    expect(fills(r.events)).toEqual([]);
    r.trade(39_989, 5, 'SELL'); // sellers go through the bid: both fill whole, as maker
    const f = fills(r.events);
    expect(f.map((x) => [x.id, x.liq, x.price])).toEqual([
      ['algo-1.1', 'MAKER', 39_990],
      ['algo-1.2', 'MAKER', 39_990],
    ]);
    // By hand: 0.3 × 39 990 × 2 / 10 000 = 2.3994. Volume 8 now: target 0.8, so 0.5 more rests.
    const p = r.sched.progress('algo-1' as never);
    expect(p?.filledQty).toBeCloseTo(0.3, 12);
    expect(p?.fees).toBeCloseTo(2.3994, 9);
    expect(p?.workingQty).toBeCloseTo(0.5, 12);
    expect(p?.childType).toBe('limit');
  });

  it('refuses a negative offset under one tick at the touch (it would round back to the touch)', () => {
    const r = paperRig({ quoteFromBook: true });
    r.book.applyLevels([40_000, 5], [40_010, 5]);
    const spec = (offsetBps: number): TwapSpec => ({
      ...TWAP,
      child: { type: 'limit', offsetBps, chase: false },
    });
    // 40 000 × 0.001 bp = 0.004 < 0.01.
    expect(r.sched.submit(spec(-0.001), T0)).toEqual({
      ok: false,
      error:
        "twap: child.offsetBps -0.001 is 0.004 at 40000, under BTCUSDT's tick 0.01: it would round back to the touch",
    });
    // 40 000 × 0.0025 bp = 0.01: one tick over the bid, 40 000.01.
    expect(r.sched.submit(spec(-0.0025), T0).ok).toBe(true);
    r.at(T0);
    expect(submitted(r.events).map((c) => c.price)).toEqual([40_000.01]);
  });
});
