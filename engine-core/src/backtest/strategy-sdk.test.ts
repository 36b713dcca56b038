// biome-ignore lint/correctness/noNodejsModules: the test reads its own source
// biome-ignore lint/style/noRestrictedImports: the test reads its own source
import { readFileSync } from 'node:fs';
// biome-ignore lint/correctness/noNodejsModules: the test reads its own source
// biome-ignore lint/style/noRestrictedImports: the test reads its own source
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Candles } from '../market';
import { NO_RISK_LIMITS } from '../risk';
import {
  formatStrategyFailure,
  type Strategy,
  type StrategyContext,
  type StrategyInstance,
  smaCross,
} from '../strategy';
import { DEFAULT_BACKTEST_CONFIG } from './backtest-config';
import { runBacktest } from './run-backtest';

/** Hand-made hourly bars: [open, high, low, close]. */
function bars(rows: [number, number, number, number][]): Candles {
  const n = rows.length;
  const col = (k: number) => Float64Array.from(rows, (r) => r[k] as number);
  return {
    symbol: 'TEST',
    interval: '1h',
    intervalMs: 3_600_000,
    length: n,
    time: Float64Array.from(rows, (_, i) => 1_700_000_000_000 + i * 3_600_000),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: new Float64Array(n).fill(1e6),
  };
}

const strategyOf = (create: () => StrategyInstance): Strategy => ({
  name: 'probe',
  description: 'test probe',
  params: [],
  create,
});

const noFees = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };

