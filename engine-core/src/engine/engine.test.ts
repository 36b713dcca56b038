import { describe, expect, it } from 'vitest';
import { asset, clientOrderId, type EngineEvent, symbolId } from '../model';
import { cancel, makeEngine, ofType, order, tick } from '../testing/engine-fixtures';
import { ExternalVenue, SimulatedVenue } from '../venue';
import { Engine } from './engine';

const bal = (events: readonly EngineEvent[], a: string) => {
  const reports = ofType(events, 'account_reported');
  const last = reports[reports.length - 1];
  return last?.balances.find((b) => b.asset === a);
};

describe('Engine: the DESIGN §8 example session', () => {
  it('reserves 490, fills at the limit on a trade-through, and rejects a duplicate id', () => {
    const { engine } = makeEngine();
    engine.handle(tick(50_000));
    const placed = engine.handle(order('a1', 'BUY', 0.01, { type: 'LIMIT', price: 49_000 }));
    expect(placed.map((e) => e.type)).toEqual([
      'order_submitted',
      'order_accepted',
      'account_reported',
    ]);
    expect(bal(placed, 'USDT')).toEqual({ asset: 'USDT', free: 9510, locked: 490 });

    const filled = engine.handle(tick(48_900));
    const fill = ofType(filled, 'order_filled')[0];
    expect(fill).toMatchObject({
      qty: 0.01,
      price: 49_000,
      liquidity: 'MAKER',
      status: 'FILLED',
      fee: 0,
    });
    expect(bal(filled, 'USDT')).toEqual({ asset: 'USDT', free: 9510, locked: 0 });
    expect(bal(filled, 'BTC')).toEqual({ asset: 'BTC', free: 0.01, locked: 0 });

    const before = engine.state.orders.get(clientOrderId('a1'));
    const dup = engine.handle(order('a1', 'BUY', 0.01, { type: 'LIMIT', price: 49_000 }));
    expect(dup.map((e) => e.type)).toEqual(['duplicate_order_rejected']);
    expect(ofType(dup, 'duplicate_order_rejected')[0]?.reason).toBe('duplicate client_order_id');
    expect(engine.state.orders.get(clientOrderId('a1'))).toBe(before);
  });
});

describe('Engine: fees and reservations', () => {
  it('reserves the fee on buys and charges the maker fee on a resting fill', () => {
    const { engine } = makeEngine({ makerBps: 10, takerBps: 10 });
    engine.handle(tick(50_000));
    const placed = engine.handle(order('b', 'BUY', 0.01, { type: 'LIMIT', price: 49_000 }));
    // 0.01 × 49000 × (1 + 0.001) = 490.49
    expect(bal(placed, 'USDT')?.locked).toBeCloseTo(490.49, 10);
    const filled = engine.handle(tick(49_000));
    expect(ofType(filled, 'order_filled')[0]?.fee).toBeCloseTo(0.49, 12);
    expect(bal(filled, 'USDT')).toMatchObject({ locked: 0 });
    expect(bal(filled, 'USDT')?.free).toBeCloseTo(10_000 - 490 - 0.49, 9);
  });

  it('sells lock the base quantity and pay the fee out of the proceeds', () => {
    const { engine } = makeEngine({ makerBps: 0, takerBps: 20 });
    engine.handle(tick(100));
    engine.handle(order('buy', 'BUY', 1, { type: 'MARKET' }));
    const afterBuy = engine.handle(tick(100));
    expect(bal(afterBuy, 'BTC')).toBeUndefined(); // filled on arrival, reported then
    expect(engine.balances().find((b) => b.asset === 'BTC')).toEqual({
      asset: 'BTC',
      free: 1,
      locked: 0,
    });
    // buy 1 @ 100 taker: cost 100 + 0.2 fee
    expect(engine.balances().find((b) => b.asset === 'USDT')?.free).toBeCloseTo(10_000 - 100.2, 9);
    const sell = engine.handle(order('sell', 'SELL', 1, { type: 'LIMIT', price: 110 }));
    expect(bal(sell, 'BTC')).toEqual({ asset: 'BTC', free: 0, locked: 1 });
    engine.handle(tick(111));
    // sell 1 @ 110 maker (0 bps): +110
    expect(engine.balances().find((b) => b.asset === 'USDT')?.free).toBeCloseTo(
      10_000 - 100.2 + 110,
      9,
    );
    const pos = engine.positions()[0];
    expect(pos).toMatchObject({ qty: 0, realizedPnl: 10 });
  });

  it('denies an order the free balance cannot cover, naming both numbers', () => {
    const { engine } = makeEngine({ usdt: 100 });
    engine.handle(tick(50_000));
    const ev = engine.handle(order('x', 'BUY', 0.01, { type: 'LIMIT', price: 49_000 }));
    expect(ofType(ev, 'order_denied')[0]?.reason).toBe(
      'insufficient_balance: need 490 USDT, free 100',
    );
    expect(engine.state.balances.get(asset('USDT'))).toEqual({ free: 100, locked: 0 });
  });
});

