import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { Engine } from '../../engine';
import { asset, clientOrderId, type EngineEvent, type OrderPricing, symbolId } from '../../model';
import { NO_RISK_LIMITS } from '../../risk';
import { ofType } from '../../testing/engine-fixtures';
import { BarVenue } from './bar-venue';
import { firstAtOrAbove, firstAtOrBelow, setPath } from './intrabar-path';

const SYM = symbolId('XUSD');
const QUOTE = asset('USD');
const BASE = asset('X');

function setup(
  opts: {
    slippageBps?: number;
    feeBps?: number;
    makerBps?: number;
    volumeCap?: number | null;
    base?: number;
  } = {},
) {
  const clock = new VirtualClock(0);
  const venue = new BarVenue({
    slippageBps: opts.slippageBps ?? 0,
    volumeCap: opts.volumeCap ?? null,
  });
  const engine = new Engine(
    {
      accountAsset: QUOTE,
      instruments: [
        {
          symbol: SYM,
          base: BASE,
          quote: QUOTE,
          tickSize: 0,
          lotSize: 0,
          minQty: 0,
          minNotional: 0,
        },
      ],
      fees: { makerBps: opts.makerBps ?? opts.feeBps ?? 0, takerBps: opts.feeBps ?? 0 },
      risk: NO_RISK_LIMITS,
      marketProtection: 0,
    },
    clock,
    venue,
  );
  engine.deposit(QUOTE, 100_000);
  if (opts.base) engine.deposit(BASE, opts.base);
  engine.handle({ type: 'market_tick', symbol: SYM, price: 100, ts: null });
  const place = (
    id: string,
    side: 'BUY' | 'SELL',
    qty: number,
    pricing: OrderPricing,
    reduceOnly = false,
  ) =>
    engine.handle({
      type: 'submit_order',
      request: {
        ...pricing,
        clientOrderId: clientOrderId(id),
        symbol: SYM,
        side,
        qty,
        tif: 'GTC',
        postOnly: false,
        reduceOnly,
      },
    });
  const bar = (o: number, h: number, l: number, c: number, v = 1e9): EngineEvent[] => {
    venue.processBar(o, h, l, c, v);
    return engine.poll();
  };
  return { engine, venue, place, bar };
}

const fillsOf = (ev: EngineEvent[]) =>
  ofType(ev, 'order_filled').map((f) => [f.clientOrderId, f.price, f.qty, f.liquidity]);

describe('intrabar path (DESIGN §4)', () => {
  it('goes O→L→H→C on an up bar and O→H→L→C on a down bar', () => {
    const p = { p0: 0, p1: 0, p2: 0, p3: 0 };
    setPath(p, 100, 110, 90, 105);
    expect(p).toEqual({ p0: 100, p1: 90, p2: 110, p3: 105 });
    // 95 is reached halfway down the first leg; 108 on the way up (second leg).
    expect(firstAtOrBelow(p, 95, 0)).toBeCloseTo(0.5, 12);
    expect(firstAtOrAbove(p, 108, 0)).toBeCloseTo(1 + 18 / 20, 12);
    setPath(p, 100, 110, 90, 95);
    expect(p).toEqual({ p0: 100, p1: 110, p2: 90, p3: 95 });
    expect(firstAtOrAbove(p, 105, 0)).toBeCloseTo(0.5, 12);
    expect(firstAtOrBelow(p, 105, 1)).toBeCloseTo(1.25, 12);
  });
});

