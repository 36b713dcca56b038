import { InvariantError } from '../util/assert';
import type { ClosedTrade, Fill } from './backtest-result';

/**
 * Quantities within this fraction of a fill's size count as equal, so that float residue
 * (e.g. selling `0.30000000000000004` of a `0.3` position) neither leaves a dust lot open nor
 * opens a dust position on the other side.
 */
const QTY_REL_EPS = 1e-9;

/** The unclosed remainder of one entry fill. */
interface Lot {
  readonly time: number;
  readonly price: number;
  qty: number;
  /** Entry fee still attributable to `qty`. */
  fee: number;
}

/**
 * Pairs fills into closed round trips, FIFO, for long and short positions (DESIGN §4).
 *
 * Every fill that reduces the position closes one trade for the quantity it reduces: that
 * quantity is matched against the open entry fills oldest first, so a partial close splits an
 * entry fill (and its fee) proportionally, and one trade can span several entry fills.
 * - `entryPrice` is the quantity-weighted average of the matched entry fills, `entryTime` the
 *   time of the oldest; `exitPrice`/`exitTime` are those of the closing fill.
 * - `fees` = the matched share of each entry fill's fee + the closing share of the exit fee. A
 *   fill that flips the position (long → short) is split: the closing part ends the trade and
 *   the rest, with the rest of the fee, opens the new position.
 * - `pnl` is net of those fees; `return = pnl / Σ(entry qty × entry price)`.
 * - A position still open after the last fill is not a trade.
 */
export function buildTrades(fills: readonly Fill[]): ClosedTrade[] {
  return pairFills(fills).trades;
}

/**
 * `buildTrades`, plus `closedBy[k]`: the index in `fills` of the fill that closed `trades[k]`
 * (each reducing fill closes exactly one trade).
 */
export function pairFills(fills: readonly Fill[]): {
  trades: ClosedTrade[];
  closedBy: number[];
} {
  const trades: ClosedTrade[] = [];
  const closedBy: number[] = [];
  const lots: Lot[] = [];
  let head = 0; // lots[head..] are open, oldest first
  let direction = 0; // +1 long, -1 short, 0 flat

  for (let f = 0; f < fills.length; f++) {
    const fill = fills[f] as Fill;
    if (!(fill.qty > 0 && Number.isFinite(fill.qty)))
      throw new InvariantError(`fill qty must be > 0, got ${fill.qty}`);
    const sign = fill.side === 'BUY' ? 1 : -1;
    let remaining = fill.qty;

    if (direction !== 0 && sign !== direction) {
      const eps = fill.qty * QTY_REL_EPS;
      let closed = 0;
      let entryNotional = 0;
      let fees = 0;
      const entryTime = lots[head].time;
      while (head < lots.length && remaining > eps) {
        const lot = lots[head];
        const whole = lot.qty <= remaining + eps;
        const take = whole ? lot.qty : remaining;
        const feeShare = whole ? lot.fee : (lot.fee * take) / lot.qty;
        closed += take;
        entryNotional += take * lot.price;
        fees += feeShare;
        remaining -= take;
        if (whole) {
          head += 1;
        } else {
          lot.qty -= take;
          lot.fee -= feeShare;
        }
      }
      if (remaining <= eps) remaining = 0;
      fees += remaining === 0 ? fill.fee : (fill.fee * closed) / fill.qty;
      const exitNotional = closed * fill.price;
      const gross = direction > 0 ? exitNotional - entryNotional : entryNotional - exitNotional;
      const pnl = gross - fees;
      trades.push({
        entryTime,
        exitTime: fill.time,
        side: direction > 0 ? 'LONG' : 'SHORT',
        qty: closed,
        entryPrice: entryNotional / closed,
        exitPrice: fill.price,
        fees,
        pnl,
        return: pnl / entryNotional,
      });
      closedBy.push(f);
      if (head === lots.length) {
        lots.length = 0;
        head = 0;
        direction = 0;
      }
    }

    if (remaining > 0) {
      const fee = remaining === fill.qty ? fill.fee : (fill.fee * remaining) / fill.qty;
      lots.push({ time: fill.time, price: fill.price, qty: remaining, fee });
      direction = sign;
    }
  }
  return { trades, closedBy };
}