describe('Engine: order types on the tick venue', () => {
  it('a market buy fills at the next tick and releases the protection margin', () => {
    const { engine } = makeEngine({ marketProtection: 0.05 });
    const noPrice = engine.handle(order('m0', 'BUY', 0.01, { type: 'MARKET' }));
    expect(ofType(noPrice, 'order_denied')[0]?.reason).toMatch(/no market price for BTCUSDT/);
    engine.handle(tick(50_000));
    const ev = engine.handle(order('m1', 'BUY', 0.01, { type: 'MARKET' }));
    // Filled on arrival at the last price, as taker.
    const fill = ofType(ev, 'order_filled')[0];
    expect(fill).toMatchObject({ price: 50_000, liquidity: 'TAKER', status: 'FILLED' });
    expect(engine.state.balances.get(asset('USDT'))?.locked).toBeCloseTo(0, 12);
    expect(engine.state.balances.get(asset('USDT'))?.free).toBeCloseTo(9_500, 9);
  });

  it('stop sell triggers when the price falls to it and fills at the tick price', () => {
    const { engine } = makeEngine();
    engine.handle(tick(100));
    engine.handle(order('b', 'BUY', 1, { type: 'MARKET' }));
    engine.handle(order('s', 'SELL', 1, { type: 'STOP', stopPrice: 95 }));
    expect(ofType(engine.handle(tick(96)), 'order_filled')).toEqual([]);
    const ev = engine.handle(tick(94));
    expect(ev.map((e) => e.type)).toContain('order_triggered');
    expect(ofType(ev, 'order_filled')[0]).toMatchObject({ price: 94, liquidity: 'TAKER', qty: 1 });
  });

  it('stop-limit arms a limit that then rests until the price comes back', () => {
    const { engine } = makeEngine();
    engine.handle(tick(100));
    engine.handle(order('sl', 'BUY', 1, { type: 'STOP_LIMIT', stopPrice: 105, price: 106 }));
    // Jumps through the stop and the limit: armed, not filled.
    const armed = engine.handle(tick(108));
    expect(armed.map((e) => e.type)).toContain('order_triggered');
    expect(ofType(armed, 'order_filled')).toEqual([]);
    const filled = engine.handle(tick(105.5));
    expect(ofType(filled, 'order_filled')[0]).toMatchObject({ price: 106, liquidity: 'MAKER' });
  });

  it('post-only that would take is rejected by the venue; IOC that cannot trade expires', () => {
    const { engine } = makeEngine();
    engine.handle(tick(100));
    const po = engine.handle(
      order('po', 'BUY', 1, { type: 'LIMIT', price: 101 }, { postOnly: true }),
    );
    expect(po.find((e) => e.type === 'order_rejected')).toMatchObject({
      reason: 'post_only: order would take liquidity',
    });
    const ioc = engine.handle(order('ioc', 'BUY', 1, { type: 'LIMIT', price: 99 }, { tif: 'IOC' }));
    expect(ioc.find((e) => e.type === 'order_expired')).toMatchObject({
      reason: 'IOC: not marketable on arrival',
    });
    expect(engine.state.balances.get(asset('USDT'))).toEqual({ free: 10_000, locked: 0 });
  });

  it('a marketable limit fills at the current price as taker', () => {
    const { engine } = makeEngine();
    engine.handle(tick(100));
    const ev = engine.handle(order('l', 'BUY', 1, { type: 'LIMIT', price: 101 }));
    expect(ofType(ev, 'order_filled')[0]).toMatchObject({ price: 100, liquidity: 'TAKER' });
    // Reserved 101, paid 100: the difference is free again.
    expect(engine.state.balances.get(asset('USDT'))).toEqual({ free: 9_900, locked: 0 });
  });
});

