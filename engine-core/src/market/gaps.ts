/** Missing bars between two consecutive bars of a series: reported, never filled. */
export interface Gap {
  /** Open time of the last bar before the gap. */
  readonly afterTime: number;
  /** Open time of the first bar after the gap. */
  readonly beforeTime: number;
  /** Whole bars missing in between (`(beforeTime − afterTime) / step − 1`). */
  readonly missingBars: number;
}

/**
 * The gaps of a strictly increasing time column with step `stepMs`: every place where two
 * consecutive open times are more than one step apart. A difference that is not a whole number
 * of steps counts the whole steps that fit (`floor(diff / step) − 1`, at least 1).
 */
export function detectGaps(
  time: Float64Array,
  stepMs: number,
  length: number = time.length,
): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < length; i++) {
    const a = time[i - 1];
    const b = time[i];
    const diff = b - a;
    if (diff > stepMs) {
      gaps.push({
        afterTime: a,
        beforeTime: b,
        missingBars: Math.max(1, Math.floor(diff / stepMs) - 1),
      });
    }
  }
  return gaps;
}

/** Total missing bars over a list of gaps. */
export function countMissingBars(gaps: readonly Gap[]): number {
  let n = 0;
  for (const g of gaps) n += g.missingBars;
  return n;
}