describe('strategy SDK in a backtest', () => {
  it('calls init once, then onFill and onOrderUpdate for each order event before the next onBar', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 101, 94, 96], // the limit at 95 fills here
      [96, 97, 95, 96],
    ]);
    const log: string[] = [];
    const strat = strategyOf(() => ({
      init: (ctx) => log.push(`init bar=${ctx.bar} cash=${ctx.cash()}`),
      onBar(ctx) {
        log.push(`bar ${ctx.bar} pos=${ctx.position()} open=${ctx.openOrders().length}`);
        if (ctx.bar === 0) ctx.submit({ type: 'LIMIT', side: 'BUY', size: { qty: 2 }, price: 95 });
      },
      onFill: (ctx, f) =>
        log.push(
          `fill ${f.clientOrderId} ${f.side} ${f.qty}@${f.price} ${f.liquidity} pos=${ctx.position()}`,
        ),
      onOrderUpdate: (_ctx, u) => log.push(`update ${u.clientOrderId} ${u.status}`),
    }));
    const r = runBacktest(c, strat, {}, noFees);
    expect(r.failure).toBeNull();
    expect(log).toEqual([
      'init bar=0 cash=10000',
      'bar 0 pos=0 open=0',
      // caused by onBar 0, delivered as soon as it returns
      'update bt-1 ACCEPTED',
      // the limit fills in bar 1's matching, before onBar 1
      'fill bt-1 BUY 2@95 MAKER pos=2',
      'update bt-1 FILLED',
      'bar 1 pos=2 open=0',
      'bar 2 pos=2 open=0',
    ]);
  });

  it('exposes balances, average price, open orders, cancelAll and the log', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [110, 110, 110, 110],
      [110, 110, 110, 110],
    ]);
    const seen: unknown[] = [];
    const strat = strategyOf(() => ({
      onBar(ctx) {
        if (ctx.bar === 0) ctx.submit({ type: 'MARKET', side: 'BUY', size: { qty: 10 } });
        if (ctx.bar === 1) {
          ctx.submit({ type: 'LIMIT', side: 'SELL', size: { qty: 5 }, price: 200 });
          ctx.submit({ type: 'STOP', side: 'SELL', size: { qty: 5 }, stopPrice: 50 });
          seen.push(ctx.openOrders().map((o) => [o.type, o.side, o.qty, o.price, o.stopPrice]));
          seen.push(ctx.balances().map((b) => [b.asset, b.free, b.locked]));
          seen.push(ctx.avgPrice());
          ctx.log(`equity ${ctx.equity()}`);
        }
        if (ctx.bar === 2) {
          ctx.cancelAll();
          seen.push(ctx.openOrders().length);
          ctx.log(`equity ${ctx.equity()}`);
        }
      },
    }));
    const r = runBacktest(c, strat, {}, noFees);
    expect(seen).toEqual([
      [
        ['LIMIT', 'SELL', 5, 200, null],
        ['STOP', 'SELL', 5, null, 50],
      ],
      [
        ['QUOTE', 9000, 0],
        ['BASE', 0, 10], // the two working sells hold the 10 base bought at bar 1's open
      ],
      100,
      0,
    ]);
    expect(r.logs).toEqual([
      { bar: 1, time: c.time[1] + 3_600_000, message: 'equity 10000' },
      { bar: 2, time: c.time[2] + 3_600_000, message: 'equity 10100' },
    ]);
  });

  it('a strategy that throws stops the run at that bar with its file, line and message', () => {
    const c = bars(Array.from({ length: 10 }, () => [100, 100, 100, 100]));
    const strat = strategyOf(() => ({
      onBar(ctx) {
        if (ctx.bar === 0) ctx.submit({ type: 'MARKET', side: 'BUY', size: { qty: 1 } });
        if (ctx.bar === 4) throw new RangeError('boom at four'); // THROW-LINE
      },
    }));
    const r = runBacktest(c, strat, {}, noFees, { sourceFile: 'strategy-sdk.test.ts' });
    const f = r.failure;
    expect(f).not.toBeNull();
    expect(f?.message).toBe('RangeError: boom at four');
    expect(f?.callback).toBe('onBar');
    expect(f?.bar).toBe(4);
    expect(f?.file).toMatch(/strategy-sdk\.test\.ts$/);
    expect(f?.line).toBe(throwLine());
    expect(formatStrategyFailure(f as NonNullable<typeof f>)).toMatch(
      /strategy-sdk\.test\.ts:\d+:\d+: RangeError: boom at four \(in onBar at bar 4\)$/,
    );
    // The columns end at the failing bar; what was filled before it stays.
    expect(r.equity.length).toBe(5);
    expect(r.fills.length).toBe(1);
    // The next run (same process, same data) is unaffected.
    const ok = runBacktest(c, smaCross, { fast: 2, slow: 3 }, noFees);
    expect(ok.failure).toBeNull();
    expect(ok.equity.length).toBe(10);
  });

  it('an unusable order is a failure naming the field, thrown at the strategy line', () => {
    const c = bars(Array.from({ length: 5 }, () => [100, 100, 100, 100]));
    const cases: [(ctx: StrategyContext) => void, RegExp][] = [
      [
        (ctx) => ctx.submit({ type: 'LIMIT', side: 'BUY', size: { qty: 1 }, price: Number.NaN }),
        /LIMIT price must be a number > 0, got NaN/,
      ],
      [
        (ctx) => ctx.submit({ type: 'MARKET', side: 'BUY', size: { qty: -1 } }),
        /size\.qty must be a number > 0, got -1/,
      ],
      [
        (ctx) => ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1.5 } }),
        /size\.fraction must be in \(0, 1\], got 1\.5/,
      ],
      [
        (ctx) => ctx.submit({ type: 'MARKET', side: 'HOLD' as 'BUY', size: { qty: 1 } }),
        /side must be BUY or SELL, got HOLD/,
      ],
    ];
    for (const [act, msg] of cases) {
      const r = runBacktest(
        c,
        strategyOf(() => ({ onBar: (ctx) => ctx.bar === 2 && act(ctx) })),
        {},
        noFees,
      );
      expect(r.failure?.message).toMatch(/^StrategyInputError: submit: /);
      expect(r.failure?.message).toMatch(msg);
      expect(r.failure?.bar).toBe(2);
      expect(r.fills).toEqual([]);
    }
  });

  it('a risk denial reaches the strategy as a REJECTED update with the reason', () => {
    const c = bars(Array.from({ length: 4 }, () => [100, 100, 100, 100]));
    const updates: string[] = [];
    const strat = strategyOf(() => ({
      onBar(ctx) {
        if (ctx.bar === 0)
          ctx.submit({ type: 'LIMIT', side: 'BUY', size: { qty: 100 }, price: 99 });
      },
      onOrderUpdate: (_ctx, u) => updates.push(`${u.status}: ${u.reason}`),
    }));
    const r = runBacktest(
      c,
      strat,
      {},
      {
        ...noFees,
        risk: { ...NO_RISK_LIMITS, maxOrderNotional: 5_000 },
      },
    );
    expect(r.failure).toBeNull();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatch(/^REJECTED: max_order_notional/);
  });

  it('reports progress every N bars and at the end, without changing the result', () => {
    const c = bars(
      Array.from({ length: 1000 }, (_, i) => [
        100 + (i % 7),
        101 + (i % 7),
        99,
        100 + ((i * 3) % 5),
      ]),
    );
    const seen: [number, number][] = [];
    const plain = runBacktest(c, smaCross, { fast: 3, slow: 8 }, noFees);
    const watched = runBacktest(c, smaCross, { fast: 3, slow: 8 }, noFees, {
      onProgress: (done, total) => seen.push([done, total]),
      progressEvery: 300,
    });
    expect(seen).toEqual([
      [300, 1000],
      [600, 1000],
      [900, 1000],
      [1000, 1000],
    ]);
    expect(watched.fills).toEqual(plain.fills);
    expect(Array.from(watched.equity)).toEqual(Array.from(plain.equity));
  });
});

/** The line of the `throw` marked THROW-LINE in this file, read from the source. */
function throwLine(): number {
  const src = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  return src.findIndex((l) => l.includes('// THROW-LINE') && l.includes('throw new')) + 1;
}
