import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barsToLogicalRange,
  barToLogical,
  bucketOf,
  DEFAULT_LOD,
  fullDetailPlan,
  type LodOptions,
  type LodPlan,
  logicalRangeToBars,
  logicalToBar,
  needsReplan,
  planFor,
  pow2AtLeast,
} from './lod-plan';

/** The bucket of a bar by walking the starts one by one. */
function naiveBucket(plan: LodPlan, bar: number): number {
  let j = 0;
  while (j + 1 < plan.points && (plan.start[j + 1] as number) <= bar) j++;
  return j;
}

const arbCase = fc
  .record({
    bars: fc.integer({ min: 1, max: 6_000 }),
    perScreen: fc.integer({ min: 4, max: 60 }),
    outside: fc.integer({ min: 2, max: 60 }),
    fullDetailUpTo: fc.integer({ min: 0, max: 200 }),
    u: fc.double({ min: 0, max: 1, noNaN: true }),
    w: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ bars, u, w, ...opts }) => {
    const from = Math.floor(u * bars);
    const to = Math.min(bars - 1, from + Math.floor(w * w * bars));
    return { bars, view: { from, to }, opts: opts as LodOptions };
  });

const SEED = { seed: 5_2025, numRuns: 300 };

describe('planFor', () => {
  it('draws small series bar for bar, whatever the view', () => {
    const plan = planFor(8_760, { from: 100, to: 200 });
    expect(plan.points).toBe(8_760);
    expect(plan.fine).toEqual({ from: 0, to: 8_760, step: 1 });
    expect(Array.from(plan.start.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(needsReplan(plan, { from: 5, to: 6 })).toBe(false);
  });

  it('groups 500 000 bars shown whole into uniform buckets, at most perScreen of them', () => {
    const opts = { perScreen: 1_000, outside: 1_000, fullDetailUpTo: 10_000 };
    const plan = planFor(500_000, { from: 0, to: 499_999 }, opts);
    expect(plan.fine.step).toBe(512);
    expect(plan.points).toBe(Math.ceil(500_000 / 512));
    expect(plan.start[1]).toBe(512);
    const byDefault = planFor(500_000, { from: 0, to: 499_999 });
    expect(byDefault.points).toBeLessThanOrEqual(DEFAULT_LOD.perScreen);
    expect(byDefault.points).toBeGreaterThan(DEFAULT_LOD.perScreen / 2);
  });

  it('shows a zoomed-in view bar for bar, with coarse buckets elsewhere', () => {
    const plan = planFor(500_000, { from: 250_000, to: 250_300 });
    expect(plan.fine).toEqual({ from: 249_699, to: 250_602, step: 1 });
    expect(plan.points).toBeLessThan(3 * DEFAULT_LOD.perScreen + DEFAULT_LOD.outside + 4);
    expect(bucketOf(plan, 250_000)).toBe(bucketOf(plan, 249_999) + 1);
  });

  it('keeps its invariants (seeded fuzz)', () => {
    fc.assert(
      fc.property(arbCase, ({ bars, view, opts }) => {
        const plan = planFor(bars, view, opts);
        const { start, points, fine } = plan;
        expect(start[0]).toBe(0);
        expect(start[points]).toBe(bars);
        for (let j = 0; j < points; j++)
          expect(start[j + 1] as number).toBeGreaterThan(start[j] as number);
        if (bars <= opts.fullDetailUpTo) {
          expect(points).toBe(bars);
          return;
        }
        // The fine window covers the view, in aligned buckets of `step` bars.
        expect(fine.from).toBeLessThanOrEqual(view.from);
        expect(fine.to).toBeGreaterThan(view.to);
        expect(pow2AtLeast(fine.step)).toBe(fine.step);
        for (let j = bucketOf(plan, fine.from); (start[j] as number) < fine.to; j++) {
          expect((start[j] as number) % fine.step).toBe(0);
          expect((start[j + 1] as number) - (start[j] as number)).toBe(
            Math.min(fine.step, bars - (start[j] as number)),
          );
        }
        // The coarsest step that keeps the view within `perScreen` points.
        const span = view.to - view.from + 1;
        expect(span / fine.step).toBeLessThanOrEqual(opts.perScreen);
        if (fine.step > 1) expect(span / (fine.step / 2)).toBeGreaterThan(opts.perScreen);
        // Bounded: the fine window is three views wide, the rest about `outside` points.
        expect(points).toBeLessThanOrEqual(3 * opts.perScreen + opts.outside + 6);
        expect(needsReplan(plan, view, opts)).toBe(false);
      }),
      SEED,
    );
  });
});

describe('needsReplan', () => {
  const plan = planFor(500_000, { from: 0, to: 499_999 });
  it('asks for detail when zoomed in and for a new window when scrolled out of it', () => {
    expect(needsReplan(plan, { from: 0, to: 450_000 })).toBe(false);
    expect(needsReplan(plan, { from: 0, to: 300_000 })).toBe(true);
    expect(needsReplan(plan, { from: 1_000, to: 2_000 })).toBe(true);
    const zoomed = planFor(500_000, { from: 1_000, to: 2_000 });
    expect(needsReplan(zoomed, { from: 1_500, to: 2_500 })).toBe(false);
    expect(needsReplan(zoomed, { from: 10_000, to: 11_000 })).toBe(true);
    expect(needsReplan(zoomed, { from: 0, to: 499_999 })).toBe(true);
  });
});

describe('bucketOf and the logical map', () => {
  it('finds the bucket a linear walk finds (seeded fuzz)', () => {
    fc.assert(
      fc.property(arbCase, fc.double({ min: 0, max: 1, noNaN: true }), (c, u) => {
        const plan = planFor(c.bars, c.view, c.opts);
        const bar = Math.min(c.bars - 1, Math.floor(u * c.bars));
        expect(bucketOf(plan, bar)).toBe(naiveBucket(plan, bar));
      }),
      SEED,
    );
  });

  it('maps bar positions to logical ones and back, monotone, bucket centres on integers', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.double({ min: -0.2, max: 1.2, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (c, u, d) => {
          const plan = planFor(c.bars, c.view, c.opts);
          const x = u * c.bars;
          const l = barToLogical(plan, x);
          expect(logicalToBar(plan, l)).toBeCloseTo(x, 6);
          expect(barToLogical(plan, x + d * c.bars)).toBeGreaterThanOrEqual(l - 1e-9);
          const j = naiveBucket(plan, Math.min(c.bars - 1, Math.max(0, Math.floor(x))));
          const s = plan.start[j] as number;
          const e = plan.start[j + 1] as number;
          expect(barToLogical(plan, (s + e - 1) / 2)).toBeCloseTo(j, 9);
        },
      ),
      SEED,
    );
  });

  it('gives the bars a range of points covers, and back', () => {
    const plan = planFor(
      10_000,
      { from: 0, to: 9_999 },
      { perScreen: 10, outside: 10, fullDetailUpTo: 0 },
    );
    expect(plan.fine.step).toBe(1_024);
    // All points in view: every bar, first to last.
    const all = logicalRangeToBars(plan, { from: 0, to: plan.points - 1 });
    expect(all.from).toBeCloseTo(0, 9);
    expect(all.to).toBeCloseTo(9_999, 9);
    fc.assert(
      fc.property(arbCase, fc.double({ min: -5, max: 5, noNaN: true }), (c, pad) => {
        const p = planFor(c.bars, c.view, c.opts);
        const v = { from: c.view.from - pad, to: c.view.to + pad };
        const back = logicalRangeToBars(p, barsToLogicalRange(p, v));
        expect(back.from).toBeCloseTo(v.from, 6);
        expect(back.to).toBeCloseTo(v.to, 6);
      }),
      SEED,
    );
    const full = fullDetailPlan(50);
    expect(logicalRangeToBars(full, { from: 3.5, to: 20 })).toEqual({ from: 3.5, to: 20 });
  });

  it('is the identity bar for bar', () => {
    const plan = fullDetailPlan(100);
    for (const x of [-3, 0, 0.25, 17, 99, 104.5]) {
      expect(barToLogical(plan, x)).toBeCloseTo(x, 12);
      expect(logicalToBar(plan, x)).toBeCloseTo(x, 12);
    }
  });
});
