import type { BacktestResult, ClosedTrade } from './backtest-result';
import { equityCurve } from './equity-curve';
import { block, line, scalar } from './json-lines';
import { computeMetrics } from './metrics';
import { pairFills } from './trades';

/** Nanoseconds since the epoch, exact (a float64 cannot hold them: 1.7e18 > 2^53). */
export type TimestampNs = bigint;

/** One fill, as the seed lists its trades. */
export interface SeedTrade {
  readonly timestamp: TimestampNs;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly price: number;
  readonly quantity: number;
  readonly fee: number;
  /** Net P&L of the round trip this fill closed (our trade's `pnl`); 0 for an entry fill. */
  readonly pnl: number;
  readonly strategy_id: string;
}

/** One equity point, at a bar's open time (equity marked at that bar's close). */
export interface SeedEquityPoint {
  readonly timestamp: TimestampNs;
  readonly equity: number;
  /** `equity / initial_balance − 1`, a fraction. */
  readonly cumulative_return: number;
}

/** One drawdown point: `(peak − equity) / peak`, a positive fraction (our `drawdownSeries`). */
export interface SeedDrawdownPoint {
  readonly timestamp: TimestampNs;
  readonly drawdown: number;
}

/**
 * The seed's BacktestResult, from the same numbers as our report (DESIGN §5, §6). Mapping:
 * `start_time`/`end_time` the first and last bar's open time; `initial_balance` config
 * `initial_cash`; `final_balance` `final_equity`; `total_return`, `max_drawdown`, `win_rate`,
 * `profit_factor`, `avg_win` as ours (fractions, not percent); `sharpe_ratio` our `sharpe`
 * (annualised by bars per 365-day year, sample σ, risk-free 0); `trade_count` our `trades`
 * (closed round trips); `win_count` those with net P&L > 0, `lose_count` the rest (break-evens
 * count as losses, as in our `win_rate`); `avg_lose` our `avg_loss` (≤ 0). Ratios undefined for
 * the run stay `null`, as in our report. `trades` are fills (the seed's trade = one execution).
 */
export interface SeedReport {
  readonly strategy_name: string;
  readonly symbol: string;
  readonly start_time: TimestampNs;
  readonly end_time: TimestampNs;
  readonly initial_balance: number;
  readonly final_balance: number;
  readonly total_return: number;
  readonly max_drawdown: number;
  readonly sharpe_ratio: number;
  readonly win_rate: number | null;
  readonly profit_factor: number | null;
  readonly trade_count: number;
  readonly win_count: number;
  readonly lose_count: number;
  readonly avg_win: number | null;
  readonly avg_lose: number | null;
  readonly trades: readonly SeedTrade[];
  readonly equity_curve: readonly SeedEquityPoint[];
  readonly drawdown_curve: readonly SeedDrawdownPoint[];
}

/** Integer ms → exact ns (DESIGN §8 writes ts_ns the same way). */
export function msToNs(ms: number): TimestampNs {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`timestamp ${ms} ms is not an integer`);
  return BigInt(ms) * 1_000_000n;
}

/** The seed layout of a backtest. */
export function buildSeedReport(result: BacktestResult): SeedReport {
  const { trades, closedBy } = pairFills(result.fills);
  const s = computeMetrics(result, trades);
  const pnlAt = new Float64Array(result.fills.length);
  closedBy.forEach((f, k) => {
    pnlAt[f] = (trades[k] as ClosedTrade).pnl;
  });
  const e0 = result.config.initial_cash;
  const curve = equityCurve(result);
  const n = result.time.length;
  const wins = trades.filter((t) => t.pnl > 0).length;
  return {
    strategy_name: result.strategy,
    symbol: result.symbol,
    start_time: msToNs(n > 0 ? (result.time[0] as number) : 0),
    end_time: msToNs(n > 0 ? (result.time[n - 1] as number) : 0),
    initial_balance: e0,
    final_balance: s.final_equity,
    total_return: s.total_return,
    max_drawdown: s.max_drawdown,
    sharpe_ratio: s.sharpe,
    win_rate: s.win_rate,
    profit_factor: s.profit_factor,
    trade_count: s.trades,
    win_count: wins,
    lose_count: trades.length - wins,
    avg_win: s.avg_win,
    avg_lose: s.avg_loss,
    trades: result.fills.map((f, k) => ({
      timestamp: msToNs(f.time),
      symbol: result.symbol,
      side: f.side,
      price: f.price,
      quantity: f.qty,
      fee: f.fee,
      pnl: pnlAt[k] as number,
      strategy_id: result.strategy,
    })),
    equity_curve: curve.map((p) => ({
      timestamp: msToNs(p.time),
      equity: p.equity,
      cumulative_return: p.cumulativeReturn,
    })),
    drawdown_curve: curve.map((p) => ({ timestamp: msToNs(p.time), drawdown: p.drawdown })),
  };
}

/** A multi-line list at the top level's depth. */
const list = (items: readonly string[]): string => block('[', items, ']', '  ');

const HEAD_KEYS = [
  'strategy_name',
  'symbol',
  'start_time',
  'end_time',
  'initial_balance',
  'final_balance',
  'total_return',
  'max_drawdown',
  'sharpe_ratio',
  'win_rate',
  'profit_factor',
  'trade_count',
  'win_count',
  'lose_count',
  'avg_win',
  'avg_lose',
] as const satisfies readonly (keyof SeedReport)[];
const TRADE_KEYS = [
  'timestamp',
  'symbol',
  'side',
  'price',
  'quantity',
  'fee',
  'pnl',
  'strategy_id',
] as const satisfies readonly (keyof SeedTrade)[];
const EQUITY_KEYS = [
  'timestamp',
  'equity',
  'cumulative_return',
] as const satisfies readonly (keyof SeedEquityPoint)[];
const DRAWDOWN_KEYS = [
  'timestamp',
  'drawdown',
] as const satisfies readonly (keyof SeedDrawdownPoint)[];

/**
 * The seed layout as JSON, byte-deterministic: the seed's key order, ns timestamps as exact
 * integers, numbers as `JSON.stringify` writes them, one trade or point per line, final newline.
 */
export function seedReportToJson(r: SeedReport): string {
  const parts = [
    ...HEAD_KEYS.map((k) => `"${k}": ${scalar(r[k])}`),
    `"trades": ${list(r.trades.map((t) => line(t, TRADE_KEYS)))}`,
    `"equity_curve": ${list(r.equity_curve.map((p) => line(p, EQUITY_KEYS)))}`,
    `"drawdown_curve": ${list(r.drawdown_curve.map((p) => line(p, DRAWDOWN_KEYS)))}`,
  ];
  return `{\n  ${parts.join(',\n  ')}\n}\n`;
}
