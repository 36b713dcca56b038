import type { OrderPricing, TimeInForce } from '../../model';
import type { LimitChild, PovSpec } from '../algo-spec';
import type { Algo, AlgoStep, ParentFigures } from './algo';

const MARKET: OrderPricing = { type: 'MARKET' };

/**
 * Percentage of volume: after each observation of market volume V (trades or bars, counted
 * since the start, not while paused), the target is participation × V; when executed + working
 * falls below target × (1 − tolerance), a market child brings it back to the target, clamped to
 * [minChildQty, maxChildQty]. Never sends while at or above the lower band. Children are market
 * orders, or passive limits (`child`) that count as working until they fill or are chased.
 */
export class PovAlgo implements Algo {
  readonly pricing = MARKET;
  readonly tif: TimeInForce = 'GTC';
  readonly listensToVolume = true;
  readonly refreshOnChildDone = false;
  readonly passive: LimitChild | null;
  private _observed = 0;

  constructor(private readonly _s: PovSpec) {
    this.passive = _s.child?.type === 'limit' ? _s.child : null;
  }

  /** A passive POV child rests until filled, chased, or the parent's end. */
  sliceEnd(): null {
    return null;
  }

  /** Market volume observed so far. */
  get observed(): number {
    return this._observed;
  }

  firstWake(now: number): number {
    return now;
  }

  /** Only its end: it sent what its last observed volume asked for; new volume wakes it. */
  restartWake(): number | null {
    return this._s.endTs ?? null;
  }

  observeVolume(qty: number): void {
    if (qty > 0) this._observed += qty;
  }

  decide(now: number, f: ParentFigures, out: AlgoStep): void {
    const s = this._s;
    const end = s.endTs ?? null;
    out.market = false;
    if (end !== null && now >= end) {
      out.send = 0;
      out.next = null;
      out.finish = true;
      return;
    }
    const target = s.participation * this._observed;
    const have = f.filled + f.working;
    out.send =
      have < target * (1 - s.tolerance)
        ? Math.min(Math.max(target - have, s.minChildQty), s.maxChildQty)
        : 0;
    out.next = end;
    out.finish = false;
  }
}
