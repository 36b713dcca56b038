import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../analyzer';
import { type BacktestConfig, DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../backtest';
import { sharedData } from '../../testing/shared-data';
import { resolveParams } from '../params';
import { findStrategy } from '../registry';
import type { StrategyOrder } from '../strategy';
import { marketMaking } from './market-making';
import { bars, fillBars, near, type Recording, recording } from './test-kit';

const DATA = sharedData('the market-making real-data tests are');
const load = DATA.load;

const NO_FEES: BacktestConfig = { ...DEFAULT_BACKTEST_CONFIG, feeBps: 0, makerFeeBps: 0 };
// A maker fee of 0 (as on many perpetual venues): with 10 bps a side, a 10 bps spread loses its
// cash within days and the engine then refuses most quotes, which would exercise little.
const PERP: BacktestConfig = {
  ...DEFAULT_BACKTEST_CONFIG,
  makerFeeBps: 0,
  perp: { leverage: 2, maintenanceMarginRate: 0.005 },
};

function params(given: Record<string, number | boolean> = {}) {
  const r = resolveParams(marketMaking.params, given);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * What must hold, from the position column, the fills and the recorded quotes (limits derived
 * here from the params and the first close):
 * - |inventory| ≤ limit after every bar (inventory ≥ 0 without allowShort);
 * - quotes are sent only on refresh bars (every `refresh` bars from bar 0), as post-only LIMITs,
 *   at most one per side: the bid below the close, the ask above it, both skewed against the
 *   inventory as the description says; a bid exactly when a whole fill stays within the limit,
 *   an ask exactly when something is held (sized to it), or with allowShort within the short
 *   limit (the engine may still refuse an order for want of cash: that is not the strategy's);
 * - at most one working quote per side at any close;
 * - every fill is one of the quotes working into its bar, at its price or a better open.
 */
function audit(r: BacktestResult, rec: Recording, p: Record<string, number | boolean>) {
  const c0 = r.close[0] as number;
  const lot = (p.orderSize as number) / c0;
  const limit = (p.maxInventory as number) / c0;
  const half = (p.spreadBps as number) / 2 / 10_000;
  const skew = (p.skewBps as number) / 10_000;
  const refresh = p.refresh as number;
  const short = p.allowShort === true;
  const tol = 1e-9 * limit;
  const problems: string[] = [];
  let bidBars = 0;
  let askBars = 0;
  for (let i = 0; i < r.time.length; i++) {
    const inv = r.positionQty[i] as number;
    if (inv > limit + tol || inv < (short ? -limit - tol : -1e-12))
      problems.push(`bar ${i}: inventory ${inv} outside its limit ${limit}`);
    const quotes = rec.orders[i] ?? [];
    const bids = quotes.filter((o) => o.side === 'BUY');
    const asks = quotes.filter((o) => o.side === 'SELL');
    if (bids.length > 1 || asks.length > 1 || quotes.some((o) => o.type !== 'LIMIT'))
      problems.push(`bar ${i}: quotes ${JSON.stringify(quotes)}`);
    if (bids.length > 0) bidBars++;
    if (asks.length > 0) askBars++;
    // Quotes are sent only on refresh bars (every `refresh` bars from bar 0).
    if (i % refresh !== 0 && (rec.submitted[i]?.length ?? 0) > 0)
      problems.push(`bar ${i}: quotes sent off the refresh cycle`);
    const c = r.close[i] as number;
    const shift = (skew * inv) / limit;
    if (i % refresh === 0) {
      // What the strategy asked for (the engine may still refuse a bid for want of cash).
      const sent = rec.submitted[i] ?? [];
      const bid = sent.find((o) => o.side === 'BUY');
      const ask = sent.find((o) => o.side === 'SELL');
      if (sent.length !== (bid ? 1 : 0) + (ask ? 1 : 0) || sent.some((o) => o.type !== 'LIMIT'))
        problems.push(`bar ${i}: sent ${JSON.stringify(sent)}`);
      const wantBid = inv + lot <= limit + tol;
      const askQty = short ? (inv - lot >= -limit - tol ? lot : 0) : Math.min(lot, inv);
      const px = (o: StrategyOrder | undefined) => (o?.type === 'LIMIT' ? o.price : Number.NaN);
      const qty = (o: StrategyOrder | undefined) =>
        o !== undefined && 'qty' in o.size ? o.size.qty : Number.NaN;
      if (wantBid !== (bid !== undefined))
        problems.push(`bar ${i}: inventory ${inv}, lot ${lot}, limit ${limit}, bid ${qty(bid)}`);
      if (bid && (!near(px(bid), Math.min(c * (1 - half - shift), c)) || !near(qty(bid), lot)))
        problems.push(`bar ${i}: bid ${qty(bid)} @ ${px(bid)}, close ${c}, inventory ${inv}`);
      if (askQty > tol !== (ask !== undefined))
        problems.push(`bar ${i}: inventory ${inv}, ask ${qty(ask)}, want ${askQty}`);
      if (ask && (!near(px(ask), Math.max(c * (1 + half - shift), c)) || !near(qty(ask), askQty)))
        problems.push(`bar ${i}: ask ${qty(ask)} @ ${px(ask)}, close ${c}, inventory ${inv}`);
      if ((bid && bid.postOnly !== true) || (ask && ask.postOnly !== true))
        problems.push(`bar ${i}: a quote is not post-only`);
    } else if (i > 0) {
      // Between refreshes nothing new is quoted (filled quotes just disappear).
      const before = new Set((rec.orders[i - 1] ?? []).map((o) => o.clientOrderId));
      if (quotes.some((o) => !before.has(o.clientOrderId)))
        problems.push(`bar ${i}: a quote placed off the refresh cycle`);
    }
    if (problems.length > 10) return { problems, bidBars, askBars };
  }
  const at = fillBars(r);
  r.fills.forEach((f, k) => {
    const j = at[k] as number;
    const o = r.open[j] as number;
    const quote = (rec.orders[j - 1] ?? []).find(
      (q) =>
        q.side === f.side &&
        near(q.qty, f.qty) &&
        (near(f.price, q.price as number) ||
          (f.price === o &&
            (f.side === 'BUY' ? o < (q.price as number) : o > (q.price as number)))),
    );
    if (quote === undefined && problems.length < 10)
      problems.push(`fill ${k} (bar ${j}): ${f.side} ${f.qty} @ ${f.price} is no working quote's`);
  });
  return { problems, bidBars, askBars };
}

describe('market-making', () => {
  it('is registered with documented, bounded params', () => {
    const found = findStrategy('market-making');
    expect(found.ok && found.value).toBe(marketMaking);
    for (const s of marketMaking.params) {
      expect(s.description.length).toBeGreaterThan(10);
      if (s.type !== 'bool') {
        expect(s.min).toBeLessThanOrEqual(s.default as number);
        expect(s.max).toBeGreaterThanOrEqual(s.default as number);
        expect(s.step).toBeGreaterThan(0);
      }
    }
    expect(marketMaking.description).toMatch(/quote currency/);
  });

  // Spread 200 bps (each quote 1 % away), skew 100 bps at the limit, quotes every bar; 100 of
  // quote per order and 200 of inventory at the first close 100: lot 1, limit 2 (base). Spot:
  //   bar 0 (close 100, flat): bid 1 @ 99; no ask (nothing to sell)
  //   bar 1: low 98 → bought 1 @ 99. Close 99, shift 1 % × 1/2 = 0.5 %:
  //          bid 99 × (1 − 1 % − 0.5 %) = 97.515, ask 99 × (1 + 1 % − 0.5 %) = 99.495
  //   bar 2 (down bar, O→H→L→C): high 99.5 sells @ 99.495, then low 97 buys @ 97.515
  //          Close 97.2: bid 95.742, ask 97.686
  //   bar 3: low 95 buys @ 95.742; inventory 2 = the limit: no bid. Shift 1 %: the ask would be
  //          95.5 × (1 + 1 % − 1 %) = 95.5, the close itself
  //   bar 4 (up bar): opens at 95.5 → sells @ 95.5
  it('quotes around the close, skews against inventory and never passes its limit', () => {
    const c = bars([
      [100, 100, 100, 100],
      [100, 100, 98, 99],
      [99, 99.5, 97, 97.2],
      [97.2, 97.3, 95, 95.5],
      [95.5, 96, 95.5, 96],
    ]);
    const p = params({
      spreadBps: 200,
      skewBps: 100,
      refresh: 1,
      orderSize: 100,
      maxInventory: 200,
    });
    const rec = recording(marketMaking);
    const r = runBacktest(c, rec.strategy, p, NO_FEES);
    expect(r.failure).toBeNull();
    const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, r6(f.price), r6(f.qty)])).toEqual([
      [1, 'BUY', 99, 1],
      [2, 'SELL', 99.495, 1],
      [2, 'BUY', 97.515, 1],
      [3, 'BUY', 95.742, 1],
      [4, 'SELL', 95.5, 1],
    ]);
    const quotes = (i: number) => (rec.orders[i] ?? []).map((o) => [o.side, r6(o.price as number)]);
    expect(quotes(0)).toEqual([['BUY', 99]]);
    expect(quotes(1)).toEqual([
      ['BUY', 97.515],
      ['SELL', 99.495],
    ]);
    expect(quotes(3)).toEqual([['SELL', 95.5]]);
    expect(Array.from(r.positionQty).map(r6)).toEqual([0, 1, 1, 2, 1]);
    expect(audit(r, rec, p).problems).toEqual([]);
  });

  it('re-quotes only every `refresh` bars, and shorts down to the limit with allowShort', () => {
    // Refresh 3: quotes at bars 0 and 3. With allowShort on a perpetual, the flat book asks too.
    const c = bars([
      [100, 100, 100, 100],
      [100, 101.5, 100, 101], // ask 101 sells 1: short 1
      [101, 103, 101, 103], // nothing new quoted, the ask is gone
      [103, 103, 103, 103], // re-quote: inventory −1
      [103, 105, 103, 105], // the ask sells again: short 2 = the limit
      [105, 105, 105, 105],
      [105, 105, 105, 105], // re-quote at the limit: bid only
    ]);
    const p = params({
      spreadBps: 200,
      skewBps: 0,
      refresh: 3,
      orderSize: 100,
      maxInventory: 200,
      allowShort: true,
    });
    const rec = recording(marketMaking);
    const perp: BacktestConfig = {
      ...NO_FEES,
      perp: { leverage: 2, maintenanceMarginRate: 0.005 },
    };
    const r = runBacktest(c, rec.strategy, p, perp);
    expect(r.failure).toBeNull();
    const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
    // Bar 3 re-quotes around 103: ask 103 × 1.01 = 104.03, bid 103 × 0.99 = 101.97.
    expect(r.fills.map((f) => [c.time.indexOf(f.time), f.side, r6(f.price)])).toEqual([
      [1, 'SELL', 101],
      [4, 'SELL', 104.03],
    ]);
    expect(Array.from(r.positionQty)).toEqual([0, -1, -1, -1, -2, -2, -2]);
    const sides = (i: number) => (rec.orders[i] ?? []).map((o) => o.side);
    expect(sides(0)).toEqual(['BUY', 'SELL']);
    expect(sides(2)).toEqual(['BUY']);
    expect(sides(3)).toEqual(['BUY', 'SELL']);
    expect(sides(6)).toEqual(['BUY']);
    expect(audit(r, rec, p).problems).toEqual([]);
  });

  if (!DATA.available) {
    it.skip('SKIPPED: ../shared/data not found, real-data checks not run', () => {});
    return;
  }

  it('on real data: inventory within its limit at every bar, both sides quote and fill', () => {
    const cases: [string, Record<string, number | boolean>, BacktestConfig][] = [
      ['binance-btcusdt-1h.csv', {}, DEFAULT_BACKTEST_CONFIG],
      ['binance-ethusdt-1h.csv', { refresh: 3, skewBps: 40 }, DEFAULT_BACKTEST_CONFIG],
      ['btc-perp-2022-01-1m.csv', { spreadBps: 10, skewBps: 0, allowShort: true }, PERP],
    ];
    let reachedLong = 0;
    for (const [file, given, config] of cases) {
      const p = params(given);
      const rec = recording(marketMaking);
      const r = runBacktest(load(file), rec.strategy, p, config);
      expect(r.failure, file).toBeNull();
      const { problems, bidBars, askBars } = audit(r, rec, p);
      expect(problems, file).toEqual([]);
      expect(bidBars, file).toBeGreaterThan(100);
      expect(askBars, file).toBeGreaterThan(100);
      const buys = r.fills.filter((f) => f.side === 'BUY').length;
      const sells = r.fills.length - buys;
      expect(buys, file).toBeGreaterThan(100);
      expect(sells, file).toBeGreaterThan(100);
      // Was the limit reached (so exercised)? At least in one case; the short one with allowShort.
      const limit = (p.maxInventory as number) / (r.close[0] as number);
      if (Math.max(...r.positionQty) > limit * 0.999) reachedLong++;
      if (p.allowShort) expect(Math.min(...r.positionQty), file).toBeLessThan(-limit * 0.999);
    }
    expect(reachedLong).toBeGreaterThan(0);
  });

  it('runs on every shared file without failure and trades with its defaults', () => {
    const files = DATA.files();
    expect(files.length).toBeGreaterThan(0);
    let trading = 0;
    for (const file of files) {
      const r = runBacktest(load(file), marketMaking, params(), DEFAULT_BACKTEST_CONFIG);
      expect(r.failure, file).toBeNull();
      if (r.fills.some((f) => f.side === 'SELL')) trading++;
    }
    expect(trading).toBeGreaterThan(0);
  });
});
