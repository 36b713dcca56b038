import type { OrderPricing, TimeInForce } from '../../model';
import type { LimitChild } from '../algo-spec';
import type { Algo, AlgoStep, ParentFigures } from './algo';
import type { SlicePlan } from './slice-plan';

const MARKET: OrderPricing = { type: 'MARKET' };

/**
 * TWAP and VWAP: market children catching up with a cumulative schedule. At each slice time the
 * parent wants `cum[k] × qty` executed or working and sends the difference, so a slice that
 * could not be sent (too small, refused) or that filled short is carried into the next one.
 * After the last slice a shortfall with nothing working is retried every `retryMs` until the
 * window ends; then the parent finishes with what is left unfilled. A last slice whose first
 * clock update falls at or after the end still goes; the finish comes at the next wake-up.
 *
 * With passive children (`passive`), each child lives until the next slice time (the last one
 * until the window's end), when the scheduler cancels it; its rest is then due again and goes in
 * the next child. Once the window is over and nothing works, the rest goes as one market child
 * (`finishWithMarket`, default true; again every `retryMs` while refused) or the parent finishes.
 */
export class ScheduledAlgo implements Algo {
  readonly pricing = MARKET;
  readonly tif: TimeInForce = 'GTC';
  readonly listensToVolume = false;
  readonly refreshOnChildDone = false;
  private _k = 0;

  constructor(
    private readonly _plan: SlicePlan,
    private readonly _retryMs: number,
    readonly passive: LimitChild | null = null,
  ) {}

  /** The first slice time after `t`, or the window's end after the last slice. */
  sliceEnd(t: number): number {
    const { times, endTs } = this._plan;
    for (let k = 0; k < times.length; k++) if ((times[k] as number) > t) return times[k] as number;
    return endTs;
  }

  firstWake(now: number): number {
    return Math.max(now, this._plan.times[0] as number);
  }

  restartWake(now: number): number {
    return this.firstWake(now);
  }

  decide(now: number, f: ParentFigures, out: AlgoStep): void {
    const { times, cum, endTs } = this._plan;
    const n = times.length;
    const before = this._k;
    while (this._k < n && (times[this._k] as number) <= now) this._k++;
    out.finish = false;
    out.market = false;
    if (this.passive !== null && this._k === n && now >= endTs) {
      // The window is over: wait for the last cancels (or the market child), then finish.
      const left = f.qty - f.filled - f.working;
      out.send = 0;
      out.next = null;
      if (f.working > 0) out.next = now + this._retryMs;
      else if (left > 0 && this.passive.finishWithMarket !== false) {
        out.send = left;
        out.market = true;
        out.next = now + this._retryMs;
      } else out.finish = true;
      return;
    }
    if (this._k === 0) {
      out.send = 0;
      out.next = times[0] as number;
      return;
    }
    const due = (cum[this._k - 1] as number) * f.qty;
    out.send = Math.max(0, due - f.filled - f.working);
    if (this._k < n) {
      out.next = times[this._k] as number;
    } else if (now >= endTs && this._k === before) {
      out.send = 0;
      out.next = null;
      out.finish = true;
    } else if (now >= endTs) {
      // The last slice came due only now (the clock moves in steps, e.g. bars): it still goes.
      out.next = now + this._retryMs;
    } else {
      out.next = out.send > 0 || f.working > 0 ? Math.min(now + this._retryMs, endTs) : endTs;
    }
  }

  readonly observed = 0;

  observeVolume(): void {}
}
