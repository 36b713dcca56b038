/**
 * The floor of the backtest benchmark: two streaming simple moving averages of the close, each a
 * running sum over a `Float64Array` ring, updated once per bar and nothing else (no strategy, no
 * orders, no equity). Returns the last fast and slow averages' difference so the work is used.
 */
export function smaFloor(close: Float64Array, fast: number, slow: number): number {
  const fastRing = new Float64Array(fast);
  const slowRing = new Float64Array(slow);
  let fastSum = 0;
  let slowSum = 0;
  let fi = 0;
  let si = 0;
  let fastAvg = 0;
  let slowAvg = 0;
  const n = close.length;
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    fastSum += c - (fastRing[fi] as number);
    fastRing[fi] = c;
    fi = fi + 1 === fast ? 0 : fi + 1;
    slowSum += c - (slowRing[si] as number);
    slowRing[si] = c;
    si = si + 1 === slow ? 0 : si + 1;
    fastAvg = fastSum / fast;
    slowAvg = slowSum / slow;
  }
  return fastAvg - slowAvg;
}
