import { assert } from '../../util';
import { assertConfidence } from './tail-stats';

/** What every VaR/ES method is asked. */
export interface VarOptions {
  /** Confidence level α in (0, 1), e.g. 0.99: VaR is the α-quantile of the loss. */
  readonly confidence: number;
  /** Holding period in return periods (bars); default 1. */
  readonly horizon?: number;
}

/** The horizon of `o`, checked (a whole number ≥ 1). */
export function horizonOf(o: VarOptions): number {
  assertConfidence(o.confidence);
  const h = o.horizon ?? 1;
  assert(Number.isInteger(h) && h >= 1, `horizon must be a whole number ≥ 1, got ${h}`);
  return h;
}
