// Fills → series markers under a plan: each fill at the chart point (bucket) holding its bar, so
// a marker is always at its true time, to the bucket. Several fills of one side in a bucket of
// several bars make one marker that says how many.
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import { type FillColumns, fillAt } from '../engine/result-columns';
import { bucketOf, type LodPlan } from './lod-plan';
import { markerText, toChartTime } from './series-data';

/** Fills drawn as one marker: `count` fills of `side` in bucket `bucket`, the first is `first`. */
export interface FillGroup {
  readonly bucket: number;
  readonly side: 1 | -1;
  readonly count: number;
  /** Index of the group's first fill in the columns. */
  readonly first: number;
}

/**
 * The fills' markers in bucket order. In a one-bar bucket every fill keeps its own marker; in a
 * bigger one the fills of each side are one group. Fills past the plan's bars are dropped.
 * Fills in bar order (as `fillMarkers` gives them) are merged with the buckets in one pass.
 */
export function groupFills(fills: FillColumns, plan: LodPlan): FillGroup[] {
  for (let i = 1; i < fills.length; i++)
    if ((fills.bar[i] as number) < (fills.bar[i - 1] as number)) return groupUnsorted(fills, plan);
  const groups: { bucket: number; side: 1 | -1; count: number; first: number }[] = [];
  const { start, points } = plan;
  let j = 0;
  let groupsOf = -1; // the bucket `buy` and `sell` belong to
  let buy = -1;
  let sell = -1;
  for (let i = 0; i < fills.length; i++) {
    const bar = fills.bar[i] as number;
    if (bar >= plan.bars || bar < 0) continue;
    while (j + 1 < points && (start[j + 1] as number) <= bar) j++;
    if (j !== groupsOf) {
      groupsOf = j;
      buy = -1;
      sell = -1;
    }
    const side = fills.side[i] === 1 ? 1 : -1;
    const single = (start[j + 1] as number) - (start[j] as number) === 1;
    const g = side === 1 ? buy : sell;
    if (!single && g >= 0) (groups[g] as { count: number }).count++;
    else {
      if (!single) {
        if (side === 1) buy = groups.length;
        else sell = groups.length;
      }
      groups.push({ bucket: j, side, count: 1, first: i });
    }
  }
  return groups;
}

/** `groupFills` for fills in any order: a map per bucket and side, then sorted by bucket. */
function groupUnsorted(fills: FillColumns, plan: LodPlan): FillGroup[] {
  const groups: { bucket: number; side: 1 | -1; count: number; first: number }[] = [];
  const open = new Map<number, number>();
  for (let i = 0; i < fills.length; i++) {
    const bar = fills.bar[i] as number;
    if (bar >= plan.bars || bar < 0) continue;
    const bucket = bucketOf(plan, bar);
    const side = fills.side[i] === 1 ? 1 : -1;
    const single = (plan.start[bucket + 1] as number) - (plan.start[bucket] as number) === 1;
    const key = bucket * 2 + (side === 1 ? 1 : 0);
    const g = single ? undefined : open.get(key);
    if (g !== undefined) (groups[g] as { count: number }).count++;
    else {
      if (!single) open.set(key, groups.length);
      groups.push({ bucket, side, count: 1, first: i });
    }
  }
  // Stable: fills of one bucket keep their order.
  return groups.sort((a, b) => a.bucket - b.bucket);
}

/** Colours of the fill markers. */
export interface MarkerColours {
  readonly buy: string;
  readonly sell: string;
}

/** Beyond this many markers in the detailed part of the chart, markers are arrows only. */
export const MAX_LABELLED_MARKERS = 80;

/**
 * Series markers of the fills (buys below the bar, sells above) at `pointTime` (ms, one per
 * bucket). Labelled (`Long`, `Exit`, `3 buys`…) when at most `MAX_LABELLED_MARKERS` fall in
 * the plan's fine window, and then only there.
 */
export function fillMarkerRows(
  fills: FillColumns,
  plan: LodPlan,
  pointTime: ArrayLike<number>,
  colours: MarkerColours,
): SeriesMarker<UTCTimestamp>[] {
  const groups = groupFills(fills, plan);
  const { from, to } = plan.fine;
  const inFine = (g: FillGroup): boolean => {
    const s = plan.start[g.bucket] as number;
    return s >= from && s < to;
  };
  let fine = 0;
  for (const g of groups) if (inFine(g)) fine++;
  const labelled = fine <= MAX_LABELLED_MARKERS;
  return groups.map((g) => {
    const buy = g.side === 1;
    const text =
      g.count > 1 ? `${g.count} ${buy ? 'buys' : 'sells'}` : markerText(fillAt(fills, g.first));
    return {
      time: toChartTime(pointTime[g.bucket] as number),
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? colours.buy : colours.sell,
      ...(labelled && inFine(g) ? { text } : { size: 0.6 }),
    };
  });
}
