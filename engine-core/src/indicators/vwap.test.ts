import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vwap } from './vwap';

type Bar = readonly [high: number, low: number, close: number, volume: number];
const feed = (v: Vwap, bars: readonly Bar[]) =>
  bars.map(([h, l, c, vol]) => v.update(h, l, c, vol));

// typical prices 11, 12, 100 (no volume), 9
const BARS: Bar[] = [
  [12, 9, 12, 1],
  [14, 10, 12, 3],
  [100, 100, 100, 0],
  [9, 9, 9, 2],
];

describe('Vwap', () => {
  it('is cumulative Σ typical·volume / Σ volume by default (hand-computed)', () => {
    const v = new Vwap();
    expect(v.period).toBeUndefined();
    // 11; (11 + 36) / 4; a zero-volume bar changes nothing; (47 + 18) / 6
    expect(feed(v, BARS)).toEqual([11, 47 / 4, 47 / 4, 65 / 6]);
  });

  it('with period, covers the last period bars (hand-computed)', () => {
    const v = new Vwap({ period: 2 });
    expect(v.period).toBe(2);
    // (11 + 36) / 4; (36 + 0) / 3; (0 + 18) / 2
    expect(feed(v, BARS)).toEqual([NaN, 47 / 4, 12, 9]);
  });

  it('is NaN while the summed volume is 0', () => {
    expect(
      feed(new Vwap(), [
        [5, 5, 5, 0],
        [6, 6, 6, 0],
        [3, 3, 3, 2],
      ]),
    ).toEqual([NaN, NaN, 3]);
    const zeros: Bar[] = [
      [5, 5, 5, 1],
      [6, 6, 6, 0],
      [7, 7, 7, 0],
      [8, 8, 8, 1],
    ];
    expect(feed(new Vwap({ period: 2 }), zeros)).toEqual([NaN, 5, NaN, 8]);
  });

  it('rolling: a window without volume is NaN even when the running sums keep rounding dust', () => {
    // Σ volume after adding 0.94 and 0.05 and taking them off again is not exactly 0
    const v = new Vwap({ period: 4 });
    const vols = [0.94, 0.05, 0, 0, 0, 0];
    const out = vols.map((vol, i) => v.update(10 + i, 10 + i, 10 + i, vol));
    expect(out.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(out[3]).toBeCloseTo((10 * 0.94 + 11 * 0.05) / 0.99, 12);
    expect(out[4]).toBeCloseTo(11, 12);
    expect(out[5]).toBeNaN();
  });

  it('constant prices give the price; period 1 gives the typical price', () => {
    const v = new Vwap({ period: 5 });
    const out = feed(
      v,
      Array.from({ length: 30 }, (_, i): Bar => [250.5, 250.5, 250.5, 1 + (i % 4)]),
    );
    for (const x of out.slice(4)) expect(x).toBeCloseTo(250.5, 10);
    expect(
      feed(new Vwap({ period: 1 }), [
        [12, 9, 12, 7],
        [3, 3, 6, 1],
      ]),
    ).toEqual([11, 4]);
  });

  it('rolling equals a naive sum over each window; cumulative over every bar', () => {
    const bar = fc.tuple(
      fc.integer({ min: 1, max: 1000 }),
      fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 10 }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(bar, { maxLength: 60 }), (p, raw) => {
        const bars = raw.map(([l, w, c, vol]): Bar => [l + w, l, l + (w * c) / 100, vol]);
        const tp = bars.map(([h, l, c]) => (h + l + c) / 3);
        const rolling = feed(new Vwap({ period: p }), bars);
        const cumulative = feed(new Vwap(), bars);
        const vwapOf = (from: number, to: number) => {
          let pv = 0;
          let vol = 0;
          for (let j = from; j <= to; j++) {
            pv += (tp[j] as number) * (bars[j] as Bar)[3];
            vol += (bars[j] as Bar)[3];
          }
          return vol > 0 ? pv / vol : Number.NaN;
        };
        const close = (a: number, b: number) =>
          (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.abs(b);
        bars.forEach((_, i) => {
          const want = i < p - 1 ? Number.NaN : vwapOf(i + 1 - p, i);
          expect(close(rolling[i] as number, want), `rolling row ${i}`).toBe(true);
          expect(close(cumulative[i] as number, vwapOf(0, i)), `cumulative row ${i}`).toBe(true);
        });
      }),
    );
  });

  it('reset() starts a new session', () => {
    for (const v of [new Vwap(), new Vwap({ period: 2 })]) {
      feed(v, BARS);
      v.reset();
      expect(v.value).toBeNaN();
      expect(
        feed(v, [
          [3, 3, 3, 1],
          [6, 6, 6, 2],
        ]),
      ).toEqual([v.period ? NaN : 3, 5]);
    }
  });

  it('rejects a period that is not an integer ≥ 1', () => {
    expect(() => new Vwap({ period: 0 })).toThrow(RangeError);
  });
});
