/**
 * The intrabar path of DESIGN §4: O→L→H→C for a bar with close ≥ open, O→H→L→C otherwise.
 * Time along the path runs from 0 (the open) to 3 (the close): segment k spans (k−1, k].
 */
export interface BarPath {
  /** The four path points: open, first extreme, second extreme, close. */
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
}

/** Fills `out` with the path of one bar (reused: no allocation per bar). */
export function setPath(
  out: { p0: number; p1: number; p2: number; p3: number },
  o: number,
  h: number,
  l: number,
  c: number,
): void {
  out.p0 = o;
  out.p3 = c;
  if (c >= o) {
    out.p1 = l;
    out.p2 = h;
  } else {
    out.p1 = h;
    out.p2 = l;
  }
}

function point(path: BarPath, k: number): number {
  return k === 0 ? path.p0 : k === 1 ? path.p1 : k === 2 ? path.p2 : path.p3;
}

/**
 * First path time at or after `from` where the price is ≤ `level` (falling to it), or -1.
 * At time 0 this is the open itself.
 */
export function firstAtOrBelow(path: BarPath, level: number, from: number): number {
  if (from <= 0 && path.p0 <= level) return 0;
  for (let k = 1; k <= 3; k++) {
    if (k < from) continue;
    const a = point(path, k - 1);
    const b = point(path, k);
    // Entering the segment already below the level (after `from` inside it).
    const start = Math.max(k - 1, from);
    const at = start === k - 1 ? a : a + (b - a) * (start - (k - 1));
    if (at <= level) return start;
    if (b <= level) return k - 1 + (a - level) / (a - b);
  }
  return -1;
}

/** First path time at or after `from` where the price is ≥ `level` (rising to it), or -1. */
export function firstAtOrAbove(path: BarPath, level: number, from: number): number {
  if (from <= 0 && path.p0 >= level) return 0;
  for (let k = 1; k <= 3; k++) {
    if (k < from) continue;
    const a = point(path, k - 1);
    const b = point(path, k);
    const start = Math.max(k - 1, from);
    const at = start === k - 1 ? a : a + (b - a) * (start - (k - 1));
    if (at >= level) return start;
    if (b >= level) return k - 1 + (level - a) / (b - a);
  }
  return -1;
}

/** Price on the path at time t (linear within a segment). */
export function priceAt(path: BarPath, t: number): number {
  if (t <= 0) return path.p0;
  const k = Math.min(3, Math.ceil(t));
  const a = point(path, k - 1);
  const b = point(path, k);
  return a + (b - a) * (t - (k - 1));
}
