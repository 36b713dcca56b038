import { describe, expect, it } from 'vitest';
import { Ledger } from './ledger';
import { MatchingEngine, type PlaceInput } from './matching-engine';
import { BTCUSDT } from './testing';
import type { ExchangeEvent } from './types';

const A = 'acct';

function setup(balances: Record<string, number> = { USDT: 10_000 }) {
  const ledger = new Ledger();
  ledger.open(A, balances);
  const events: ExchangeEvent[] = [];
  let t = 1_000;
  const engine = new MatchingEngine(
    [BTCUSDT],
    ledger,
    () => t++,
    { maker: 0.001, taker: 0.001 },
    (e) => events.push(e),
  );
  const bal = (asset: string) => {
    const b = ledger.balances(A).find((x) => x.asset === asset);
    return { free: b?.free ?? 0, locked: b?.locked ?? 0 };
  };
  return { ledger, engine, events, bal };
}

const order = (o: Partial<PlaceInput>): PlaceInput => ({
  account: A,
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  tif: 'GTC',
  qty: 0.1,
  price: 19_000,
  stopPrice: 0,
  clientOrderId: 'c1',
  ...o,
});

describe('local Binance: matching and balances (hand-computed)', () => {
  it('a resting limit buy locks quote, fills as maker when the price crosses, then a market sell', () => {
    const { engine, bal, events } = setup();
    engine.setPrice('BTCUSDT', 20_000);
    const r = engine.place(order({}));
    expect(r.ok && r.order.status).toBe('NEW');
    // 0.1 × 19 000 = 1 900 locked.
    expect(bal('USDT')).toEqual({ free: 8_100, locked: 1_900 });
    engine.setPrice('BTCUSDT', 18_900);
    // Fills at its limit (maker), fee 0.1% of 0.1 BTC = 0.0001 BTC.
    expect(bal('USDT')).toEqual({ free: 8_100, locked: 0 });
    expect(bal('BTC')).toEqual({ free: 0.0999, locked: 0 });
    const fill = events.find((e) => e.kind === 'execution' && e.execType === 'TRADE');
    expect(fill?.kind === 'execution' && fill.trade).toMatchObject({
      price: 19_000,
      qty: 0.1,
      commission: 0.0001,
      commissionAsset: 'BTC',
      isMaker: true,
    });
    const s = engine.place(
      order({ side: 'SELL', type: 'MARKET', tif: null, qty: 0.05, clientOrderId: 'c2' }),
    );
    expect(s.ok && s.order.status).toBe('FILLED');
    // 0.05 × 18 900 = 945 USDT, fee 0.945 USDT → +944.055.
    expect(bal('USDT')).toEqual({ free: 9_044.055, locked: 0 });
    expect(bal('BTC')).toEqual({ free: 0.0499, locked: 0 });
  });

  it('a crossing limit takes at the current price and returns the surplus of its lock', () => {
    const { engine, bal } = setup();
    engine.setPrice('BTCUSDT', 18_000);
    const r = engine.place(order({ price: 19_000 }));
    expect(r.ok && r.fills.map((f) => [f.price, f.qty, f.isMaker])).toEqual([[18_000, 0.1, false]]);
    // Paid 1 800 (not the 1 900 locked).
    expect(bal('USDT')).toEqual({ free: 8_200, locked: 0 });
  });

  it('refusals: LIMIT_MAKER that would take, duplicate open id, insufficient balance, filters', () => {
    const { engine, bal } = setup({ USDT: 1_000 });
    engine.setPrice('BTCUSDT', 18_900);
    const err = (i: PlaceInput) => {
      const r = engine.place(i);
      return r.ok ? null : [r.error.code, r.error.msg];
    };
    expect(err(order({ type: 'LIMIT_MAKER', tif: null, qty: 0.01 }))).toEqual([
      -2010,
      'Order would immediately match and take.',
    ]);
    expect(err(order({ qty: 0.01, price: 18_000 }))).toBeNull();
    expect(err(order({ qty: 0.01, price: 18_000 }))).toEqual([-2010, 'Duplicate order sent.']);
    expect(err(order({ qty: 1, price: 18_000, clientOrderId: 'c3' }))).toEqual([
      -2010,
      'Account has insufficient balance for requested action.',
    ]);
    expect(err(order({ qty: 0.000015, clientOrderId: 'c4' }))).toEqual([
      -1013,
      'Filter failure: LOT_SIZE',
    ]);
    expect(err(order({ qty: 0.01, price: 18_000.005, clientOrderId: 'c5' }))).toEqual([
      -1013,
      'Filter failure: PRICE_FILTER',
    ]);
    expect(err(order({ qty: 0.0002, price: 18_000, clientOrderId: 'c6' }))).toEqual([
      -1013,
      'Filter failure: NOTIONAL',
    ]);
    expect(
      err(
        order({
          type: 'STOP_LOSS',
          side: 'SELL',
          tif: null,
          price: 0,
          stopPrice: 19_000,
          qty: 0.01,
          clientOrderId: 'c7',
        }),
      ),
    ).toEqual([-2010, 'Stop price would trigger immediately.']);
    // Only c1 (0.01 × 18 000 = 180) holds balance.
    expect(bal('USDT')).toEqual({ free: 820, locked: 180 });
    expect(engine.cancel(A, 'BTCUSDT', { clientOrderId: 'nope' }, 'x').ok).toBe(false);
    expect(engine.query(A, 'BTCUSDT', { clientOrderId: 'nope' })).toBeNull();
    const c = engine.cancel(A, 'BTCUSDT', { clientOrderId: 'c1' }, 'cx');
    expect(c.ok && c.order.status).toBe('CANCELED');
    expect(bal('USDT')).toEqual({ free: 1_000, locked: 0 });
    // A finished order's id may be used again (Binance: unique among open orders).
    expect(err(order({ qty: 0.01, price: 18_000 }))).toBeNull();
  });

  it('IOC takes what the liquidity allows and expires the rest; FOK fills all or nothing', () => {
    const { engine, bal } = setup();
    engine.setLiquidity('BTCUSDT', 0.03);
    engine.setPrice('BTCUSDT', 18_900);
    const ioc = engine.place(order({ tif: 'IOC' }));
    expect(ioc.ok && [ioc.order.status, ioc.order.executedQty]).toEqual(['EXPIRED', 0.03]);
    // Paid 0.03 × 18 900 = 567; the rest of the 1 900 lock is back.
    expect(bal('USDT')).toEqual({ free: 9_433, locked: 0 });
    expect(bal('BTC').free).toBeCloseTo(0.03 - 0.00003, 10);
    engine.setPrice('BTCUSDT', 18_900);
    const fok = engine.place(order({ tif: 'FOK', clientOrderId: 'c2' }));
    expect(fok.ok && [fok.order.status, fok.order.executedQty, fok.fills.length]).toEqual([
      'EXPIRED',
      0,
      0,
    ]);
    expect(bal('USDT')).toEqual({ free: 9_433, locked: 0 });
  });

  it('a resting GTC limit fills across price ticks when liquidity is capped', () => {
    const { engine } = setup();
    engine.setLiquidity('BTCUSDT', 0.04);
    engine.setPrice('BTCUSDT', 20_000);
    const r = engine.place(order({}));
    for (let k = 0; k < 3; k++) engine.setPrice('BTCUSDT', 18_900);
    expect(r.ok && [r.order.status, r.order.executedQty]).toEqual(['FILLED', 0.1]);
    const trades = engine.trades(A, 'BTCUSDT', { limit: 10 });
    expect(trades.map((t) => t.qty)).toEqual([0.04, 0.04, 0.02]);
  });

  it('fillInPieces splits the next execution into k trades that sum to the order', () => {
    const { engine, events } = setup();
    engine.setPrice('BTCUSDT', 20_000);
    engine.fillInPieces(3);
    const r = engine.place(order({ type: 'MARKET', tif: null, price: 0 }));
    expect(r.ok && r.fills.map((f) => f.qty)).toEqual([0.03333, 0.03333, 0.03334]);
    const statuses = events.flatMap((e) =>
      e.kind === 'execution' ? [`${e.execType}:${e.order.status}`] : [],
    );
    expect(statuses).toEqual([
      'NEW:NEW',
      'TRADE:PARTIALLY_FILLED',
      'TRADE:PARTIALLY_FILLED',
      'TRADE:FILLED',
    ]);
  });

  it('a stop-loss sell triggers when the price falls to its stop and fills at the market', () => {
    const { engine, bal } = setup({ BTC: 1 });
    engine.setPrice('BTCUSDT', 20_000);
    const r = engine.place(
      order({ side: 'SELL', type: 'STOP_LOSS', tif: null, price: 0, stopPrice: 19_500, qty: 0.5 }),
    );
    expect(bal('BTC')).toEqual({ free: 0.5, locked: 0.5 });
    engine.setPrice('BTCUSDT', 19_600);
    expect(r.ok && r.order.status).toBe('NEW');
    engine.setPrice('BTCUSDT', 19_400);
    expect(r.ok && r.order.status).toBe('FILLED');
    // 0.5 × 19 400 = 9 700, fee 9.7 → 9 690.3.
    expect(bal('USDT')).toEqual({ free: 9_690.3, locked: 0 });
    expect(bal('BTC')).toEqual({ free: 0.5, locked: 0 });
  });
});
