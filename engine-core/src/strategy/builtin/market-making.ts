import type { Strategy, StrategyContext, StrategyInstance } from '../strategy';

// Slots of the per-run state array.
/** Order size in base units (fixed at the first bar). */
const LOT = 0;
/** Inventory limit in base units (fixed at the first bar). */
const MAX_INV = 1;
/** Bars left before the next re-quote. */
const WAIT = 2;

/** Inventory this close to the limit counts as at the limit (float sums of fills). */
const EPS = 1e-9;

/**
 * A bar-level market maker. Every `refresh` bars (from the first) it cancels its quotes and posts
 * a post-only limit bid and ask around the close:
 * `bid = close × (1 − (spreadBps / 2 + shift) / 10⁴)`, `ask = close × (1 + (spreadBps / 2 − shift) / 10⁴)`
 * with `shift = skewBps × inventory / maxInventory`, so a long inventory lowers both quotes (sell
 * sooner, buy later) and a short one raises them; a quote skewed past the close is held at the
 * close (a post-only quote never crosses it).
 *
 * Sizes are given in quote currency and turned into base units once, at the first bar's close:
 * `lot = orderSize / close₀`, `limit = maxInventory / close₀`; from then on the limit is a base
 * quantity and the inventory stays within `[−limit, +limit]` (`[0, limit]` without `allowShort`).
 * A side is quoted only if filling it whole keeps that true: the bid needs
 * `inventory + lot ≤ limit`; the ask sells `lot`, or without `allowShort` at most what is held
 * (spot can only sell what it has), and with `allowShort` needs `inventory − lot ≥ −limit`.
 * Quotes are not replaced between refreshes, so one fill per side per refresh at most.
 */
export const marketMaking: Strategy = {
  name: 'market-making',
  description:
    'Quotes a post-only bid and ask around the close, skewed against inventory, re-quoted every `refresh` bars; sizes in quote currency at the first close, inventory kept within ±maxInventory.',
  params: [
    {
      name: 'spreadBps',
      type: 'float',
      default: 50,
      min: 1,
      max: 2000,
      step: 5,
      description: 'distance between bid and ask (bps of the close); each sits half of it away',
    },
    {
      name: 'skewBps',
      type: 'float',
      default: 20,
      min: 0,
      max: 2000,
      step: 5,
      description: 'shift of both quotes against inventory at the full limit (bps of the close)',
    },
    {
      name: 'refresh',
      type: 'int',
      default: 1,
      min: 1,
      max: 10_000,
      step: 1,
      description: 'cancel and re-quote every this many bars',
    },
    {
      name: 'orderSize',
      type: 'float',
      default: 1000,
      min: 0.01,
      max: 1e9,
      step: 100,
      description: 'size of each quote, in quote currency at the first bar’s close (fixed in base)',
    },
    {
      name: 'maxInventory',
      type: 'float',
      default: 5000,
      min: 0.01,
      max: 1e9,
      step: 500,
      description:
        'inventory limit (long, and short with allowShort), in quote currency at the first bar’s close (fixed in base)',
    },
    {
      name: 'allowShort',
      type: 'bool',
      default: false,
      description: 'quote asks below zero inventory (true/false; needs a perpetual)',
    },
  ],
  create(params): StrategyInstance {
    const half = (params.spreadBps as number) / 2 / 10_000;
    const skew = (params.skewBps as number) / 10_000;
    const refresh = params.refresh as number;
    const orderSize = params.orderSize as number;
    const maxInventory = params.maxInventory as number;
    const allowShort = params.allowShort === true;
    const st = new Float64Array([Number.NaN, Number.NaN, 0]);
    return {
      onBar(ctx: StrategyContext): void {
        const c = ctx.candles.close[ctx.bar] as number;
        if (Number.isNaN(st[LOT] as number)) {
          st[LOT] = orderSize / c;
          st[MAX_INV] = maxInventory / c;
        }
        // Quotes go out at the first bar and every `refresh` bars after it.
        const wait = st[WAIT] as number;
        if (wait > 0) {
          st[WAIT] = wait - 1;
          return;
        }
        st[WAIT] = refresh - 1;
        ctx.cancelAll();
        const lot = st[LOT] as number;
        const limit = st[MAX_INV] as number;
        const inv = ctx.position();
        const shift = (skew * inv) / limit;
        const tol = EPS * limit;
        if (inv + lot <= limit + tol) {
          ctx.submit({
            type: 'LIMIT',
            side: 'BUY',
            size: { qty: lot },
            price: Math.min(c * (1 - half - shift), c),
            postOnly: true,
          });
        }
        const askQty = allowShort ? (inv - lot >= -limit - tol ? lot : 0) : Math.min(lot, inv);
        if (askQty > tol) {
          ctx.submit({
            type: 'LIMIT',
            side: 'SELL',
            size: { qty: askQty },
            price: Math.max(c * (1 + half - shift), c),
            postOnly: true,
          });
        }
      },
    };
  },
};
