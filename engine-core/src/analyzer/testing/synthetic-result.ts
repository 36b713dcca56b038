import { mulberry32 } from '../../util/rng';
import type { BacktestResult, Fill } from '../backtest-result';

/** Options of `syntheticResult`. */
export interface SyntheticOptions {
  readonly bars?: number;
  readonly seed?: number;
  /** First bar's open time (ms); default 2023-11-01T00:00Z. */
  readonly start?: number;
  /** Default 4 h. */
  readonly barMs?: number;
  /** Allow short positions (default true). */
  readonly shorts?: boolean;
  readonly strategy?: string;
}

const rng = mulberry32;

/**
 * A deterministic, self-consistent backtest result for tests: a random-walk market and a toy
 * momentum strategy (market orders at the next open, 10 bps fee, all-in long, and short when
 * `shorts`), with equity = cash + position × close at every bar close.
 */
export function syntheticResult(options: SyntheticOptions = {}): BacktestResult {
  const n = options.bars ?? 600;
  const barMs = options.barMs ?? 4 * 3_600_000;
  const start = options.start ?? Date.UTC(2023, 10, 1);
  const shorts = options.shorts ?? true;
  const random = rng(options.seed ?? 1);
  const fee = 10 / 1e4;
  const initialCash = 10_000;

  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const equity = new Float64Array(n);
  const positionQty = new Float64Array(n);
  const fills: Fill[] = [];

  let price = 30_000;
  let cash = initialCash;
  let qty = 0;
  let target = 0; // desired sign, decided at the previous close
  for (let t = 0; t < n; t++) {
    time[t] = start + t * barMs;
    const o = price * (1 + (random() - 0.5) * 0.004);
    const c = o * (1 + (random() - 0.48) * 0.03);
    open[t] = o;
    close[t] = c;
    high[t] = Math.max(o, c) * (1 + random() * 0.01);
    low[t] = Math.min(o, c) * (1 - random() * 0.01);
    price = c;

    const current = Math.sign(qty);
    if (target !== current) {
      if (qty !== 0) {
        const side = qty > 0 ? 'SELL' : 'BUY';
        const q = Math.abs(qty);
        const f = q * o * fee;
        cash += qty * o - f;
        fills.push({ time: time[t], side, qty: q, price: o, fee: f });
        qty = 0;
      }
      if (target !== 0) {
        const q = cash / (o * (1 + fee));
        const f = q * o * fee;
        cash -= target * q * o + f;
        qty = target * q;
        fills.push({ time: time[t], side: target > 0 ? 'BUY' : 'SELL', qty: q, price: o, fee: f });
      }
    }
    equity[t] = cash + qty * c;
    positionQty[t] = qty;
    // toy signal at the close: follow the last bar's direction, sometimes stay flat
    const u = random();
    target = u < 0.15 ? 0 : c > o ? 1 : shorts ? -1 : 0;
    if (u > 0.5) target = Math.sign(qty); // hold most of the time
  }
  return {
    strategy: options.strategy ?? 'toy-momentum',
    params: { seed: options.seed ?? 1, shorts },
    symbol: 'BTCUSDT',
    interval: barMs % 86_400_000 === 0 ? `${barMs / 86_400_000}d` : `${barMs / 3_600_000}h`,
    barMs,
    config: { initial_cash: initialCash, fee_bps: 10, maker_fee_bps: 10, slippage_bps: 0 },
    time,
    open,
    high,
    low,
    close,
    equity,
    positionQty,
    fills,
  };
}
