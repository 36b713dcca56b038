import type { ClosedTrade } from './backtest-result';

/** The trade-list half of the summary (DESIGN §5); names as in the JSON report. */
export interface TradeStats {
  readonly trades: number;
  /** wins / trades; `null` with no trades. */
  readonly win_rate: number | null;
  /** Σ wins / |Σ losses|; `null` when the losses sum to 0 (no losing trade, or only break-evens). */
  readonly profit_factor: number | null;
  /** Mean net P&L per trade; `null` with no trades. */
  readonly expectancy: number | null;
  /** Mean P&L of the winning trades; `null` with no win. */
  readonly avg_win: number | null;
  /** Mean P&L of the losing trades (≤ 0); `null` with no loss. */
  readonly avg_loss: number | null;
  /** Longest run of losing trades, in exit order; 0 with no trades. */
  readonly max_consecutive_losses: number;
}

/**
 * Trade statistics. A trade wins when its net P&L is > 0 and loses otherwise (a break-even trade
 * counts as a loss), so `expectancy = win_rate × avg_win + (1 − win_rate) × avg_loss` always
 * holds. Ratios that would divide by zero are `null`, never 0 or Infinity.
 */
export function computeTradeStats(trades: readonly ClosedTrade[]): TradeStats {
  let wins = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let run = 0;
  let maxRun = 0;
  for (const trade of trades) {
    if (trade.pnl > 0) {
      wins += 1;
      grossWin += trade.pnl;
      run = 0;
    } else {
      grossLoss += trade.pnl;
      run += 1;
      if (run > maxRun) maxRun = run;
    }
  }
  const count = trades.length;
  const losses = count - wins;
  return {
    trades: count,
    win_rate: count > 0 ? wins / count : null,
    profit_factor: grossLoss < 0 ? grossWin / -grossLoss : null,
    expectancy: count > 0 ? (grossWin + grossLoss) / count : null,
    avg_win: wins > 0 ? grossWin / wins : null,
    avg_loss: losses > 0 ? grossLoss / losses : null,
    max_consecutive_losses: maxRun,
  };
}
