import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock';
import { Engine, type EngineConfig, equity } from '../../engine';
import {
  asset,
  clientOrderId,
  type EngineCommand,
  type Instrument,
  liquidationPrice,
  symbolId,
} from '../../model';
import { SimulatedVenue } from '../../venue';
import { NO_RISK_LIMITS } from '../risk-limits';
import { exposureOf, netExposures } from './exposure';
import { perpMarginAt } from './perp-margin';
import { snapshotEquity, snapshotOf } from './portfolio-snapshot';
import { stressTest, uniformShock } from './stress';

const USDT = asset('USDT');
const ETH = asset('ETH');
const BTC = asset('BTC');
const SPOT_ETH: Instrument = {
  symbol: symbolId('ETHUSDT'),
  base: ETH,
  quote: USDT,
  tickSize: 0.01,
  lotSize: 0.0001,
  minQty: 0.0001,
  minNotional: 5,
};
const PERP_BTC: Instrument = {
  symbol: symbolId('BTCUSDT'),
  base: BTC,
  quote: USDT,
  tickSize: 0.1,
  lotSize: 0.001,
  minQty: 0.001,
  minNotional: 5,
  margin: { leverage: 5, maintenanceMarginRate: 0.01 },
};

const tick = (sym: string, price: number): EngineCommand => ({
  type: 'market_tick',
  symbol: symbolId(sym),
  price,
  ts: null,
});
const market = (id: string, sym: string, side: 'BUY' | 'SELL', qty: number): EngineCommand => ({
  type: 'submit_order',
  request: {
    type: 'MARKET',
    clientOrderId: clientOrderId(id),
    symbol: symbolId(sym),
    side,
    qty,
    tif: 'GTC',
    postOnly: false,
    reduceOnly: false,
  },
});

/** 10 000 USDT; long 2 ETH spot at 2000; short 0.1 BTC perp (5×) at 40 000; marks 2100, 41 000. */
function engine(): Engine {
  const config: EngineConfig = {
    accountAsset: USDT,
    instruments: [SPOT_ETH, PERP_BTC],
    fees: { makerBps: 0, takerBps: 0 },
    risk: NO_RISK_LIMITS,
    marketProtection: 0.05,
  };
  const e = new Engine(
    config,
    new VirtualClock(1_700_000_000_000),
    new SimulatedVenue({ latencyMs: 0, marketProtection: 0.05 }),
  );
  e.deposit(USDT, 10_000);
  e.handle(tick('ETHUSDT', 2000));
  e.handle(tick('BTCUSDT', 40_000));
  e.handle(market('e1', 'ETHUSDT', 'BUY', 2));
  e.handle(market('b1', 'BTCUSDT', 'SELL', 0.1));
  e.handle(tick('ETHUSDT', 2100));
  e.handle(tick('BTCUSDT', 41_000));
  return e;
}

describe('portfolio snapshot and exposure', () => {
  it('reads the engine state; its equity is the engine’s', () => {
    const e = engine();
    const s = snapshotOf(e.state);
    // cash = 10 000 − 4 000 (ETH) = 6 000, margin 800 is locked inside it.
    expect(s.cash).toBeCloseTo(6000, 9);
    expect(s.spot).toEqual([{ asset: ETH, qty: 2, price: 2100 }]);
    expect(s.perps).toHaveLength(1);
    expect(s.perps[0]).toMatchObject({ asset: BTC, qty: -0.1, avgPrice: 40_000, mark: 41_000 });
    // 6000 + 4200 − 100 = 10 100.
    expect(snapshotEquity(s)).toBeCloseTo(10_100, 9);
    expect(snapshotEquity(s)).toBeCloseTo(equity(e.state), 9);
  });

  it('gross and net by asset', () => {
    const x = exposureOf(snapshotOf(engine().state));
    expect(x.byAsset).toEqual([
      { asset: ETH, long: 4200, short: 0, net: 4200, gross: 4200 },
      { asset: BTC, long: 0, short: 4100, net: -4100, gross: 4100 },
    ]);
    expect(x.gross).toBeCloseTo(8300, 9);
    expect(x.net).toBeCloseTo(100, 9);
    expect(x.grossLeverage).toBeCloseTo(8300 / 10_100, 12);
    expect(Array.from(netExposures(x, [BTC, ETH, asset('SOL')]))).toEqual([-4100, 4200, 0]);
  });
});

describe('stress tests', () => {
  it('hand-computed: all prices −20 %', () => {
    const r = stressTest(snapshotOf(engine().state), uniformShock(-0.2));
    // ETH: 2 × 2100 × −0.2 = −840; BTC short: −0.1 × (32 800 − 41 000) = +820.
    expect(r.pnl).toBeCloseTo(-20, 9);
    expect(r.pnlByAsset.map((x) => [x.asset, Math.round(x.pnl)])).toEqual([
      [ETH, -840],
      [BTC, 820],
    ]);
    expect(r.equityAfter).toBeCloseTo(10_080, 9);
    expect(r.liquidated).toEqual([]);
  });

  it('hand-computed: BTC +20 % liquidates the 5× short', () => {
    const shocks = { byAsset: new Map([[BTC, 0.2]]), others: 0 };
    const r = stressTest(snapshotOf(engine().state), shocks);
    const p = r.perps[0];
    expect(p).toBeDefined();
    if (p === undefined) return;
    // Liquidation at 40 000 × (1 + 0.2 − 0.01) = 47 600; mark 49 200 is past it.
    expect(p.after.liquidationPrice).toBeCloseTo(47_600, 6);
    expect(p.markAfter).toBeCloseTo(49_200, 6);
    expect(p.pnl).toBeCloseTo(-820, 9);
    // Before: posted 800, equity 800 − 100 = 700, maintenance 40 → ratio 40/700.
    expect(p.before.marginRatio).toBeCloseTo(40 / 700, 12);
    expect(p.before.distanceToLiquidation).toBeCloseTo((47_600 - 41_000) / 41_000, 12);
    // After: equity 800 − 920 < 0.
    expect(p.after.marginRatio).toBe(Number.POSITIVE_INFINITY);
    expect(p.after.distanceToLiquidation).toBeLessThan(0);
    expect(r.liquidated).toEqual([symbolId('BTCUSDT')]);
  });

  it('margin ratio is 1 exactly at the engine’s liquidation price (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 0.05, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }).filter((q) => Math.abs(q) > 1e-6),
        (leverage, mmr, avg, qty) => {
          const margin = { leverage, maintenanceMarginRate: mmr };
          fc.pre(1 / leverage > mmr);
          const liq = liquidationPrice(margin, qty, avg) as number;
          const p = { symbol: symbolId('X'), asset: BTC, qty, avgPrice: avg, mark: avg, margin };
          const at = perpMarginAt(p, liq);
          expect(at.marginRatio).toBeCloseTo(1, 9);
          expect(at.distanceToLiquidation).toBeCloseTo(0, 12);
          expect(at.liquidated).toBe(true);
          expect(perpMarginAt(p, avg).liquidated).toBe(false);
        },
      ),
    );
  });
});