describe('BarVenue fill rules (hand-computed)', () => {
  it('market buy fills at the next open × (1 + s); market sell at open × (1 − s); taker fee from cash', () => {
    const { engine, place, bar } = setup({ slippageBps: 5, feeBps: 10, base: 1 });
    place('b', 'BUY', 2, { type: 'MARKET' });
    place('s', 'SELL', 1, { type: 'MARKET' });
    const ev = bar(200, 210, 190, 205);
    // 200 × 1.0005 = 200.1; 200 × 0.9995 = 199.9
    expect(fillsOf(ev)).toEqual([
      ['b', 200.1, 2, 'TAKER'],
      ['s', 199.9, 1, 'TAKER'],
    ]);
    // cash: 100000 − 2 × 200.1 − 0.4002 + 199.9 − 0.1999
    const usd = engine.state.balances.get(QUOTE);
    expect((usd?.free ?? 0) + (usd?.locked ?? 0)).toBeCloseTo(
      100_000 - 400.2 - 0.4002 + 199.9 - 0.1999,
      9,
    );
  });

  it('a market order placed at a known open fills on submission exactly as the bar would fill it', () => {
    // Fast path: no other order fills at this open (a far limit rests), no volume cap.
    const fast = setup({ slippageBps: 5, feeBps: 10 });
    fast.place('far', 'BUY', 1, { type: 'LIMIT', price: 1 });
    fast.venue.setOpen(200);
    const direct = fillsOf(fast.place('m', 'BUY', 2, { type: 'MARKET' }));
    expect(direct).toEqual([['m', 200 * 1.0005, 2, 'TAKER']]);
    // The same order through processBar (nothing set: the open is unknown at submission).
    const slow = setup({ slippageBps: 5, feeBps: 10 });
    slow.place('far', 'BUY', 1, { type: 'LIMIT', price: 1 });
    expect(fillsOf(slow.place('m', 'BUY', 2, { type: 'MARKET' }))).toEqual([]);
    expect(fillsOf(slow.bar(200, 210, 190, 205))).toEqual(direct);
    const total = (e: typeof fast.engine) => {
      const b = e.state.balances.get(QUOTE);
      return (b?.free ?? 0) + (b?.locked ?? 0);
    };
    expect(total(fast.engine)).toBeCloseTo(100_000 - 400.2 - 0.4002, 9);
    expect(total(slow.engine)).toBeCloseTo(total(fast.engine), 9);
  });

  it('a market order waits for the bar when an earlier order also fills at the open (submission order decides)', () => {
    const { venue, place, bar } = setup({ base: 1 });
    place('lim', 'SELL', 1, { type: 'LIMIT', price: 190 }); // the open 200 ≥ 190: fills at t = 0
    venue.setOpen(200);
    expect(fillsOf(place('m', 'BUY', 1, { type: 'MARKET' }))).toEqual([]);
    expect(fillsOf(bar(200, 210, 195, 205))).toEqual([
      ['lim', 200, 1, 'MAKER'],
      ['m', 200, 1, 'TAKER'],
    ]);
  });

  it('limit buy fills at min(open, L): at L when the low reaches it, at the open on a gap down', () => {
    const { place, bar } = setup();
    place('l1', 'BUY', 1, { type: 'LIMIT', price: 95 });
    expect(fillsOf(bar(100, 101, 96, 99))).toEqual([]); // low 96 > 95
    expect(fillsOf(bar(99, 100, 94, 97))).toEqual([['l1', 95, 1, 'MAKER']]);
    place('l2', 'BUY', 1, { type: 'LIMIT', price: 95 });
    expect(fillsOf(bar(93, 96, 92, 94))).toEqual([['l2', 93, 1, 'MAKER']]); // gap below the limit
  });

  it('limit sell fills at max(open, L); no slippage on limits', () => {
    const { place, bar } = setup({ slippageBps: 50, base: 2 });
    place('a', 'SELL', 1, { type: 'LIMIT', price: 105 });
    place('b', 'SELL', 1, { type: 'LIMIT', price: 105 });
    expect(fillsOf(bar(100, 106, 99, 104))).toEqual([
      ['a', 105, 1, 'MAKER'],
      ['b', 105, 1, 'MAKER'],
    ]);
  });

  it('stop buy triggers at high ≥ S and fills at max(open, S) × (1 + s)', () => {
    const { place, bar } = setup({ slippageBps: 10 });
    place('s1', 'BUY', 1, { type: 'STOP', stopPrice: 105 });
    expect(fillsOf(bar(100, 104, 98, 103))).toEqual([]);
    expect(fillsOf(bar(103, 107, 101, 106))).toEqual([['s1', 105 * 1.001, 1, 'TAKER']]);
    place('s2', 'BUY', 1, { type: 'STOP', stopPrice: 105 });
    expect(fillsOf(bar(108, 109, 107, 108))).toEqual([['s2', 108 * 1.001, 1, 'TAKER']]); // gap over the stop
  });

  it('stop sell triggers at low ≤ S and fills at min(open, S) × (1 − s)', () => {
    const { place, bar } = setup({ slippageBps: 10, base: 2 });
    place('s1', 'SELL', 1, { type: 'STOP', stopPrice: 95 });
    expect(fillsOf(bar(100, 101, 94, 96))).toEqual([['s1', 95 * 0.999, 1, 'TAKER']]);
    place('s2', 'SELL', 1, { type: 'STOP', stopPrice: 95 });
    expect(fillsOf(bar(90, 92, 89, 91))).toEqual([['s2', 90 * 0.999, 1, 'TAKER']]);
  });

  it('stop-limit: the stop arms a limit at its limit price, which then needs the price to come to it', () => {
    const { place, bar } = setup();
    // Buy stop 105, limit 104: an up bar O100 L99 H110 C108 arms at 105 on the way up, and the
    // limit (104) is not reached again on the way from 110 down to 108.
    place('sl', 'BUY', 1, { type: 'STOP_LIMIT', stopPrice: 105, price: 104 });
    const ev = bar(100, 110, 99, 108);
    expect(ev.map((e) => e.type)).toContain('order_triggered');
    expect(fillsOf(ev)).toEqual([]);
    // Next bar dips to 103: the armed limit fills at 104 (resting: maker); no open gap below 104.
    expect(fillsOf(bar(107, 108, 103, 106))).toEqual([['sl', 104, 1, 'MAKER']]);
    // Marketable when armed: stop 105, limit 106 → fills at the stop level 105, taker.
    place('sl2', 'BUY', 1, { type: 'STOP_LIMIT', stopPrice: 105, price: 106 });
    expect(fillsOf(bar(100, 110, 99, 108))).toEqual([['sl2', 105, 1, 'TAKER']]);
  });

  it('several fills in one bar happen in path order', () => {
    const { place, bar } = setup({ base: 5 });
    // Down bar O100 H104 L92 C95: path 100 → 104 → 92 → 95.
    place('buyLimit96', 'BUY', 1, { type: 'LIMIT', price: 96 });
    place('sellLimit103', 'SELL', 1, { type: 'LIMIT', price: 103 });
    place('sellStop94', 'SELL', 1, { type: 'STOP', stopPrice: 94 });
    place('buyStop101', 'BUY', 1, { type: 'STOP', stopPrice: 101 });
    const order = fillsOf(bar(100, 104, 92, 95)).map((f) => f[0]);
    // t: buyStop101 = 0.25, sellLimit103 = 0.75, buyLimit96 = 1 + 8/12, sellStop94 = 1 + 10/12
    expect(order).toEqual(['buyStop101', 'sellLimit103', 'buyLimit96', 'sellStop94']);
  });

  it('OCO: the take-profit and the stop-loss cancel each other; reduce-only legs lock nothing', () => {
    const { engine, venue, place, bar } = setup();
    place('entry', 'BUY', 1, { type: 'MARKET' });
    bar(100, 100, 100, 100);
    place('tp', 'SELL', 1, { type: 'LIMIT', price: 110 }, true);
    place('sl', 'SELL', 1, { type: 'STOP', stopPrice: 90 }, true);
    expect(engine.state.balances.get(BASE)).toEqual({ free: 1, locked: 0 });
    venue.linkOco(clientOrderId('tp'), clientOrderId('sl'));
    // The bar reaches both: down bar O100 H111 L89 C95 → 110 (t<1) before 90.
    const ev = bar(100, 111, 89, 95);
    expect(fillsOf(ev)).toEqual([['tp', 110, 1, 'MAKER']]);
    expect(engine.state.orders.get(clientOrderId('sl'))?.status).toBe('CANCELLED');
  });

  it('without OCO, a second reduce-only leg is capped at what is left and then cancelled', () => {
    const { engine, place, bar } = setup();
    place('entry', 'BUY', 1, { type: 'MARKET' });
    bar(100, 100, 100, 100);
    place('tp', 'SELL', 1, { type: 'LIMIT', price: 110 }, true);
    place('sl', 'SELL', 1, { type: 'STOP', stopPrice: 90 }, true);
    const ev = bar(100, 111, 89, 95);
    expect(fillsOf(ev)).toEqual([['tp', 110, 1, 'MAKER']]);
    expect(engine.state.orders.get(clientOrderId('sl'))).toMatchObject({
      status: 'CANCELLED',
      reason: 'reduce_only: nothing left to reduce',
    });
    expect(engine.state.balances.get(BASE)).toEqual({ free: 0, locked: 0 });
  });

  it('trailing stop follows the high and triggers on the pullback', () => {
    const { venue, place, bar } = setup({ base: 1 });
    place('tr', 'SELL', 1, { type: 'STOP', stopPrice: 90 });
    venue.setTrailing(clientOrderId('tr'), { fraction: 0.1 }, 100);
    // Up bar to 120: best 120, stop 108; close 115 does not reach it.
    expect(fillsOf(bar(100, 120, 99, 115))).toEqual([]);
    // Down bar O115 H116 L100 C101: best 120 → stop 108 → hit on the way down.
    expect(fillsOf(bar(115, 116, 100, 101))).toEqual([['tr', 108, 1, 'TAKER']]);
  });

  it('volume cap: fills at most the fraction of the bar volume, the rest keeps working', () => {
    const { engine, place, bar } = setup({ volumeCap: 0.1 });
    place('big', 'BUY', 5, { type: 'LIMIT', price: 100 });
    expect(fillsOf(bar(100, 101, 99, 100, 20))).toEqual([['big', 100, 2, 'MAKER']]);
    expect(engine.state.orders.get(clientOrderId('big'))?.status).toBe('PARTIALLY_FILLED');
    expect(fillsOf(bar(100, 101, 99, 100, 20))).toEqual([['big', 100, 2, 'MAKER']]);
    expect(fillsOf(bar(100, 101, 99, 100, 20))).toEqual([['big', 100, 1, 'MAKER']]);
    expect(engine.state.orders.get(clientOrderId('big'))?.status).toBe('FILLED');
  });
});
