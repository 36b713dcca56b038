// The max (or min) of any range of a column without reading every value: extremes of aligned
// blocks of 16, 32, 64 … values, built once per column (about n/8 numbers). A range reads at
// most 15 values at each end and one block per power of two between, so regrouping a
// million-bar series costs per chart point, not per bar.

const MIN_BLOCK_LOG = 4;
const MIN_BLOCK = 1 << MIN_BLOCK_LOG;

/** Which extreme a `RangeExtremes` keeps. */
export type Extreme = 'max' | 'min';

/** How many numbers the index of `n` values holds (blocks of 16, 32, … that fit whole). */
export function rangeIndexLength(n: number): number {
  let total = 0;
  for (let size = MIN_BLOCK; size <= n; size *= 2) total += Math.floor(n / size);
  return total;
}

/**
 * The largest or smallest of a column's values over ranges, NaN ignored (NaN when none). The
 * index is one Float64Array (`packed`): it can be built where there is time (the engine worker)
 * and handed over, then wrapped again with `new RangeExtremes(values, kind, packed)`.
 */
export class RangeExtremes {
  /** `_levels[k][j]`: the extreme of values `j·2^(4+k)` to `(j+1)·2^(4+k) − 1` (full blocks). */
  private readonly _levels: Float64Array[] = [];
  /** Every level, one after the other. */
  readonly packed: Float64Array;

  constructor(
    private readonly _values: ArrayLike<number>,
    private readonly _kind: Extreme,
    packed?: Float64Array,
  ) {
    const n = _values.length;
    const length = rangeIndexLength(n);
    if (packed !== undefined && packed.length !== length)
      throw new Error(
        `range index of ${packed.length} numbers for ${n} values (${length} expected)`,
      );
    this.packed = packed ?? new Float64Array(length);
    let offset = 0;
    for (let size = MIN_BLOCK; size <= n; size *= 2) {
      const blocks = Math.floor(n / size);
      this._levels.push(this.packed.subarray(offset, offset + blocks));
      offset += blocks;
    }
    if (packed === undefined) this._build();
  }

  /** Fills the levels. Tight loops, no call per value: this runs once over up to millions of
   * values, mostly before the JIT has optimized anything. */
  private _build(): void {
    const values = this._values;
    const max = this._kind === 'max';
    let size = MIN_BLOCK;
    let prev: Float64Array | null = null;
    for (const level of this._levels) {
      if (prev === null) {
        for (let j = 0, i = 0; j < level.length; j++) {
          let best = Number.NaN;
          for (const end = i + size; i < end; i++) {
            const x = values[i] as number;
            if (max ? x > best : x < best) best = x;
            else if (Number.isNaN(best)) best = x;
          }
          level[j] = best;
        }
      } else
        for (let j = 0; j < level.length; j++)
          level[j] = this._pick(prev[2 * j] as number, prev[2 * j + 1] as number);
      prev = level;
      size *= 2;
    }
  }

  /** The extreme of values `from` to `to − 1` (NaN for an empty range or only NaN). */
  query(from: number, to: number): number {
    const levels = this._levels;
    let best = Number.NaN;
    let i = from;
    while (i < to && (i & (MIN_BLOCK - 1)) !== 0)
      best = this._pick(best, this._values[i++] as number);
    while (i + MIN_BLOCK <= to) {
      // The biggest aligned block that starts at i and ends by `to`.
      let k = 0;
      const block = i >>> MIN_BLOCK_LOG;
      while (
        k + 1 < levels.length &&
        (block & ((2 << k) - 1)) === 0 &&
        i + (MIN_BLOCK << (k + 1)) <= to
      )
        k++;
      best = this._pick(best, (levels[k] as Float64Array)[block >>> k] as number);
      i += MIN_BLOCK << k;
    }
    while (i < to) best = this._pick(best, this._values[i++] as number);
    return best;
  }

  /** The extreme of `a` (seen first) and `b`; on a tie, `a` (so −0 and 0 keep their order). */
  private _pick(a: number, b: number): number {
    if (Number.isNaN(a)) return b;
    if (Number.isNaN(b)) return a;
    if (this._kind === 'max') {
      if (b > a) return b;
    } else if (b < a) return b;
    return a;
  }
}