describe('Engine: cancels', () => {
  it('cancel releases the reservation; unknown and finished orders are reported, not changed', () => {
    const { engine } = makeEngine();
    engine.handle(tick(100));
    engine.handle(order('c', 'BUY', 1, { type: 'LIMIT', price: 95 }));
    const ev = engine.handle(cancel('c'));
    expect(ev.map((e) => e.type)).toEqual(['order_cancelled', 'account_reported']);
    expect(engine.state.balances.get(asset('USDT'))).toEqual({ free: 10_000, locked: 0 });
    expect(engine.handle(cancel('nope'))).toEqual([
      expect.objectContaining({ type: 'cancel_rejected', reason: 'unknown client_order_id' }),
    ]);
    const again = engine.handle(cancel('c'));
    expect(again).toEqual([expect.objectContaining({ type: 'cancel_ignored' })]);
    expect(engine.state.orders.get(clientOrderId('c'))?.status).toBe('CANCELLED');
  });
});

describe('Engine: instrument filters', () => {
  const cases: [string, ReturnType<typeof order>, string][] = [
    [
      'unknown symbol',
      order('u', 'BUY', 1, { type: 'LIMIT', price: 1 }, { symbol: 'FOOBAR' }),
      'unknown symbol FOOBAR',
    ],
    [
      'tick size',
      order('t', 'BUY', 0.01, { type: 'LIMIT', price: 49_000.005 }),
      'tick_size: price 49000.005 is not a multiple of 0.01',
    ],
    [
      'lot size',
      order('l', 'BUY', 0.000015, { type: 'LIMIT', price: 49_000 }),
      'lot_size: qty 0.000015 is not a multiple of 0.00001',
    ],
    [
      'min notional',
      order('n', 'BUY', 0.0001, { type: 'LIMIT', price: 40_000 }),
      'min_notional: 4 < 5',
    ],
    [
      'min qty',
      order('q', 'BUY', 0.000001, { type: 'LIMIT', price: 49_000 }),
      'min_qty: 0.000001 < 0.00001',
    ],
    [
      'reduce-only flat',
      order('r', 'SELL', 0.01, { type: 'LIMIT', price: 49_000 }, { reduceOnly: true }),
      'reduce_only: position 0 cannot be reduced by a SELL',
    ],
  ];
  for (const [name, cmd, reason] of cases) {
    it(`rejects on ${name}`, () => {
      const { engine } = makeEngine();
      engine.handle(tick(49_000));
      const ev = engine.handle(cmd);
      expect(ofType(ev, 'order_denied')[0]?.reason).toBe(reason);
      expect(engine.state.balances.get(asset('USDT'))).toEqual({ free: 10_000, locked: 0 });
    });
  }
});

