import type { Rng } from '../../util';

/**
 * Standard normal draws from a seeded uniform source (Box–Muller; both values of each pair are
 * used). No allocation per draw: the Monte Carlo loop calls it once per asset per step.
 */
export class NormalSampler {
  private _spare = 0;
  private _hasSpare = false;

  constructor(private readonly _rng: Rng) {}

  /** The next N(0, 1) draw. */
  next(): number {
    if (this._hasSpare) {
      this._hasSpare = false;
      return this._spare;
    }
    // 1 − u lies in (0, 1]: log never sees 0.
    const r = Math.sqrt(-2 * Math.log(1 - this._rng()));
    const theta = 2 * Math.PI * this._rng();
    this._spare = r * Math.sin(theta);
    this._hasSpare = true;
    return r * Math.cos(theta);
  }
}
