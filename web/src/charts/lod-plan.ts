// Level of detail for big bar series: which bars each chart point stands for. The charts draw a
// few thousand points however many bars there are: bar for bar around what is on screen when
// zoomed in, bars grouped in buckets when zoomed out (an OHLC bucket is exactly the envelope of
// its bars). Pure logic; the charts follow a plan through `BarLod` (bar-lod.ts).

/**
 * Which bars each chart point covers: point `j` is bars `start[j]` to `start[j + 1] − 1`.
 * Inside the fine window the buckets are `step` bars (aligned on multiples of `step`), outside
 * it they are coarser, so the whole series stays scrollable at a bounded number of points.
 */
export interface LodPlan {
  /** Bars in the series. */
  readonly bars: number;
  /** Chart points (buckets). */
  readonly points: number;
  /** `points + 1` ascending bar indexes: `start[0] = 0`, `start[points] = bars`. */
  readonly start: Int32Array;
  /** Bars `from` to `to − 1` are in buckets of `step` bars (the last one may be cut at `bars`). */
  readonly fine: { readonly from: number; readonly to: number; readonly step: number };
}

/** How much detail to keep. */
export interface LodOptions {
  /** At most about this many points across the visible bars (a bit more than one per pixel). */
  readonly perScreen: number;
  /** Points for all the bars outside the fine window, about. */
  readonly outside: number;
  /** Series of up to this many bars are drawn bar for bar, whatever the view. */
  readonly fullDetailUpTo: number;
}

export const DEFAULT_LOD: LodOptions = { perScreen: 800, outside: 800, fullDetailUpTo: 10_000 };

/** A view in bar positions: bar `i`'s centre is at `i` (fractions allowed, as the chart's). */
export interface BarView {
  readonly from: number;
  readonly to: number;
}

/** The smallest power of two ≥ x (1 for x ≤ 1). */
export function pow2AtLeast(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/** One point per bar. */
export function fullDetailPlan(bars: number): LodPlan {
  const start = new Int32Array(bars + 1);
  for (let i = 0; i <= bars; i++) start[i] = i;
  return { bars, points: bars, start, fine: { from: 0, to: bars, step: 1 } };
}

/** True when the plan draws every bar as its own point. */
export const isFullDetail = (plan: LodPlan): boolean => plan.points === plan.bars;

/** The whole bars `[a, b)` a view touches, clamped to the series. */
function viewBars(bars: number, view: BarView): { a: number; b: number } {
  const a = Math.min(bars - 1, Math.max(0, Math.floor(view.from + 0.5)));
  const b = Math.max(a + 1, Math.min(bars, Math.floor(view.to + 0.5) + 1));
  return { a, b };
}

/** The fine step for a view of `span` bars. */
const stepFor = (span: number, opts: LodOptions): number =>
  pow2AtLeast(Math.ceil(span / opts.perScreen));

/**
 * The plan for showing `view` of a `bars`-bar series: buckets of `step` bars (a power of two,
 * so that at most `perScreen` points cover the view) over the view and one view's width on each
 * side, and buckets of a coarser power of two elsewhere (about `outside` points in all).
 */
export function planFor(bars: number, view: BarView, opts: LodOptions = DEFAULT_LOD): LodPlan {
  if (bars <= opts.fullDetailUpTo) return fullDetailPlan(bars);
  const { a, b } = viewBars(bars, view);
  const span = b - a;
  const step = stepFor(span, opts);
  const from = Math.max(0, Math.floor((a - span) / step) * step);
  const to = Math.min(bars, Math.ceil((b + span) / step) * step);
  const coarse = Math.max(step, pow2AtLeast(Math.ceil(bars / opts.outside)));
  const starts: number[] = [];
  for (let s = 0; s < from; s += coarse) starts.push(s);
  for (let s = from; s < to; s += step) starts.push(s);
  if (to < bars) {
    starts.push(to);
    for (let s = (Math.floor(to / coarse) + 1) * coarse; s < bars; s += coarse) starts.push(s);
  }
  starts.push(bars);
  return {
    bars,
    points: starts.length - 1,
    start: Int32Array.from(starts),
    fine: { from, to, step },
  };
}

/**
 * Whether `view` needs another plan: it leaves the fine window, or shows too many points
 * (over twice `perScreen`) or too few (under half of it while bars are grouped: a plan made for
 * the view would be finer).
 */
export function needsReplan(plan: LodPlan, view: BarView, opts: LodOptions = DEFAULT_LOD): boolean {
  if (plan.bars <= opts.fullDetailUpTo || plan.bars === 0) return false;
  const { a, b } = viewBars(plan.bars, view);
  const { from, to, step } = plan.fine;
  if (a < from || b > to) return true;
  const shown = (b - a) / step;
  return shown > 2 * opts.perScreen || (step > 1 && shown < opts.perScreen / 2);
}

/** The bucket holding bar `bar` (binary search; clamped to the first and last bucket). */
export function bucketOf(plan: LodPlan, bar: number): number {
  const { start, points } = plan;
  let lo = 0;
  let hi = points;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((start[mid] as number) <= bar) lo = mid;
    else hi = mid;
  }
  return lo;
}

const bucketLength = (plan: LodPlan, j: number): number =>
  (plan.start[j + 1] as number) - (plan.start[j] as number);

/**
 * A bar position → the chart's logical position (point `j`'s centre is `j`). Within a bucket
 * the map is linear (bucket `j` spans `j − ½` to `j + ½`); beyond the ends it goes on at the
 * end buckets' scale, so a view padded past the first or last bar keeps its padding.
 */
export function barToLogical(plan: LodPlan, x: number): number {
  if (plan.points === 0) return x;
  const j = bucketOf(plan, Math.floor(x + 0.5));
  const s = plan.start[j] as number;
  return j - 0.5 + (x - (s - 0.5)) / bucketLength(plan, j);
}

/** The chart's logical position → a bar position (the inverse of `barToLogical`). */
export function logicalToBar(plan: LodPlan, logical: number): number {
  if (plan.points === 0) return logical;
  const j = Math.min(plan.points - 1, Math.max(0, Math.floor(logical + 0.5)));
  const s = plan.start[j] as number;
  return s - 0.5 + (logical - (j - 0.5)) * bucketLength(plan, j);
}

/**
 * The bars a logical range's points cover: from the first point's first bar to the last point's
 * last bar (bar for bar, the same numbers).
 */
export function logicalRangeToBars(
  plan: LodPlan,
  range: { readonly from: number; readonly to: number },
): BarView {
  return {
    from: logicalToBar(plan, range.from - 0.5) + 0.5,
    to: logicalToBar(plan, range.to + 0.5) - 0.5,
  };
}

/** The logical range whose points cover bars `view` (the inverse of `logicalRangeToBars`). */
export function barsToLogicalRange(plan: LodPlan, view: BarView): { from: number; to: number } {
  return {
    from: barToLogical(plan, view.from - 0.5) + 0.5,
    to: barToLogical(plan, view.to + 0.5) - 0.5,
  };
}
