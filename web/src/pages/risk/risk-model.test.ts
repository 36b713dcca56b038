import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../engine-core/src/clock';
import { Engine, type EngineConfig } from '../../../../engine-core/src/engine';
import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';
import type { CandleBar } from '../../../../engine-core/src/market';
import {
  type Asset,
  asset,
  type Instrument,
  type PositionView,
  symbolId,
} from '../../../../engine-core/src/model';
import {
  exposureOf,
  NO_RISK_LIMITS,
  normalPdf,
  normalQuantile,
  snapshotOf,
} from '../../../../engine-core/src/risk';
import { order } from '../../../../engine-core/src/testing/engine-fixtures';
import { SimulatedVenue } from '../../../../engine-core/src/venue';
import { accountView } from '../../paper/paper-view';
import { MIN_RETURNS, pickReturns } from './risk-returns';
import { snapshotFromView } from './risk-snapshot';
import { SHOCKS, stressRows } from './risk-stress';
import { varRows } from './risk-var';

const USDT = asset('USDT');
const BTC = asset('BTC');
const BTCUSDT = symbolId('BTCUSDT');
const CONFIG: EngineConfig = {
  accountAsset: USDT,
  instruments: KNOWN_INSTRUMENTS,
  fees: { makerBps: 10, takerBps: 10 },
  risk: NO_RISK_LIMITS,
  marketProtection: 0.05,
};

