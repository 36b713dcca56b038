// Properties every streaming indicator here shares, on random price walks: NaN exactly during
// warm-up and finite after it, the returned value equal to the indicator's main output, and
// reset() giving back exactly what a fresh instance gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Atr } from './atr';
import { Bollinger } from './bollinger';
import { Donchian } from './donchian';
import { Ema } from './ema';
import { Macd } from './macd';
import { Roc } from './roc';
import { Rsi } from './rsi';
import { Sma } from './sma';
import { Vwap } from './vwap';

interface Bar {
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

interface Subject {
  /** Feeds a bar; returns what `update` returned. */
  update(b: Bar): number;
  /** Every output field after the last update (the main one first). */
  outputs(): number[];
  reset(): void;
}

interface Spec {
  readonly name: string;
  make(p: number): Subject;
  /** Number of leading NaN results. */
  warm(p: number): number;
}

function single(ind: { update(x: number): number; value: number; reset(): void }): Subject {
  return {
    update: (b) => ind.update(b.close),
    outputs: () => [ind.value],
    reset: () => ind.reset(),
  };
}

const SPECS: Spec[] = [
  { name: 'Sma', make: (p) => single(new Sma(p)), warm: (p) => p - 1 },
  { name: 'Ema', make: (p) => single(new Ema(p)), warm: (p) => p - 1 },
  { name: "Ema 'first'", make: (p) => single(new Ema(p, { seed: 'first' })), warm: (p) => p - 1 },
  { name: 'Rsi', make: (p) => single(new Rsi(p)), warm: (p) => p },
  { name: 'Roc', make: (p) => single(new Roc(p)), warm: (p) => p },
  {
    name: 'Bollinger',
    make: (p) => {
      const b = new Bollinger(p, 2);
      return {
        update: (x) => b.update(x.close),
        outputs: () => [b.middle, b.upper, b.lower, b.stddev],
        reset: () => b.reset(),
      };
    },
    warm: (p) => p - 1,
  },
  {
    name: 'Atr',
    make: (p) => {
      const a = new Atr(p);
      return {
        update: (x) => a.update(x.high, x.low, x.close),
        outputs: () => [a.value, a.trueRange],
        reset: () => a.reset(),
      };
    },
    warm: (p) => p - 1,
  },
  {
    name: 'Macd (p, p + 3, p)',
    make: (p) => {
      const m = new Macd(p, p + 3, p);
      return {
        update: (x) => m.update(x.close),
        outputs: () => [m.macd, m.signal, m.histogram],
        reset: () => m.reset(),
      };
    },
    warm: (p) => p + 2,
  },
  {
    name: 'Donchian',
    make: (p) => {
      const d = new Donchian(p);
      return {
        update: (x) => d.update(x.high, x.low),
        outputs: () => [d.middle, d.upper, d.lower],
        reset: () => d.reset(),
      };
    },
    warm: (p) => p - 1,
  },
  {
    name: 'Vwap cumulative',
    make: () => {
      const v = new Vwap();
      return {
        update: (x) => v.update(x.high, x.low, x.close, x.volume),
        outputs: () => [v.value],
        reset: () => v.reset(),
      };
    },
    warm: () => 0,
  },
  {
    name: 'Vwap rolling',
    make: (p) => {
      const v = new Vwap({ period: p });
      return {
        update: (x) => v.update(x.high, x.low, x.close, x.volume),
        outputs: () => [v.value],
        reset: () => v.reset(),
      };
    },
    warm: (p) => p - 1,
  },
];

/** A positive random walk with high ≥ close ≥ low and positive volume. */
const walk = fc
  .array(
    fc.tuple(
      fc.double({ min: -0.05, max: 0.05, noNaN: true }),
      fc.double({ min: 0, max: 0.02, noNaN: true }),
      fc.double({ min: 0.001, max: 1000, noNaN: true }),
    ),
    { maxLength: 80 },
  )
  .map((steps) => {
    let close = 30_000;
    return steps.map(([ret, range, volume]): Bar => {
      close *= 1 + ret;
      return { high: close * (1 + range), low: close * (1 - range), close, volume };
    });
  });

describe('every indicator', () => {
  for (const spec of SPECS) {
    it(`${spec.name}: NaN during warm-up only, returns its main output, reset() = fresh`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 12 }), walk, (p, bars) => {
          const s = spec.make(p);
          const first: number[][] = [];
          bars.forEach((b, i) => {
            const v = s.update(b);
            const outs = s.outputs();
            expect(Object.is(v, outs[0]), `row ${i}: returned ${v}, main ${outs[0]}`).toBe(true);
            if (i < spec.warm(p)) expect(v, `row ${i}`).toBeNaN();
            else expect(Number.isFinite(v), `row ${i}: ${v}`).toBe(true);
            first.push(outs);
          });
          s.reset();
          bars.forEach((b, i) => {
            s.update(b);
            const outs = s.outputs();
            const same = outs.every((x, j) => Object.is(x, first[i]?.[j]));
            expect(same, `${spec.name} after reset, row ${i}`).toBe(true);
          });
        }),
        { numRuns: 200 },
      );
    });
  }
});
