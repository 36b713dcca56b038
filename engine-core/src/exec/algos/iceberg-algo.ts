import type { OrderPricing, TimeInForce } from '../../model';
import { mulberry32, type Rng } from '../../util';
import type { IcebergSpec } from '../algo-spec';
import type { Algo, AlgoStep, ParentFigures } from './algo';

/**
 * Iceberg: one resting limit child at a time, of visibleQty × (1 − u × sizeVariance) (never more
 * than visible); when it ends (filled, or cancelled by someone else) the next one goes.
 */
export class IcebergAlgo implements Algo {
  readonly pricing: OrderPricing;
  readonly tif: TimeInForce = 'GTC';
  readonly listensToVolume = false;
  readonly refreshOnChildDone = true;
  readonly passive = null;
  private readonly _rng: Rng;

  constructor(private readonly _s: IcebergSpec) {
    this.pricing = { type: 'LIMIT', price: _s.price };
    this._rng = mulberry32(_s.seed ?? 1);
  }

  firstWake(now: number): number {
    return now;
  }

  /** The next clip goes at once when no child works (its end may have been lost in the crash). */
  restartWake(now: number): number {
    return now;
  }

  sliceEnd(): null {
    return null;
  }

  decide(_now: number, f: ParentFigures, out: AlgoStep): void {
    out.next = null;
    out.finish = false;
    out.market = false;
    out.send =
      f.working > 0 ? 0 : this._s.visibleQty * (1 - this._rng() * (this._s.sizeVariance ?? 0));
  }

  readonly observed = 0;

  observeVolume(): void {}
}
