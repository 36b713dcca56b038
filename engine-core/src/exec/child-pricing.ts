import type { OrderPricing, SymbolId } from '../model';
import { CHASE_DEFAULTS, type LimitChild } from './algo-spec';
import { passiveLimitPrice } from './child-sizing';
import type { ExecSchedulerOptions } from './exec-scheduler-options';
import type { Child, Parent } from './scheduled-parent';

/** A symbol's best bid and ask. */
interface Touch {
  bid: number;
  ask: number;
}

const MARKET: OrderPricing = { type: 'MARKET' };

/**
 * Prices a scheduler's children: the touch of a symbol (`quote`, else the last book ticker seen,
 * else the engine's mark), passive limit prices off it, and the reference price that lot and
 * min-notional checks use.
 */
export class ChildPricer {
  /** Last book ticker per symbol (the touch when no `quote` is given). */
  private readonly _touch = new Map<SymbolId, Touch>();

  constructor(private readonly _o: ExecSchedulerOptions) {}

  /** Remembers a symbol's last book ticker. */
  noteTicker(sym: SymbolId, bid: number, ask: number): void {
    this._touch.set(sym, { bid, ask });
  }

  /** The touch on `side`'s own side: `quote`, else the last book ticker, else the mark; or NaN. */
  touchOf(sym: SymbolId, side: 'BUY' | 'SELL'): number {
    const q = this._o.quote?.(sym) ?? this._touch.get(sym);
    const touch = q === undefined ? Number.NaN : side === 'BUY' ? q.bid : q.ask;
    return touch > 0 ? touch : (this._o.engine.state.marks.get(sym) ?? Number.NaN);
  }

  /** A passive child's price for `p` now (NaN while no touch is known). */
  limitPrice(p: Parent): number {
    const lim = p.algo.passive;
    if (lim === null) return Number.NaN;
    const touch = this.touchOf(p.spec.symbol, p.spec.side);
    return passiveLimitPrice(touch, p.spec.side, lim.offsetBps, p.inst?.tickSize ?? 0);
  }

  /** The pricing of `p`'s next child, or null (passive, no touch known yet). */
  pricing(p: Parent, market: boolean): OrderPricing | null {
    if (market) return MARKET;
    if (p.algo.passive === null) return p.algo.pricing;
    const price = this.limitPrice(p);
    return Number.isNaN(price) ? null : { type: 'LIMIT', price };
  }

  /** The price a child of `p` is sized at: its limit price, else the mark (NaN when none). */
  refPrice(p: Parent, pricing: OrderPricing | null): number {
    return pricing?.type === 'LIMIT'
      ? pricing.price
      : (this._o.engine.state.marks.get(p.spec.symbol) ?? Number.NaN);
  }
}

/**
 * Whether a passive child of `p` is due to be rolled (cancelled, its rest sent again): its slice
 * is over, or the touch's fresh price (`fresh`, NaN when not chasing) has moved away from it by
 * more than `chaseTicks` ticks and it has rested `chaseMinMs`.
 */
export function dueToRoll(
  p: Parent,
  lim: LimitChild,
  c: Child,
  fresh: number,
  now: number,
): boolean {
  const tick = p.inst?.tickSize ?? 0;
  const ticks = lim.chaseTicks ?? CHASE_DEFAULTS.ticks;
  const minMs = lim.chaseMinMs ?? CHASE_DEFAULTS.minMs;
  const away = p.spec.side === 'BUY' ? fresh - c.price : c.price - fresh;
  const chased = away > ticks * tick * (1 + 1e-9) && away > 0 && now - c.createdTs >= minMs;
  return c.expires <= now || chased;
}
