import { describe, expect, it } from 'vitest';
import { fillMarkers } from '../../../engine-core/src/analyzer';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../../engine-core/src/backtest';
import { syntheticSample } from '../../../engine-core/src/market';
import { smaCross } from '../../../engine-core/src/strategy';
import { fillColumnsOf } from '../engine/result-columns';
import { bucketTimes } from './decimate';
import { fillMarkerRows, groupFills, MAX_LABELLED_MARKERS } from './fill-points';
import { fullDetailPlan, type LodPlan, planFor } from './lod-plan';

const bars = syntheticSample({ bars: 3_000 });
const result = runBacktest(bars, smaCross, { fast: 3, slow: 8 }, DEFAULT_BACKTEST_CONFIG);
const markers = fillMarkers(result);
const fills = fillColumnsOf(markers);
const colours = { buy: 'g', sell: 'r' };
const coarse = (view: { from: number; to: number }): LodPlan =>
  planFor(bars.length, view, { perScreen: 40, outside: 20, fullDetailUpTo: 0 });

describe('fill markers bar for bar', () => {
  it('marks every fill at its bar: buys below, sells above, in time order', () => {
    expect(markers.length).toBeGreaterThan(MAX_LABELLED_MARKERS);
    const plan = fullDetailPlan(bars.length);
    const rows = fillMarkerRows(fills, plan, bucketTimes(bars.time, plan), colours);
    expect(rows).toHaveLength(markers.length);
    rows.forEach((r, i) => {
      const m = markers[i];
      expect(r.time).toBe((bars.time[m?.bar as number] as number) / 1000);
      expect(r.position).toBe(m?.side === 'BUY' ? 'belowBar' : 'aboveBar');
      expect(r.color).toBe(m?.side === 'BUY' ? 'g' : 'r');
      // Too many to label.
      expect(r.text).toBeUndefined();
    });
  });

  it('labels a few fills: Long, Exit', () => {
    const few = fillColumnsOf(markers.slice(0, 4));
    const plan = fullDetailPlan(bars.length);
    const rows = fillMarkerRows(few, plan, bucketTimes(bars.time, plan), colours);
    expect(rows.map((r) => r.text)).toEqual(['Long', 'Exit', 'Long', 'Exit']);
  });
});

describe('fill markers in buckets', () => {
  it('puts each fill in the bucket holding its bar, one group per side and bucket', () => {
    for (const view of [
      { from: 0, to: 2_999 },
      { from: 1_200, to: 1_260 },
    ]) {
      const plan = coarse(view);
      const groups = groupFills(fills, plan);
      // Every fill counted once; a group's fills are of its side, in its bucket.
      expect(groups.reduce((a, g) => a + g.count, 0)).toBe(markers.length);
      const seen = new Set<string>();
      for (const g of groups) {
        const s = plan.start[g.bucket] as number;
        const e = plan.start[g.bucket + 1] as number;
        const members = markers.filter(
          (m) => m.bar >= s && m.bar < e && (m.side === 'BUY' ? 1 : -1) === g.side,
        );
        if (e - s > 1) {
          expect(members).toHaveLength(g.count);
          expect(seen.has(`${g.bucket}${g.side}`)).toBe(false);
          seen.add(`${g.bucket}${g.side}`);
        } else expect(g.count).toBe(1);
        expect(markers[g.first]?.bar).toBeGreaterThanOrEqual(s);
        expect(markers[g.first]?.bar).toBeLessThan(e);
      }
      // Markers at their bucket's time: at or before the fill's bar, before the next bucket.
      const rows = fillMarkerRows(fills, plan, bucketTimes(bars.time, plan), colours);
      groups.forEach((g, i) => {
        const t = (rows[i]?.time as number) * 1000;
        expect(t).toBe(bars.time[plan.start[g.bucket] as number]);
        expect(t).toBeLessThanOrEqual(bars.time[markers[g.first]?.bar as number] as number);
      });
      for (let i = 1; i < rows.length; i++)
        expect(rows[i]?.time as number).toBeGreaterThanOrEqual(rows[i - 1]?.time as number);
    }
  });

  it('groups fills in any order as it groups them in bar order', () => {
    const plan = coarse({ from: 500, to: 900 });
    const sorted = groupFills(fills, plan);
    // Reversed: the same groups, each counted the same (the first fill of a group differs).
    const reversed = fillColumnsOf([...markers].reverse());
    const key = (g: { bucket: number; side: number; count: number }) =>
      `${g.bucket}:${g.side}:${g.count}`;
    const bySide = (gs: readonly { bucket: number; side: number; count: number }[]) =>
      gs
        .filter((g) => (plan.start[g.bucket + 1] as number) - (plan.start[g.bucket] as number) > 1)
        .map(key)
        .sort();
    expect(bySide(groupFills(reversed, plan))).toEqual(bySide(sorted));
    expect(groupFills(reversed, plan).reduce((a, g) => a + g.count, 0)).toBe(markers.length);
  });

  it('labels the zoomed-in part only, and says how many fills a group holds', () => {
    const plan = coarse({ from: 1_200, to: 1_230 });
    expect(plan.fine.step).toBe(1);
    const rows = fillMarkerRows(fills, plan, bucketTimes(bars.time, plan), colours);
    const groups = groupFills(fills, plan);
    groups.forEach((g, i) => {
      const s = plan.start[g.bucket] as number;
      const fine = s >= plan.fine.from && s < plan.fine.to;
      expect(rows[i]?.text === undefined).toBe(!fine);
    });
    expect(rows.some((r) => r.text === 'Long' || r.text === 'Exit')).toBe(true);
    // Three buys and a sell in one 8-bar bucket of the detailed part, a lone sell after it.
    const hand = fillColumnsOf([
      { bar: 1_600, side: 'BUY', action: 'open', after: 1, price: 1 },
      { bar: 1_601, side: 'BUY', action: 'add', after: 1, price: 1 },
      { bar: 1_602, side: 'SELL', action: 'reduce', after: 1, price: 1 },
      { bar: 1_603, side: 'BUY', action: 'add', after: 1, price: 1 },
      { bar: 1_620, side: 'SELL', action: 'close', after: 0, price: 1 },
    ]);
    const wide = coarse({ from: 1_500, to: 1_800 });
    expect(wide.fine.step).toBe(8);
    const handRows = fillMarkerRows(hand, wide, bucketTimes(bars.time, wide), colours);
    expect(handRows.map((r) => [r.time, r.text])).toEqual([
      [(bars.time[1_600] as number) / 1000, '3 buys'],
      [(bars.time[1_600] as number) / 1000, 'Reduce'],
      [(bars.time[1_616] as number) / 1000, 'Exit'],
    ]);
  });
});