describe('Engine: pre-trade risk', () => {
  it('max_order_notional names the numbers', () => {
    const { engine } = makeEngine({ risk: { maxOrderNotional: 50_000 }, usdt: 100_000 });
    engine.handle(tick(60_000));
    const ev = engine.handle(order('big', 'BUY', 1, { type: 'LIMIT', price: 60_000 }));
    expect(ofType(ev, 'order_denied')[0]?.reason).toBe('max_order_notional: 60000 > 50000');
  });

  it('price_band, max_open_orders, order_rate and max_position', () => {
    const { engine, clock } = makeEngine({
      risk: {
        priceBand: 0.1,
        maxOpenOrders: 2,
        maxOrdersPerWindow: 2,
        orderRateWindowMs: 1000,
        maxPositionNotional: 1_000,
      },
    });
    engine.handle(tick(100));
    const band = engine.handle(order('b', 'BUY', 1, { type: 'LIMIT', price: 85 }));
    expect(ofType(band, 'order_denied')[0]?.reason).toBe(
      'price_band: 85 is 15.00% from last 100 > 10.00%',
    );
    engine.handle(order('o1', 'BUY', 1, { type: 'LIMIT', price: 95 }));
    engine.handle(order('o2', 'BUY', 1, { type: 'LIMIT', price: 95 }));
    // Denied orders do not count as submissions; o1 and o2 do.
    const rate = engine.handle(order('o3', 'BUY', 1, { type: 'LIMIT', price: 95 }));
    expect(ofType(rate, 'order_denied')[0]?.reason).toBe('order_rate: 3 orders in 1000 ms > 2');
    clock.advanceTo(clock.now() + 1001);
    const open = engine.handle(order('o4', 'BUY', 1, { type: 'LIMIT', price: 95 }));
    expect(ofType(open, 'order_denied')[0]?.reason).toBe('max_open_orders: 3 > 2');
    engine.handle(cancel('o1'));
    engine.handle(cancel('o2'));
    const pos = engine.handle(order('o5', 'BUY', 11, { type: 'LIMIT', price: 95 }));
    expect(ofType(pos, 'order_denied')[0]?.reason).toBe('max_position_notional: 1045 > 1000');
    const okOrder = engine.handle(order('o6', 'BUY', 10, { type: 'LIMIT', price: 95 }));
    expect(ofType(okOrder, 'order_submitted')).toHaveLength(1);
  });

  it('kill switch: a drawdown beyond the limit cancels all open orders and rejects new ones', () => {
    const { engine } = makeEngine({ risk: { maxDrawdown: 0.1 } });
    engine.handle(tick(100));
    engine.handle(order('buy', 'BUY', 50, { type: 'MARKET' })); // 5000 in BTC at 100
    engine.handle(order('resting', 'BUY', 10, { type: 'LIMIT', price: 50 }));
    // Equity 10000 → 5000 + 50 × 79 = 8950: drawdown 10.5 %.
    const ev = engine.handle(tick(79));
    const trip = ofType(ev, 'kill_switch_tripped')[0];
    expect(trip?.reason).toBe('drawdown 10.50% > 10.00%');
    expect(engine.state.orders.get(clientOrderId('resting'))?.status).toBe('CANCELLED');
    const denied = engine.handle(order('late', 'BUY', 1, { type: 'LIMIT', price: 79 }));
    expect(ofType(denied, 'order_denied')[0]?.reason).toBe(
      'kill_switch: tripped (drawdown 10.50% > 10.00%)',
    );
  });

  it('kill switch: daily loss is measured from the UTC day start equity', () => {
    const day = 86_400_000;
    const { engine, clock } = makeEngine({
      risk: { maxDailyLoss: 0.05 },
      startMs: 10 * day + 1000,
    });
    engine.handle(tick(100));
    // 90 BTC at 100 (the market reservation needs 90 × 105 ≤ 10000), 1000 USDT left.
    expect(
      ofType(engine.handle(order('buy', 'BUY', 90, { type: 'MARKET' })), 'order_filled'),
    ).toHaveLength(1);
    engine.handle(tick(120)); // 1000 + 90 × 120 = 11800: peak and day 10's equity
    clock.advanceTo(11 * day + 5);
    engine.handle(tick(119)); // day 11 starts at 1000 + 90 × 119 = 11710
    expect(ofType(engine.handle(tick(113)), 'kill_switch_tripped')).toEqual([]); // 11170: 4.61 %
    const ev = engine.handle(tick(112)); // 11080: (11710 − 11080) / 11710 = 5.38 %
    expect(ofType(ev, 'kill_switch_tripped')[0]?.reason).toBe('daily loss 5.38% > 5.00%');
  });
});

describe('Engine: latency', () => {
  it('reports fall due latency ms after their cause', () => {
    const { engine, clock } = makeEngine({ latencyMs: 50 });
    const t0 = clock.now();
    engine.handle(tick(100));
    const ev = engine.handle(order('a', 'BUY', 1, { type: 'LIMIT', price: 99 }));
    expect(ev.map((e) => e.type)).toEqual(['order_submitted', 'account_reported']);
    expect(engine.nextDueTs()).toBe(t0 + 50);
    clock.advanceTo(t0 + 50);
    expect(engine.poll().map((e) => e.type)).toEqual(['order_accepted']);
    engine.handle(tick(98));
    expect(engine.state.orders.get(clientOrderId('a'))?.status).toBe('ACCEPTED');
    clock.advanceTo(t0 + 100);
    const fill = engine.poll();
    expect(ofType(fill, 'order_filled')[0]).toMatchObject({ price: 99, status: 'FILLED' });
  });

  it('a market order that reaches the venue after a jump beyond protection expires', () => {
    const { engine, clock } = makeEngine({ latencyMs: 10, marketProtection: 0.05 });
    engine.handle(tick(100));
    engine.handle(order('m', 'BUY', 1, { type: 'MARKET' }));
    engine.handle(tick(110));
    clock.advanceTo(clock.now() + 20);
    const ev = engine.poll();
    expect(ofType(ev, 'order_expired')[0]?.reason).toMatch(
      /^market_protection: price 110 beyond 105/,
    );
    expect(engine.state.balances.get(asset('USDT'))).toEqual({ free: 10_000, locked: 0 });
  });
});

