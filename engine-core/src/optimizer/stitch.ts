import type { BacktestResult, ClosedTrade, Fill, ReportConfig } from '../analyzer';
import type { BacktestConfig } from '../backtest';
import type { Candles } from '../market';
import { assert } from '../util/assert';

/** One backtest and its closed trades, a piece of a stitched series. */
export interface ResultPart {
  readonly result: BacktestResult;
  readonly trades: readonly ClosedTrade[];
}

/** The accounting settings of a config as a report has them (DESIGN §6). */
export function reportConfig(config: BacktestConfig): ReportConfig {
  return {
    initial_cash: config.initialCash,
    fee_bps: config.feeBps,
    maker_fee_bps: config.makerFeeBps,
    slippage_bps: config.slippageBps,
  };
}

/** A run that never trades: equity stays at the initial cash on every bar. */
export function flatResult(
  candles: Candles,
  strategy: string,
  config: BacktestConfig,
): BacktestResult {
  const n = candles.length;
  return {
    strategy,
    params: {},
    symbol: candles.symbol,
    interval: candles.interval,
    barMs: candles.intervalMs,
    config: reportConfig(config),
    time: candles.time.slice(),
    open: candles.open.slice(),
    high: candles.high.slice(),
    low: candles.low.slice(),
    close: candles.close.slice(),
    equity: new Float64Array(n).fill(config.initialCash),
    positionQty: new Float64Array(n),
    fills: [],
  };
}

function concat(
  parts: readonly ResultPart[],
  pick: (r: BacktestResult) => Float64Array,
): Float64Array {
  let n = 0;
  for (const p of parts) n += pick(p.result).length;
  const out = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(pick(p.result), at);
    at += pick(p.result).length;
  }
  return out;
}

/**
 * Joins backtests of consecutive periods (each started with the same initial cash) into one
 * continuous series by chaining their returns: part k's equity is scaled by (equity at the end
 * of the stitched parts before it) / (initial cash), so the stitched equity moves from part to
 * part by exactly each part's own per-bar returns, as if one account had run them in turn. Its
 * fills and trades are scaled the same way (quantities, fees, P&L), so the trade metrics of the
 * stitched series are in the same money as its equity; each part's trades are its own (a
 * position open at a part's end is marked there, as at the end of any backtest, and is not a
 * closed trade). The first part's metadata is kept; params are empty (they differ by part).
 */
export function stitchResults(parts: readonly ResultPart[]): ResultPart {
  const head = parts[0];
  assert(head !== undefined, 'stitchResults needs at least one part');
  const e0 = head.result.config.initial_cash;
  const equity = concat(parts, (r) => r.equity);
  const positionQty = concat(parts, (r) => r.positionQty);
  const fills: Fill[] = [];
  const trades: ClosedTrade[] = [];
  let end = e0;
  let at = 0;
  for (const p of parts) {
    assert(p.result.config.initial_cash === e0, 'stitched parts start with the same cash');
    const scale = end / e0;
    const n = p.result.equity.length;
    for (let t = 0; t < n; t++) {
      equity[at + t] = (p.result.equity[t] as number) * scale;
      positionQty[at + t] = (p.result.positionQty[t] as number) * scale;
    }
    for (const f of p.result.fills) fills.push({ ...f, qty: f.qty * scale, fee: f.fee * scale });
    for (const tr of p.trades)
      trades.push({ ...tr, qty: tr.qty * scale, fees: tr.fees * scale, pnl: tr.pnl * scale });
    if (n > 0) end = equity[at + n - 1] as number;
    at += n;
  }
  return {
    result: {
      ...head.result,
      params: {},
      time: concat(parts, (r) => r.time),
      open: concat(parts, (r) => r.open),
      high: concat(parts, (r) => r.high),
      low: concat(parts, (r) => r.low),
      close: concat(parts, (r) => r.close),
      equity,
      positionQty,
      fills,
    },
    trades,
  };
}
