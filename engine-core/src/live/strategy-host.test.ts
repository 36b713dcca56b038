import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../backtest';
import { VirtualClock } from '../clock';
import { Engine, type EngineConfig } from '../engine';
import { barAt, type Candles } from '../market';
import { asset, type EngineEvent, symbolId } from '../model';
import { NO_RISK_LIMITS } from '../risk';
import { type Strategy, smaCross } from '../strategy';
import { SimulatedVenue } from '../venue';
import { StrategyHost } from './strategy-host';

const SYM = symbolId('WALK');

/** A seeded walk whose every open is the previous close (so "next open" = "this close"). */
function walk(n: number, seed: number): Candles {
  let s = seed;
  const rnd = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const cols = { time: [], open: [], high: [], low: [], close: [], volume: [] } as Record<
    string,
    number[]
  >;
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p = p * (1 + (rnd() - 0.5) * 0.03);
    cols.time?.push(1_700_000_000_000 + i * 60_000);
    cols.open?.push(o);
    cols.close?.push(p);
    cols.high?.push(Math.max(o, p) * 1.001);
    cols.low?.push(Math.min(o, p) * 0.999);
    cols.volume?.push(5);
  }
  const f = (k: string) => Float64Array.from(cols[k] ?? []);
  return {
    symbol: 'WALK',
    interval: '1m',
    intervalMs: 60_000,
    length: n,
    time: f('time'),
    open: f('open'),
    high: f('high'),
    low: f('low'),
    close: f('close'),
    volume: f('volume'),
  };
}

/** A paper engine: simulated venue, no latency, fees as in the backtest, no filters. */
function paperEngine(fees: { makerBps: number; takerBps: number }) {
  const config: EngineConfig = {
    accountAsset: asset('QUOTE'),
    instruments: [
      {
        symbol: SYM,
        base: asset('BASE'),
        quote: asset('QUOTE'),
        tickSize: 0,
        lotSize: 0,
        minQty: 0,
        minNotional: 0,
      },
    ],
    fees,
    risk: NO_RISK_LIMITS,
    marketProtection: 0,
  };
  const clock = new VirtualClock(0);
  const engine = new Engine(
    config,
    clock,
    new SimulatedVenue({ latencyMs: 0, marketProtection: 0 }),
  );
  engine.deposit(asset('QUOTE'), 10_000);
  return { engine, clock };
}

/** Drives a host bar by bar: the engine sees each close as a tick, then the bar closes. */
function runHosted(
  c: Candles,
  strategy: Strategy,
  params: Record<string, number>,
  cfg = DEFAULT_BACKTEST_CONFIG,
) {
  const { engine, clock } = paperEngine({ makerBps: cfg.makerFeeBps, takerBps: cfg.feeBps });
  const emitted: EngineEvent[] = [];
  const host = new StrategyHost({
    engine,
    symbol: SYM,
    strategy,
    params,
    interval: '1m',
    intervalMs: 60_000,
    now: () => clock.now(),
    emit: (ev) => emitted.push(...ev),
  });
  host.start();
  const equity: number[] = [];
  for (let i = 0; i < c.length; i++) {
    const close = c.close[i] as number;
    clock.advanceTo((c.time[i] as number) + 59_999);
    host.onEngineEvents(
      engine.handle({ type: 'market_tick', symbol: SYM, price: close, ts: null }),
    );
    // Equity at this close, before the strategy acts on it (as the backtest marks it).
    equity.push(host.equity());
    host.pushBar(barAt(c, i));
  }
  return { host, emitted, equity, engine };
}