const bar = (time: number, close: number): CandleBar => ({
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

describe('the paper account as a portfolio snapshot', () => {
  it('matches engine-core’s snapshot of the same engine state', () => {
    const engine = new Engine(
      CONFIG,
      new VirtualClock(1_000),
      new SimulatedVenue({ latencyMs: 0, marketProtection: 0.05 }),
    );
    engine.deposit(USDT, 10_000);
    engine.handle({ type: 'market_tick', symbol: BTCUSDT, price: 100, ts: null });
    engine.handle(order('t1', 'BUY', 2, { type: 'MARKET' }));
    engine.handle({ type: 'market_tick', symbol: BTCUSDT, price: 110, ts: null });
    const a = accountView(engine);
    const feed = { source: 'binance', symbol: 'BTCUSDT' } as const;
    const mine = snapshotFromView({ ...a, lastPrice: 110, feed }, KNOWN_INSTRUMENTS);
    expect(mine).toEqual(snapshotOf(engine.state));
    // By hand: 2 BTC at 110 = 220 USDT long; equity = 10 000 − 200 − 0.2 fee + 220.
    const e = exposureOf(mine);
    expect(e.byAsset).toEqual([{ asset: BTC, long: 220, short: 0, net: 220, gross: 220 }]);
    expect(e.equity).toBeCloseTo(10_019.8, 9);
  });
});

describe('stress table', () => {
  const PERP: Instrument = {
    symbol: symbolId('ETHPERP'),
    base: asset('ETH'),
    quote: USDT,
    tickSize: 0.01,
    lotSize: 0.001,
    minQty: 0.001,
    minNotional: 5,
    margin: { leverage: 5, maintenanceMarginRate: 0.01 },
  };
  const perpPos: PositionView = {
    symbol: PERP.symbol,
    qty: -0.5,
    avgPrice: 2_000,
    realizedPnl: 0,
    unrealizedPnl: 0,
    markPrice: 2_000,
    liquidationPrice: 2_380,
  };
  const snap = snapshotFromView(
    {
      balances: [
        { asset: USDT, free: 9_000, locked: 200 },
        { asset: BTC, free: 0.1, locked: 0 },
      ],
      positions: [perpPos],
      lastPrice: 40_000,
      feed: { source: 'binance', symbol: 'BTCUSDT' },
    },
    [...KNOWN_INSTRUMENTS, PERP],
  );

  it('P&L per shock, all assets and each alone, worked out by hand', () => {
    const rows = stressRows(snap);
    expect(rows.map((r) => r.target)).toEqual([
      { kind: 'all' },
      { kind: 'asset', asset: BTC },
      { kind: 'asset', asset: 'ETH' as Asset },
    ]);
    // 0.1 BTC at 40 000 = 4 000 long; 0.5 ETH short at 2 000 = 1 000 short.
    const hand = (x: number) => 4_000 * x - 1_000 * x;
    SHOCKS.forEach((x, i) => {
      expect(rows[0]?.results[i]?.pnl).toBeCloseTo(hand(x), 9);
      expect(rows[1]?.results[i]?.pnl).toBeCloseTo(4_000 * x, 9);
      expect(rows[2]?.results[i]?.pnl).toBeCloseTo(-1_000 * x, 9);
    });
    expect(rows[0]?.results[0]?.equityBefore).toBeCloseTo(9_200 + 4_000, 9);
  });

  it('the short perpetual’s margin after +10 %: ratio and distance to liquidation by hand', () => {
    const plus10 = stressRows(snap)[0]?.results[SHOCKS.indexOf(0.1)];
    const p = plus10?.perps[0];
    // posted = 0.5 × 2 000 ÷ 5 = 200; P&L = −0.5 × 200 = −100; maintenance = 0.01 × 1 000 = 10.
    expect(p?.after.positionEquity).toBeCloseTo(100, 9);
    expect(p?.after.marginRatio).toBeCloseTo(0.1, 9);
    // Short liquidation: 2 000 × (1 + 1/5 − 0.01) = 2 380; the mark after is 2 200.
    expect(p?.after.liquidationPrice).toBeCloseTo(2_380, 9);
    expect(p?.after.distanceToLiquidation).toBeCloseTo((2_380 - 2_200) / 2_200, 9);
  });
});

describe('VaR rows', () => {
  // Returns (i − 20) / 1000, i = 0..39: a 1 000 USDT holding earns i − 20 USDT in period i.
  const closes = [100];
  for (let i = 0; i < 40; i++) closes.push((closes[i] as number) * (1 + (i - 20) / 1000));
  const candles = [...closes.map((c, i) => bar(i * 3_600_000, c)), bar(40 * 3_600_000, 1)];

  it('uses the paper feed’s closed bars (the forming one left out) once there are enough', () => {
    const s = pickReturns({ asset: BTC, candles }, null);
    expect(s?.source).toBe('paper');
    expect(s?.returns.length).toBe(40);
    for (const [i, r] of (s?.returns ?? []).entries()) expect(r).toBeCloseTo((i - 20) / 1000, 12);
    const few = pickReturns({ asset: BTC, candles: candles.slice(0, MIN_RETURNS) }, null);
    expect(few).toBeNull();
  });

  it('historical and parametric VaR/ES at 95 %, 1 period, by hand', () => {
    const s = pickReturns({ asset: BTC, candles }, null);
    if (s === null) throw new Error('no series');
    const [hist, para, mc] = varRows(s, 1_000, 0.95, 1);
    // Losses 20 − i, sorted −19..20; VaR is the ⌈40 × 0.95⌉ = 38th: 18; ES = (19 + 20) / 2.
    expect(hist?.ok && hist.var).toBeCloseTo(18, 6);
    expect(hist?.ok && hist.es).toBeCloseTo(19.5, 6);
    // P&L i − 20: mean −0.5, sample variance Σ(i − 19.5)² / 39 = 40 × 133.25 / 39.
    const sd = Math.sqrt((40 * 133.25) / 39);
    const z = normalQuantile(0.95);
    expect(para?.ok && para.var).toBeCloseTo(0.5 + sd * z, 6);
    expect(para?.ok && para.es).toBeCloseTo(0.5 + (sd * normalPdf(z)) / 0.05, 6);
    // Monte Carlo on the same normal model: within a few % of the closed form.
    expect(mc?.ok && Math.abs(mc.var / (0.5 + sd * z) - 1)).toBeLessThan(0.05);
  });

  it('10 periods: historical over overlapping compounded windows; parametric scales by √10', () => {
    const s = pickReturns({ asset: BTC, candles }, null);
    if (s === null) throw new Error('no series');
    const [hist, para] = varRows(s, 1_000, 0.99, 10);
    const r = (i: number) => (i - 20) / 1000;
    const losses: number[] = [];
    for (let t = 0; t + 10 <= 40; t++) {
      let g = 1;
      for (let k = t; k < t + 10; k++) g *= 1 + r(k);
      losses.push(-1_000 * (g - 1));
    }
    losses.sort((a, b) => a - b);
    // 31 windows: VaR is the ⌈31 × 0.99⌉ = 31st, the worst.
    expect(hist?.ok && hist.var).toBeCloseTo(losses[30] as number, 6);
    const sd = Math.sqrt((40 * 133.25) / 39);
    expect(para?.ok && para.var).toBeCloseTo(5 + sd * Math.sqrt(10) * normalQuantile(0.99), 6);
  });
});
