import type {
  Strategy,
  StrategyContext,
  StrategyFill,
  StrategyInstance,
  StrategyOrderUpdate,
} from '../strategy';

// Lot states.
const IDLE = 0;
const BUYING = 1;
const SELLING = 2;

/** Quantities this close to zero count as zero (fills arrive as floats). */
const EPS = 1e-12;

/**
 * A long-only grid between two bounds. The bounds are fractions around a reference price:
 * `lo = ref × (1 − lower)`, `hi = ref × (1 + upper)`, with `ref = center`, or the first bar's close
 * when `center` is 0. The range is cut into `levels` equal steps, prices `L_0 = lo … L_levels = hi`;
 * lot k (k = 0 … levels−1) buys `sizePerLevel / L_k` base at `L_k` and sells it at `L_{k+1}`.
 *
 * Each lot is idle, buying (a limit buy at `L_k` works) or selling (it holds its base and a limit
 * sell at `L_{k+1}` works). At each close inside `[lo, hi]`, every idle lot with `L_k` below the
 * close places its buy. When a buy fills (`onFill`), its sell goes in one level up; when a sell
 * fills, the buy goes back in one level down if the close is still above it and inside the
 * bounds (else the lot waits idle for the next bar that allows it). No order is ever priced
 * outside `[lo, hi]`, inventory never exceeds `Σ sizePerLevel / L_k` (about
 * `levels × sizePerLevel` of quote at cost), and while the close is outside the bounds no buy is
 * added (working orders stay).
 */
export const grid: Strategy = {
  name: 'grid',
  description:
    'Long-only grid: limit buys at evenly spaced levels below the price, each sold one level up when filled and re-bought after. Bounds are fractions around `center` (0 = the first close).',
  params: [
    {
      name: 'lower',
      type: 'float',
      default: 0.1,
      min: 0.005,
      max: 0.95,
      step: 0.005,
      description: 'lower bound, as a fraction below the reference price (0.1 = 10 % below)',
    },
    {
      name: 'upper',
      type: 'float',
      default: 0.1,
      min: 0.005,
      max: 10,
      step: 0.005,
      description: 'upper bound, as a fraction above the reference price (0.1 = 10 % above)',
    },
    {
      name: 'levels',
      type: 'int',
      default: 10,
      min: 1,
      max: 500,
      step: 1,
      description: 'number of grid steps (lots) between the bounds',
    },
    {
      name: 'sizePerLevel',
      type: 'float',
      default: 500,
      min: 0.01,
      max: 1e9,
      step: 50,
      description: 'quote currency spent by each lot’s buy (e.g. USDT); base qty = this / level',
    },
    {
      name: 'center',
      type: 'float',
      default: 0,
      min: 0,
      max: 1e12,
      step: 1,
      description: 'reference price for the bounds (quote per base); 0 = the first bar’s close',
    },
  ],
  create(params): StrategyInstance {
    const lowerFrac = params.lower as number;
    const upperFrac = params.upper as number;
    const levels = params.levels as number;
    const size = params.sizePerLevel as number;
    const center = params.center as number;
    /** Grid prices L_0 … L_levels; set from the reference price at the first bar. */
    const price = new Float64Array(levels + 1);
    /** Base quantity of each lot. */
    const lotQty = new Float64Array(levels);
    /** Base each lot holds (bought, not yet sold). */
    const held = new Float64Array(levels);
    const state = new Int8Array(levels);
    /** 1 for an idle lot whose buy was refused (no cash): retried after the next sell. */
    const blocked = new Int8Array(levels);
    /** The working order of each lot (its buy or its sell), by lot. */
    const orderOf: (string | null)[] = new Array<string | null>(levels).fill(null);
    /** Lot of each working order. */
    const lotOf = new Map<string, number>();
    let ready = false;

    const setUp = (ref: number): void => {
      const lo = ref * (1 - lowerFrac);
      const hi = ref * (1 + upperFrac);
      for (let k = 0; k <= levels; k++)
        price[k] = k === levels ? hi : lo + ((hi - lo) * k) / levels;
      for (let k = 0; k < levels; k++) lotQty[k] = size / (price[k] as number);
      ready = true;
    };

    const inBounds = (c: number): boolean =>
      c >= (price[0] as number) && c <= (price[levels] as number);

    const placeBuy = (ctx: StrategyContext, k: number): void => {
      const id = ctx.submit({
        type: 'LIMIT',
        side: 'BUY',
        size: { qty: lotQty[k] as number },
        price: price[k] as number,
      });
      state[k] = BUYING;
      orderOf[k] = id;
      lotOf.set(id, k);
    };

    const placeSell = (ctx: StrategyContext, k: number): void => {
      const id = ctx.submit({
        type: 'LIMIT',
        side: 'SELL',
        size: { qty: held[k] as number },
        price: price[k + 1] as number,
        reduceOnly: true,
      });
      state[k] = SELLING;
      orderOf[k] = id;
      lotOf.set(id, k);
    };

    const release = (k: number): void => {
      const id = orderOf[k];
      if (id !== null && id !== undefined) lotOf.delete(id);
      orderOf[k] = null;
    };

    return {
      onBar(ctx: StrategyContext): void {
        const c = ctx.candles.close[ctx.bar] as number;
        if (!ready) setUp(center > 0 ? center : c);
        const adding = inBounds(c);
        for (let k = 0; k < levels; k++) {
          const s = state[k];
          if (s === IDLE) {
            if (adding && blocked[k] === 0 && (price[k] as number) < c) placeBuy(ctx, k);
          } else if (s === SELLING && orderOf[k] === null) placeSell(ctx, k);
        }
      },
      onFill(ctx: StrategyContext, fill: StrategyFill): void {
        const k = lotOf.get(fill.clientOrderId);
        if (k === undefined) return;
        if (fill.side === 'BUY') {
          held[k] = (held[k] as number) + fill.qty;
          // A partial fill (volume cap) keeps the buy working until the lot is complete.
          if ((held[k] as number) < (lotQty[k] as number) * (1 - 1e-9)) return;
          release(k);
          placeSell(ctx, k);
        } else {
          const left = (held[k] as number) - fill.qty;
          held[k] = left > EPS * (lotQty[k] as number) ? left : 0;
          if (held[k] !== 0) return;
          release(k);
          state[k] = IDLE;
          blocked.fill(0);
          const c = ctx.candles.close[ctx.bar] as number;
          if (inBounds(c) && (price[k] as number) < c) placeBuy(ctx, k);
        }
      },
      onOrderUpdate(_ctx: StrategyContext, u: StrategyOrderUpdate): void {
        // A refused or cancelled order frees its lot. A buy goes back to idle, and is retried
        // only after a sell has freed cash (no stream of refusals, one per bar); a sell's base
        // stays held and is offered again on the next bar.
        if (u.status !== 'REJECTED' && u.status !== 'CANCELLED' && u.status !== 'EXPIRED') return;
        const k = lotOf.get(u.clientOrderId);
        if (k === undefined) return;
        release(k);
        if (state[k] === BUYING) {
          state[k] = IDLE;
          blocked[k] = 1;
        }
      },
    };
  },
};
