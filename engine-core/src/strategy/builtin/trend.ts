import { Atr, Ema } from '../../indicators';
import type { Strategy, StrategyContext, StrategyInstance, StrategyOrderUpdate } from '../strategy';

const ALL_IN = { fraction: 1 } as const;

// Slots of the per-run state array (numbers that change every bar live in a Float64Array).
const PREV_FAST = 0;
const PREV_SLOW = 1;
/** Highest close since a long entry (lowest since a short one); NaN when flat. */
const EXTREME = 2;
/** Price of the working stop; NaN when none. */
const STOP = 3;
/** Quantity of the working stop. */
const STOP_QTY = 4;
/** +1 / −1: a reversal to long / short waits for the close to settle; 0 otherwise. */
const REVERSE = 5;

/**
 * EMA cross trend follower with an ATR trailing stop. At the close of bar t, with both EMAs at t
 * and t−1: a cross up (`fast[t] > slow[t]`, `fast[t−1] ≤ slow[t−1]`) buys all-in at the next open;
 * a cross down closes the long (and, with `allowShort`, sells all-in short). While in a position
 * the stop is `highest close since entry − atrMult × ATR` (long; `lowest close + atrMult × ATR`
 * short); it only ratchets towards the price and is a real STOP order at the venue, cancelled and
 * re-placed only when it moves. The first close counted is the entry bar's own.
 *
 * A reversal (allowShort) closes at the next open and opens the other side one bar later, if the
 * EMAs still point that way: the new position is sized from the cash the close settled (a
 * margined position's cash is not free until it is closed).
 */
export const trend: Strategy = {
  name: 'trend',
  description:
    'EMA fast/slow cross with an ATR trailing stop (a real STOP order that only ratchets); exits on the opposite cross. Long-only unless allowShort (perpetuals).',
  params: [
    {
      name: 'fast',
      type: 'int',
      default: 12,
      min: 1,
      max: 1000,
      step: 1,
      description: 'fast EMA period (bars)',
    },
    {
      name: 'slow',
      type: 'int',
      default: 26,
      min: 2,
      max: 5000,
      step: 1,
      description: 'slow EMA period (bars)',
    },
    {
      name: 'atrPeriod',
      type: 'int',
      default: 14,
      min: 1,
      max: 1000,
      step: 1,
      description: 'ATR period (bars, Wilder smoothing)',
    },
    {
      name: 'atrMult',
      type: 'float',
      default: 3,
      min: 0.5,
      max: 20,
      step: 0.5,
      description: 'trailing stop distance from the best close since entry, in ATRs',
    },
    {
      name: 'allowShort',
      type: 'bool',
      default: false,
      description:
        'also go short on a cross down (true/false; needs a perpetual, spot refuses the sale)',
    },
  ],
  create(params): StrategyInstance {
    const fast = new Ema(params.fast as number);
    const slow = new Ema(params.slow as number);
    const atr = new Atr(params.atrPeriod as number);
    const mult = params.atrMult as number;
    const allowShort = params.allowShort === true;
    const st = new Float64Array([Number.NaN, Number.NaN, Number.NaN, Number.NaN, 0, 0]);
    let stopId: string | null = null;

    const dropStop = (ctx: StrategyContext): void => {
      if (stopId !== null) ctx.cancel(stopId);
      stopId = null;
      st[STOP] = Number.NaN;
      st[EXTREME] = Number.NaN;
    };

    /** Moves the trailing stop for a position `pos` (≠ 0) after the close `c`. */
    const trail = (ctx: StrategyContext, pos: number, c: number, a: number): void => {
      const long = pos > 0;
      const ext = st[EXTREME] as number;
      const best = Number.isNaN(ext) ? c : long ? Math.max(ext, c) : Math.min(ext, c);
      st[EXTREME] = best;
      const qty = Math.abs(pos);
      const stop = st[STOP] as number;
      const candidate = long ? best - mult * a : best + mult * a;
      // NaN-safe: a NaN candidate (ATR warming up) never moves the stop; a NaN stop always moves.
      const better = long ? !(candidate <= stop) : !(candidate >= stop);
      const moved = candidate > 0 && better;
      // A position that grew (a partly filled entry completing) needs a stop of its size.
      const resized = stopId !== null && qty !== st[STOP_QTY];
      if (!moved && !resized) return;
      const px = moved ? candidate : stop;
      if (stopId !== null) ctx.cancel(stopId);
      stopId = ctx.submit({
        type: 'STOP',
        side: long ? 'SELL' : 'BUY',
        size: { qty },
        stopPrice: px,
        reduceOnly: true,
      });
      st[STOP] = px;
      st[STOP_QTY] = qty;
    };

    return {
      onBar(ctx: StrategyContext): void {
        const i = ctx.bar;
        const candles = ctx.candles;
        const c = candles.close[i] as number;
        const f = fast.update(c);
        const s = slow.update(c);
        const a = atr.update(candles.high[i] as number, candles.low[i] as number, c);
        const pf = st[PREV_FAST] as number;
        const ps = st[PREV_SLOW] as number;
        st[PREV_FAST] = f;
        st[PREV_SLOW] = s;
        // NaN compares false: no cross until both EMAs exist at t and t−1.
        const up = f > s && pf <= ps;
        const down = f < s && pf >= ps;
        const pos = ctx.position();
        if (pos > 0 && down) {
          dropStop(ctx);
          ctx.closePosition();
          if (allowShort) st[REVERSE] = -1;
        } else if (pos < 0 && up) {
          dropStop(ctx);
          ctx.closePosition();
          st[REVERSE] = 1;
        } else if (pos !== 0) {
          trail(ctx, pos, c, a);
        } else {
          // Flat: a reduce-only stop still working (the position went another way) goes too.
          if (stopId !== null) dropStop(ctx);
          st[EXTREME] = Number.NaN;
          st[STOP] = Number.NaN;
          const reverse = st[REVERSE] as number;
          st[REVERSE] = 0;
          if (up || (reverse > 0 && f > s))
            ctx.submit({ type: 'MARKET', side: 'BUY', size: ALL_IN });
          else if (allowShort && (down || (reverse < 0 && f < s)))
            ctx.submit({ type: 'MARKET', side: 'SELL', size: ALL_IN });
        }
      },
      onOrderUpdate(_ctx: StrategyContext, u: StrategyOrderUpdate): void {
        if (u.clientOrderId !== stopId) return;
        // Our own cancels (ratchets, exits) concern ids no longer tracked; anything final about
        // the tracked one means no stop works any more, so the next bar places one afresh.
        if (
          u.status === 'FILLED' ||
          u.status === 'CANCELLED' ||
          u.status === 'REJECTED' ||
          u.status === 'EXPIRED'
        ) {
          stopId = null;
          st[STOP] = Number.NaN;
        }
      },
    };
  },
};
