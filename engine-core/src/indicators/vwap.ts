import { checkPeriod } from './check-period';

/** Options of a `Vwap`. */
export interface VwapOptions {
  /** Rolling window in bars; absent for a cumulative VWAP (from construction or `reset()`). */
  readonly period?: number;
}

/**
 * Volume-weighted average price of the typical price `(high + low + close) / 3`, O(1) per update:
 * `Σ tp·volume / Σ volume`. Cumulative by default, over every bar since construction or the last
 * `reset()` (call it at each session start for a session VWAP; trading-signals' `VWAP`). With
 * `period`, over the last `period` bars (trading-signals' `VWMA` of the typical price), with
 * running sums recomputed from the window every `period` updates. NaN while the summed volume is 0
 * (and, rolling, until `period` bars have been seen); a zero-volume bar leaves a cumulative VWAP
 * unchanged.
 */
export class Vwap {
  /** Rolling window in bars; undefined for a cumulative VWAP. */
  readonly period: number | undefined;
  private readonly _pv: Float64Array;
  private readonly _vol: Float64Array;
  private _sumPv = 0;
  private _sumVol = 0;
  private _pos = 0;
  private _count = 0;
  private _sinceResum = 0;
  /** Bars with volume ≠ 0 in the window: an exact count, where the running sums may keep dust. */
  private _withVolume = 0;
  private _value = Number.NaN;

  constructor(options: VwapOptions = {}) {
    this.period = options.period;
    const n = options.period ?? 0;
    if (options.period !== undefined) checkPeriod('VWAP', 'period', options.period);
    this._pv = new Float64Array(n);
    this._vol = new Float64Array(n);
  }

  /** Adds a bar; returns the VWAP, or NaN while it is undefined (see the class comment). */
  update(high: number, low: number, close: number, volume: number): number {
    const pv = ((high + low + close) / 3) * volume;
    const n = this.period;
    if (n === undefined) {
      this._sumPv += pv;
      this._sumVol += volume;
    } else {
      if (this._count < n) {
        this._count++;
        this._sumPv += pv;
        this._sumVol += volume;
      } else {
        const oldVol = this._vol[this._pos] as number;
        if (oldVol !== 0) this._withVolume--;
        this._sumPv += pv - (this._pv[this._pos] as number);
        this._sumVol += volume - oldVol;
      }
      if (volume !== 0) this._withVolume++;
      this._pv[this._pos] = pv;
      this._vol[this._pos] = volume;
      this._pos = this._pos + 1 === n ? 0 : this._pos + 1;
      if (this._count < n) return Number.NaN;
      if (++this._sinceResum >= n) this._resum();
      if (this._withVolume === 0) {
        // No volume in the window: drop the rounding dust the running sums may hold.
        this._sumPv = 0;
        this._sumVol = 0;
      }
    }
    this._value = this._sumVol > 0 ? this._sumPv / this._sumVol : Number.NaN;
    return this._value;
  }

  /** The current VWAP, or NaN while it is undefined. */
  get value(): number {
    return this._value;
  }

  /** Forgets every bar seen, as if just constructed (a new session). */
  reset(): void {
    this._pv.fill(0);
    this._vol.fill(0);
    this._sumPv = 0;
    this._sumVol = 0;
    this._pos = 0;
    this._count = 0;
    this._sinceResum = 0;
    this._withVolume = 0;
    this._value = Number.NaN;
  }

  private _resum(): void {
    const n = this._pv.length;
    let pv = 0;
    let vol = 0;
    for (let i = 0; i < n; i++) {
      pv += this._pv[i] as number;
      vol += this._vol[i] as number;
    }
    this._sumPv = pv;
    this._sumVol = vol;
    this._sinceResum = 0;
  }
}
