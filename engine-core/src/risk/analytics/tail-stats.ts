import { assert } from '../../util';

/** A loss quantile and the mean loss beyond it, in the units of the losses. */
export interface VarEs {
  /** Value at risk: the `confidence` quantile of the loss (positive = a loss). */
  readonly var: number;
  /** Expected shortfall: the mean loss in the worst `1 − confidence` of outcomes; ≥ `var`. */
  readonly es: number;
}

/** Fails on a confidence outside (0, 1): a programmer's error, not market data. */
export function assertConfidence(confidence: number): void {
  assert(confidence > 0 && confidence < 1, `confidence must be in (0, 1), got ${confidence}`);
}

/**
 * VaR and ES of an empirical loss distribution, sorted ascending (it is not copied).
 * VaR is the lower quantile inf{x : F(x) ≥ α} = L₍⌈nα⌉₎; ES is (1/(1−α)) ∫_α^1 VaR_u du taken
 * exactly over the step function, so the atom at VaR gets weight ⌈nα⌉/n − α (Acerbi–Tasche).
 * Every term of the ES average is ≥ VaR, so ES ≥ VaR holds by construction.
 */
export function varEsOfSorted(sorted: Float64Array, confidence: number): VarEs {
  assertConfidence(confidence);
  const n = sorted.length;
  assert(n > 0, 'no losses to take a quantile of');
  // 1e-9 absorbs float noise in n·α (0.95 × 1000 must be 950, not 950.0000000000001).
  const k = Math.min(n, Math.max(1, Math.ceil(n * confidence - 1e-9)));
  const v = sorted[k - 1] as number;
  let tail = 0;
  for (let i = k; i < n; i++) tail += sorted[i] as number;
  const atomWeight = k / n - confidence;
  const es = (atomWeight * v + tail / n) / (1 - confidence);
  // Rounding can leave es a hair under var when every tail loss equals it.
  return { var: v, es: Math.max(es, v) };
}

/** VaR and ES of losses in any order: sorts them in place (typed-array numeric sort). */
export function varEsInPlace(losses: Float64Array, confidence: number): VarEs {
  losses.sort();
  return varEsOfSorted(losses, confidence);
}
