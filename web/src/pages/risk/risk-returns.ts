// Where the VaR's returns come from: the closed candles the paper feed has shown, or the bundled
// sample dataset when the feed has too few yet. One asset (the feed's, or the sample's BTC).
import type { CandleBar, Candles } from '../../../../engine-core/src/market';
import type { Asset } from '../../../../engine-core/src/model';
import { simpleReturns } from '../../../../engine-core/src/risk';

/** Fewer returns than this and the estimate is noise: the sample dataset is used instead. */
export const MIN_RETURNS = 30;

/** The returns the VaR rests on, and what they are. */
export interface ReturnSeries {
  readonly source: 'paper' | 'sample';
  /** The asset the returns are of (the feed's base; BTC for the sample). */
  readonly asset: Asset;
  /** Open times of the first and last close used, ms. */
  readonly from: number;
  readonly to: number;
  /** close[t] / close[t−1] − 1 over the closes used. */
  readonly returns: Float64Array;
}

/** The closed bars of the paper chart (the last one is still forming, so it is left out). */
export function closedBars(candles: readonly CandleBar[]): readonly CandleBar[] {
  return candles.slice(0, Math.max(0, candles.length - 1));
}

/** Returns of the paper feed's closed bars, or of the sample when they give < MIN_RETURNS. */
export function pickReturns(
  paper: { readonly asset: Asset; readonly candles: readonly CandleBar[] } | null,
  sample: { readonly asset: Asset; readonly candles: Candles } | null,
): ReturnSeries | null {
  const bars = paper ? closedBars(paper.candles) : [];
  if (paper !== null && bars.length - 1 >= MIN_RETURNS) {
    return {
      source: 'paper',
      asset: paper.asset,
      from: (bars[0] as CandleBar).time,
      to: (bars[bars.length - 1] as CandleBar).time,
      returns: simpleReturns(bars.map((b) => b.close)),
    };
  }
  if (sample === null || sample.candles.length - 1 < MIN_RETURNS) return null;
  const c = sample.candles;
  return {
    source: 'sample',
    asset: sample.asset,
    from: c.time[0] as number,
    to: c.time[c.length - 1] as number,
    returns: simpleReturns(c.close),
  };
}