describe('StrategyHost: the backtest’s strategy object, unchanged, on a paper engine', () => {
  it.each([
    ['the default fees', DEFAULT_BACKTEST_CONFIG],
    ['a maker fee above the taker fee', { ...DEFAULT_BACKTEST_CONFIG, feeBps: 5, makerFeeBps: 10 }],
  ])('sma-cross makes the same trades at the same prices as in the backtest (%s)', (_, cfg) => {
    const c = walk(4000, 11);
    const params = { fast: 8, slow: 21 };
    const bt = runBacktest(c, smaCross, params, cfg);
    const { host, emitted, equity } = runHosted(c, smaCross, params, cfg);
    expect(host.failure).toBeNull();
    const paperFills = emitted.flatMap((e) =>
      e.type === 'order_filled' ? [{ side: e.side, qty: e.qty, price: e.price, fee: e.fee }] : [],
    );
    expect(bt.fills.length).toBeGreaterThan(50);
    // The backtest fills at the next open, which on this walk is this close: the same numbers.
    expect(paperFills.length).toBe(bt.fills.length);
    for (let k = 0; k < paperFills.length; k++) {
      const p = paperFills[k];
      const b = bt.fills[k];
      expect(p?.side).toBe(b?.side);
      expect(p?.price).toBe(b?.price);
      expect(p?.qty).toBeCloseTo(b?.qty as number, 9);
      expect(p?.fee).toBeCloseTo(b?.fee as number, 9);
    }
    // Equity agrees bar by bar (relative 1e-9).
    for (let i = 0; i < c.length; i++)
      expect(Math.abs((equity[i] as number) - (bt.equity[i] as number))).toBeLessThan(
        1e-9 * (bt.equity[i] as number),
      );
  });

  it('a throwing strategy stops itself, cancels its orders, and the engine carries on', () => {
    const c = walk(50, 3);
    const updates: string[] = [];
    const thrower: Strategy = {
      name: 'thrower',
      description: '',
      params: [],
      create: () => ({
        onBar(ctx) {
          if (ctx.bar === 2) {
            const px = ctx.candles.close[ctx.bar] as number;
            ctx.submit({ type: 'LIMIT', side: 'BUY', size: { qty: 1 }, price: px * 0.5 });
          }
          if (ctx.bar === 10) throw new Error('bar ten');
        },
        onOrderUpdate: (_ctx, u) => updates.push(`${u.clientOrderId} ${u.status}`),
      }),
    };
    const { host, engine } = runHosted(c, thrower, {});
    expect(host.failure?.message).toBe('Error: bar ten');
    expect(host.failure?.bar).toBe(10);
    expect(host.running).toBe(false);
    expect(updates).toEqual(['st-1 ACCEPTED']);
    // Its resting order was cancelled; the engine still takes commands.
    expect(engine.state.orders.get('st-1' as never)?.status).toBe('CANCELLED');
    expect(engine.state.balances.get(asset('QUOTE'))?.locked).toBe(0);
    const ev = engine.handle({ type: 'query', what: 'account' });
    expect(ev.some((e) => e.type === 'account_reported')).toBe(true);
  });

  it('grows its candles bar by bar and ignores a bar that is not after the last', () => {
    const c = walk(3000, 5);
    const seen: number[] = [];
    const probe: Strategy = {
      name: 'probe',
      description: '',
      params: [],
      create: () => ({ onBar: (ctx) => void seen.push(ctx.candles.length, ctx.bar) }),
    };
    const { host } = runHosted(c, probe, {});
    expect(host.candles.length).toBe(3000);
    expect(Array.from(host.candles.close)).toEqual(Array.from(c.close));
    expect(seen.slice(0, 4)).toEqual([1, 0, 2, 1]);
    host.pushBar(barAt(c, 5));
    expect(host.candles.length).toBe(3000);
  });

  it('a host started on an engine that knows its ids goes on after them (a reopened session)', () => {
    const c = walk(20, 9);
    const buyer: Strategy = {
      name: 'buyer',
      description: '',
      params: [],
      create: () => ({
        onBar(ctx) {
          if (ctx.bar % 5 === 0) {
            const px = ctx.candles.close[ctx.bar] as number;
            ctx.submit({ type: 'LIMIT', side: 'BUY', size: { qty: 0.01 }, price: px * 0.5 });
          }
        },
      }),
    };
    const { engine, clock } = paperEngine({ makerBps: 0, takerBps: 0 });
    const rejected: EngineEvent[] = [];
    const run = () => {
      const host = new StrategyHost({
        engine,
        symbol: SYM,
        strategy: buyer,
        params: {},
        interval: '1m',
        intervalMs: 60_000,
        now: () => clock.now(),
        emit: (ev) => rejected.push(...ev.filter((e) => e.type === 'duplicate_order_rejected')),
      });
      host.start();
      for (let i = 0; i < c.length; i++) host.pushBar(barAt(c, i));
      return host;
    };
    run();
    const second = run();
    expect(rejected).toEqual([]);
    expect([...engine.state.orders.keys()]).toEqual([
      'st-1',
      'st-2',
      'st-3',
      'st-4',
      'st-5',
      'st-6',
      'st-7',
      'st-8',
    ]);
    // The second run sees the first one's orders as its own (same prefix): it resumes them.
    expect(second.openOrders()).toHaveLength(8);
  });
});
