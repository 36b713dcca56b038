// An independent, deliberately plain reference implementation of DESIGN sections 4 and 5 for the
// market-order fill model, the reference strategy `sma-cross` and every metric of section 5.
//
// It exists only to cross-check the real backtester (see sma-cross.cross-check.test.ts). It was
// written from DESIGN.md alone, without reading the engine's backtest / analyzer / strategy code,
// and it shares no helper with the engine: plain arrays of numbers, plain loops, its own CSV parser.
// Keep it that way; its value is that it is a second, independent reading of the contract.
//
// Readings of points DESIGN leaves open are marked "READING:" next to the code.

/** Candles as plain parallel arrays (index i = the i-th bar, oldest first). */
export interface RefCandles {
  time: number[]; // open time, Unix ms
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export interface RefConfig {
  initialCash: number;
  feeBps: number; // taker fee; market orders are always taker
  slippageBps: number;
}

export interface RefTrade {
  entry_time: number; // open time of the bar whose open filled the buy
  exit_time: number; // open time of the bar whose open filled the sell
  side: 'LONG';
  qty: number;
  entry_price: number; // buy fill price, slippage included
  exit_price: number; // sell fill price, slippage included
  fees: number; // entry fee + exit fee
  pnl: number; // net of both fees
  return: number; // pnl / (entry_price * qty), see the READING in closeTrade below
}

export interface RefSummary {
  final_equity: number;
  total_return: number;
  max_drawdown: number;
  sharpe: number;
  sortino: number | null;
  cagr: number;
  calmar: number | null;
  trades: number;
  win_rate: number | null;
  profit_factor: number | null;
  expectancy: number | null;
  avg_win: number | null;
  avg_loss: number | null;
  max_consecutive_losses: number;
  exposure: number;
  total_fees: number;
  turnover: number;
  buy_and_hold_return: number;
}

export interface RefResult {
  /** equity[0] = E_0 = initial cash; equity[i + 1] = E at the close of bar i. Length = bars + 1. */
  equity: number[];
  /** positionOpenAtClose[i] = true when a position is open at the close of bar i. */
  positionOpenAtClose: boolean[];
  trades: RefTrade[];
  summary: RefSummary;
  /** Every fill, in order (for debugging a mismatch). */
  fills: { barIndex: number; side: 'BUY' | 'SELL'; qty: number; price: number; fee: number }[];
  barMs: number;
}

export const CANONICAL_HEADER = 'open_time_ms,open,high,low,close,volume';

/** Parses the canonical CSV layout (DESIGN §3) with split(','). Throws on anything else. */
export function parseCanonicalCsvPlain(text: string): RefCandles {
  const lines = text.split('\n');
  const out: RefCandles = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  let sawHeader = false;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    if (!sawHeader) {
      if (line.trim() !== CANONICAL_HEADER) {
        throw new Error(`line ${n + 1}: expected header "${CANONICAL_HEADER}", got "${line}"`);
      }
      sawHeader = true;
      continue;
    }
    const cells = line.split(',');
    if (cells.length !== 6)
      throw new Error(`line ${n + 1}: expected 6 fields, got ${cells.length}`);
    const values: number[] = [];
    for (let c = 0; c < 6; c++) {
      const v = Number(cells[c]);
      if (cells[c]?.trim() === '' || !Number.isFinite(v)) {
        throw new Error(`line ${n + 1}: field ${c + 1} is not a number: "${cells[c]}"`);
      }
      values.push(v);
    }
    out.time.push(values[0] as number);
    out.open.push(values[1] as number);
    out.high.push(values[2] as number);
    out.low.push(values[3] as number);
    out.close.push(values[4] as number);
    out.volume.push(values[5] as number);
  }
  if (!sawHeader) throw new Error('empty file');
  return out;
}

/**
 * Simple moving average of `values` over `period`; result[i] = null until the window is full
 * (i < period − 1). Each window is summed afresh, oldest to newest (no running sum, so no drift).
 */