describe('Engine: execution reports from a live venue', () => {
  it('partial fills update average price, position and balances; overfills are refused', () => {
    const { engine } = makeEngine({ venue: new ExternalVenue(), takerBps: 10 });
    engine.handle(tick(100));
    engine.handle(order('x', 'BUY', 2, { type: 'LIMIT', price: 100 }));
    expect(engine.state.orders.get(clientOrderId('x'))?.status).toBe('NEW');
    const exec = (
      status: 'ACCEPTED' | 'PARTIALLY_FILLED' | 'FILLED',
      q: number | null,
      p: number | null,
    ) =>
      engine.handle({
        type: 'execution_report',
        clientOrderId: clientOrderId('x'),
        status,
        fillQty: q,
        fillPrice: p,
        fee: null,
        feeAsset: null,
        venueOrderId: 'V1',
        reason: null,
        liquidity: 'TAKER',
      });
    exec('ACCEPTED', null, null);
    exec('PARTIALLY_FILLED', 0.5, 98);
    const over = exec('PARTIALLY_FILLED', 2, 98);
    expect(ofType(over, 'command_failed')[0]?.message).toBe('fill_qty 2 exceeds remaining 1.5');
    exec('FILLED', 1.5, 99);
    const o = engine.state.orders.get(clientOrderId('x'));
    expect(o?.status).toBe('FILLED');
    expect(o && o.cumQuote / o.executedQty).toBeCloseTo((0.5 * 98 + 1.5 * 99) / 2, 12);
    const pos = engine.state.positions.get(symbolId('BTCUSDT'));
    expect(pos?.qty).toBeCloseTo(2, 12);
    expect(pos?.avgPrice).toBeCloseTo(98.75, 12);
    const fees = (0.5 * 98 + 1.5 * 99) * 0.001;
    expect(engine.state.balances.get(asset('USDT'))?.free).toBeCloseTo(10_000 - 197.5 - fees, 9);
    expect(engine.state.balances.get(asset('USDT'))?.locked).toBe(0);
  });
});

describe('Engine: a live fill whose fee is taken from the asset it brings in', () => {
  it("books a buy's fee in the base it bought, from a zero base balance; a fee beyond it is refused", () => {
    const { engine } = makeEngine({ venue: new ExternalVenue() });
    engine.handle(tick(100));
    const fill = (id: string, fee: number) => {
      engine.handle(order(id, 'BUY', 1, { type: 'LIMIT', price: 100 }));
      return engine.handle({
        type: 'execution_report',
        clientOrderId: clientOrderId(id),
        status: 'FILLED',
        fillQty: 1,
        fillPrice: 100,
        fee,
        feeAsset: 'BTC',
        venueOrderId: `V-${id}`,
        reason: null,
        liquidity: 'MAKER',
      });
    };
    expect(engine.state.balances.get(asset('BTC'))?.free ?? 0).toBe(0);
    expect(ofType(fill('b1', 0.001), 'command_failed')).toEqual([]);
    expect(engine.state.balances.get(asset('BTC'))?.free).toBeCloseTo(0.999, 12);
    expect(engine.state.balances.get(asset('USDT'))?.free).toBeCloseTo(10_000 - 100, 9);
    // 0.999 held + 1 bought covers a fee of 1.999 at most, not 2.5.
    expect(ofType(fill('b2', 2.5), 'command_failed')[0]?.message).toBe(
      'fill needs 1.5 BTC but only 0.999 is reserved or free',
    );
  });
});

describe('Engine: trackRisk off (backtests with every limit off)', () => {
  it('skips only the risk bookkeeping: orders, balances and positions are the same as with it on', () => {
    const session = (trackRisk: boolean) => {
      const { config, clock } = makeEngine();
      const engine = new Engine(
        { ...config, trackRisk },
        clock,
        new SimulatedVenue({ latencyMs: 0, marketProtection: config.marketProtection }),
      );
      engine.deposit(asset('USDT'), 10_000);
      engine.handle(tick(100));
      engine.handle(order('m1', 'BUY', 2, { type: 'MARKET' }));
      engine.handle(order('l1', 'SELL', 1, { type: 'LIMIT', price: 110 }));
      clock.advanceTo(clock.now() + 86_400_000);
      engine.handle(tick(111));
      return engine.state;
    };
    const on = session(true);
    const off = session(false);
    expect([...off.orders]).toEqual([...on.orders]);
    expect([...off.balances]).toEqual([...on.balances]);
    expect([...off.positions]).toEqual([...on.positions]);
    // With it on the rolling figures move; with it off they keep their initial values.
    expect(on.risk.peakEquity).toBeGreaterThan(10_000);
    expect(on.risk.recentOrderTs.length).toBeGreaterThan(0);
    expect(off.risk).toEqual({
      recentOrderTs: [],
      peakEquity: 0,
      day: -1,
      dayStartEquity: 0,
      killSwitch: null,
    });
  });
});