export function smaPlain(values: number[], period: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i < period - 1) {
      out.push(null);
      continue;
    }
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j] as number;
    out.push(sum / period);
  }
  return out;
}

/**
 * The bar length in ms. READING: DESIGN §3 says the step is constant and gaps are reported, not
 * filled; the data README defines the step as the most common difference between consecutive open
 * times. So bar_ms = the most common difference (ties broken towards the smaller step). Gaps
 * therefore do not change bar_ms, ppy or the `+ bar_ms` in cagr's `years`.
 */
export function barMsPlain(time: number[]): number {
  if (time.length < 2) throw new Error('need at least 2 bars to know the bar length');
  const counts = new Map<number, number>();
  for (let i = 1; i < time.length; i++) {
    const d = (time[i] as number) - (time[i - 1] as number);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/** Runs `sma-cross` (DESIGN §4) over the candles with market orders and the bar fill model. */
export function referenceSmaCross(
  candles: RefCandles,
  fast: number,
  slow: number,
  config: RefConfig,
): RefResult {
  const n = candles.close.length;
  const s = config.slippageBps / 1e4;
  const f = config.feeBps / 1e4;
  const fastSma = smaPlain(candles.close, fast);
  const slowSma = smaPlain(candles.close, slow);

  let cash = config.initialCash;
  let qty = 0; // base-asset position; > 0 means long
  // The order waiting for the next bar's open (at most one at a time for this strategy).
  let pending: { side: 'BUY'; fraction: number } | { side: 'SELL' } | null = null;
  // The open round trip, if any.
  let entry: { time: number; price: number; qty: number; fee: number } | null = null;

  const equity: number[] = [config.initialCash]; // E_0
  const positionOpenAtClose: boolean[] = [];
  const trades: RefTrade[] = [];
  const fills: RefResult['fills'] = [];

  for (let t = 0; t < n; t++) {
    const open = candles.open[t] as number;
    const close = candles.close[t] as number;
    const time = candles.time[t] as number;

    // 1. An order placed at the close of bar t − 1 fills at the open of bar t.
    if (pending !== null) {
      if (pending.side === 'BUY') {
        const price = open * (1 + s);
        // Sizing by fraction, resolved at fill time: qty = fraction × cash / (price × (1 + f)).
        const buyQty = (pending.fraction * cash) / (price * (1 + f));
        const fee = price * buyQty * f;
        cash = cash - price * buyQty - fee;
        qty = qty + buyQty;
        fills.push({ barIndex: t, side: 'BUY', qty: buyQty, price, fee });
        entry = { time, price, qty: buyQty, fee };
      } else {
        const price = open * (1 - s);
        const sellQty = qty; // sell-all closes the whole position
        const fee = price * sellQty * f;
        cash = cash + price * sellQty - fee;
        qty = 0;
        fills.push({ barIndex: t, side: 'SELL', qty: sellQty, price, fee });
        if (entry !== null) {
          trades.push(closeTrade(entry, time, price, sellQty, fee));
          entry = null;
        }
      }
      pending = null;
    }

    // 2. Mark equity at the close of bar t (E_{t+1} in the 1-based numbering of DESIGN §5).
    equity.push(cash + qty * close);
    positionOpenAtClose.push(qty > 0);

    // 3. The strategy sees the closed bar t and may place an order for bar t + 1.
    //    An order placed on the last bar has no next bar, so it never fills.
    if (t >= 1) {
      const fNow = fastSma[t] as number | null;
      const sNow = slowSma[t] as number | null;
      const fPrev = fastSma[t - 1] as number | null;
      const sPrev = slowSma[t - 1] as number | null;
      if (fNow !== null && sNow !== null && fPrev !== null && sPrev !== null) {
        const flat = qty === 0;
        if (flat && fNow > sNow && fPrev <= sPrev) {
          pending = { side: 'BUY', fraction: 1 };
        } else if (!flat && fNow < sNow && fPrev >= sPrev) {
          pending = { side: 'SELL' };
        }
      }
    }
  }
  // At the end an open position stays open: it is in E_T (marked at the last close, no exit
  // fee) and it is not a closed trade. A pending order from the last bar is dropped unfilled.

  const barMs = barMsPlain(candles.time);
  const summary = computeMetrics(candles, equity, positionOpenAtClose, trades, fills, barMs);
  return { equity, positionOpenAtClose, trades, summary, fills, barMs };
}

function closeTrade(
  entry: { time: number; price: number; qty: number; fee: number },
  exitTime: number,
  exitPrice: number,
  exitQty: number,
  exitFee: number,
): RefTrade {
  const fees = entry.fee + exitFee;
  const pnl = (exitPrice - entry.price) * exitQty - fees;
  return {
    entry_time: entry.time,
    exit_time: exitTime,
    side: 'LONG',
    qty: exitQty,
    entry_price: entry.price,
    exit_price: exitPrice,
    fees,
    pnl,
    // READING: DESIGN does not define a trade's `return`. Here it is the net P&L over the entry
    // notional, pnl / (entry_price × qty) (fees in the numerator, not in the denominator). If the
    // engine settles on another definition, adjust the cross-check test, not the engine.
    return: pnl / (entry.price * exitQty),
  };
}

/** Every metric of DESIGN §5, formula by formula. */
export function computeMetrics(
  candles: RefCandles,
  equity: number[],
  positionOpenAtClose: boolean[],
  trades: RefTrade[],
  fills: { qty: number; price: number; fee: number }[],
  barMs: number,
): RefSummary {
  const bars = candles.close.length;
  const e0 = equity[0] as number;
  const eT = equity[equity.length - 1] as number;

  const final_equity = eT;
  const total_return = eT / e0 - 1;

  // max_drawdown = max_t (peak_t − E_t) / peak_t, peak_t = running max. READING: the running max
  // starts at E_0 (E_1 always equals E_0 anyway, since nothing can fill before bar 1's open).
  let peak = e0;
  let max_drawdown = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    const dd = (peak - e) / peak;
    if (dd > max_drawdown) max_drawdown = dd;
  }

  // Per-bar returns r_t = E_t / E_{t−1} − 1 for t = 1..T. READING: the first return is E_1 / E_0
  // − 1 (E_0 = initial cash is part of the series), so there are exactly T returns for T bars.
  const r: number[] = [];
  for (let i = 1; i < equity.length; i++) {
    r.push((equity[i] as number) / (equity[i - 1] as number) - 1);
  }
  const ppy = (365 * 86_400_000) / barMs;

  let sumR = 0;
  for (let i = 0; i < r.length; i++) sumR += r[i] as number;
  const meanR = r.length > 0 ? sumR / r.length : 0;

  // sharpe = mean(r) / stdev(r) × √ppy; sample stdev (n − 1); 0 when stdev is 0.
  // READING: with fewer than 2 returns the sample stdev is undefined; treated as 0 → sharpe 0.
  let sharpe = 0;
  if (r.length >= 2) {
    let ss = 0;
    for (let i = 0; i < r.length; i++) {
      const d = (r[i] as number) - meanR;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / (r.length - 1));
    sharpe = sd === 0 ? 0 : (meanR / sd) * Math.sqrt(ppy);
  }

  // sortino = mean(r) / √(Σ min(r, 0)² / n) × √ppy, n = number of returns (all of them, not only
  // the negative ones). READING: when no return is negative the denominator is 0; like sharpe's
  // "0 when stdev is 0" one might say 0, but the ratio is undefined: null (the project's choice,
  // shared with the analyzer).
  let downSq = 0;
  for (let i = 0; i < r.length; i++) {
    const m = Math.min(r[i] as number, 0);
    downSq += m * m;
  }
  const downDev = r.length > 0 ? Math.sqrt(downSq / r.length) : 0;
  const sortino = downDev === 0 ? null : (meanR / downDev) * Math.sqrt(ppy);

  // cagr = (E_T / E_0)^(1 / years) − 1, years = (t_last − t_first + bar_ms) / (365.25 × 86 400 000)
  const tFirst = candles.time[0] as number;
  const tLast = candles.time[bars - 1] as number;
  const years = (tLast - tFirst + barMs) / (365.25 * 86_400_000);
  const cagr = (eT / e0) ** (1 / years) - 1;

  // calmar = cagr / max_drawdown. READING: with max_drawdown = 0 the ratio is undefined; by the
  // project's choice it is then null, like profit_factor without a losing trade.
  const calmar = max_drawdown === 0 ? null : cagr / max_drawdown;

  // Trade statistics over closed round trips only. A trade wins when its net P&L > 0.
  // READING: every other closed trade (P&L ≤ 0, including exactly 0) is a loss: it counts in
  // avg_loss, in |Σ losses| and breaks/extends loss streaks.
  let wins = 0;
  let losses = 0;
  let sumWins = 0;
  let sumLosses = 0; // ≤ 0
  let sumPnl = 0;
  let streak = 0;
  let max_consecutive_losses = 0;
  for (let i = 0; i < trades.length; i++) {
    const pnl = (trades[i] as RefTrade).pnl;
    sumPnl += pnl;
    if (pnl > 0) {
      wins++;
      sumWins += pnl;
      streak = 0;
    } else {
      losses++;
      sumLosses += pnl;
      streak++;
      if (streak > max_consecutive_losses) max_consecutive_losses = streak;
    }
  }
  const tradeCount = trades.length;
  // READING (the project's choice): with no closed trade, win_rate and expectancy are null; with
  // no winning trade avg_win is null, with no losing trade avg_loss is null.
  const win_rate = tradeCount > 0 ? wins / tradeCount : null;
  const expectancy = tradeCount > 0 ? sumPnl / tradeCount : null;
  const avg_win = wins > 0 ? sumWins / wins : null;
  // READING: avg_loss is the signed mean net P&L of the losing trades (≤ 0), not its magnitude.
  const avg_loss = losses > 0 ? sumLosses / losses : null;
  // profit_factor = Σ wins / |Σ losses|; null when there is no losing trade. READING: also null
  // if the losing trades sum to exactly 0 (only break-even "losses"), to avoid a division by 0.
  const profit_factor = losses === 0 || sumLosses === 0 ? null : sumWins / Math.abs(sumLosses);

  // exposure = fraction of bars whose close finds a position open (denominator: all T bars).
  let openBars = 0;
  for (let i = 0; i < positionOpenAtClose.length; i++) if (positionOpenAtClose[i]) openBars++;
  const exposure = bars > 0 ? openBars / bars : 0;

  // READING: total_fees and turnover cover every fill, including the entry fill of a position
  // still open at the end (its fee was paid; its notional was traded).
  let total_fees = 0;
  let turnover = 0;
  for (let i = 0; i < fills.length; i++) {
    const fl = fills[i] as { qty: number; price: number; fee: number };
    total_fees += fl.fee;
    turnover += fl.price * fl.qty;
  }

  // buy_and_hold_return = last close / first open − 1 (no fees, no slippage).
  const buy_and_hold_return = (candles.close[bars - 1] as number) / (candles.open[0] as number) - 1;

  return {
    final_equity,
    total_return,
    max_drawdown,
    sharpe,
    sortino,
    cagr,
    calmar,
    trades: tradeCount,
    win_rate,
    profit_factor,
    expectancy,
    avg_win,
    avg_loss,
    max_consecutive_losses,
    exposure,
    total_fees,
    turnover,
    buy_and_hold_return,
  };
}
