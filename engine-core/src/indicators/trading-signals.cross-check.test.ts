// Cross-check: every indicator here against trading-signals 8.3 (a well-kept, independent library
// that recomputes most windows from scratch) on every real candle file in ../shared/data/, bar by
// bar: the same warm-up (NaN where the library has no stable result) and agreement to TOL
// relative. Where the library's convention differs, the test uses our documented option or maps
// the library's output (ROC × 100, SMA-seeded EMA composed from the library's SMA and EMA).
// Skipped, with a visible note, when ../shared/data is absent. VELOZ_PRINT_AGREEMENT=1 prints the
// worst relative error of each line.
//
// Tests may use Node; engine-core itself may not, hence the suppressions on this import only.
// biome-ignore lint/correctness/noNodejsModules: a test reading fixture files from disk
// biome-ignore lint/style/noRestrictedImports: a test reading fixture files from disk
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  ATR,
  BollingerBands,
  DonchianChannels,
  EMA,
  getStandardDeviation,
  MACD,
  ROC,
  RSI,
  SMA,
  VWAP,
  VWMA,
} from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { type Candles, parseCandleCsv } from '../market';
import { Atr } from './atr';
import { Bollinger } from './bollinger';
import { Donchian } from './donchian';
import { Ema } from './ema';
import { Macd } from './macd';
import { Roc } from './roc';
import { Rsi } from './rsi';
import { Sma } from './sma';
import { Vwap } from './vwap';

// engine-core/src/indicators/ → the repository root is three levels up; the data sit beside it.
const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);
const HAVE_DATA = existsSync(DATA_DIR);
if (!HAVE_DATA)
  console.warn('NOTE: ../shared/data is absent: indicator cross-checks (trading-signals) skipped');
const FILES = HAVE_DATA
  ? readdirSync(DATA_DIR)
      .filter((n) => n.endsWith('.csv'))
      .sort()
  : [];

const TOL = 1e-9;

function load(name: string): Candles {
  const r = parseCandleCsv(readFileSync(new URL(name, DATA_DIR), 'utf8'), { fileName: name });
  if (!r.ok) throw new Error(r.error);
  return r.value.candles;
}

/** One value per bar. */
function series(n: number, f: (i: number) => number | null | undefined): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i) ?? Number.NaN;
  return out;
}

/**
 * Fails unless `ours` and `ref` are NaN at the same rows and agree elsewhere to `tol` relative:
 * `|a − b| ≤ tol · max(|a|, |b|, floor)`; `floor` (default 0) is an absolute scale for lines that
 * cross zero (MACD, ROC), where a relative error means nothing.
 */
function expectAgree(label: string, ours: Float64Array, ref: Float64Array, floor = 0): void {
  expect(ours.length).toBe(ref.length);
  let compared = 0;
  let worst = 0;
  let worstRow = -1;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i] as number;
    const b = ref[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      expect(
        [Number.isNaN(a), Number.isNaN(b)],
        `${label}: warm-up differs at row ${i} (ours ${a}, ref ${b})`,
      ).toEqual([true, true]);
      continue;
    }
    compared++;
    const scale = Math.max(Math.abs(a), Math.abs(b), floor);
    const err = scale === 0 ? 0 : Math.abs(a - b) / scale;
    if (err > worst) {
      worst = err;
      worstRow = i;
    }
  }
  expect(compared, `${label}: nothing compared`).toBeGreaterThan(ours.length / 2);
  if (process.env.VELOZ_PRINT_AGREEMENT) console.log(`${label}\t${worst.toExponential(2)}`);
  expect(worst, `${label}: worst at row ${worstRow}`).toBeLessThanOrEqual(TOL);
}

/** The library's EMA seeded with the library's SMA of the first `period` values. */
function libEmaSmaSeeded(period: number): (x: number) => number {
  const sma = new SMA(period);
  const ema = new EMA(period);
  let seeded = false;
  return (x) => {
    if (seeded) return ema.update(x, false);
    const s = sma.update(x, false);
    if (s === null) return Number.NaN;
    seeded = true;
    return ema.update(s, false); // the first input of trading-signals' EMA is its value
  };
}

describe.skipIf(!HAVE_DATA)('indicators vs trading-signals 8.3 on ../shared/data', () => {
  it('finds the candle files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of FILES) {
    describe(name, { timeout: 60_000 }, () => {
      const c = load(name);
      const n = c.length;
      const close = (i: number) => c.close[i] as number;
      const bar = (i: number) => ({
        open: c.open[i] as number,
        high: c.high[i] as number,
        low: c.low[i] as number,
        close: c.close[i] as number,
        volume: c.volume[i] as number,
      });

      it('SMA', () => {
        for (const p of [1, 20, 200]) {
          const ours = new Sma(p);
          const lib = new SMA(p);
          expectAgree(
            `SMA ${p}`,
            series(n, (i) => ours.update(close(i))),
            series(n, (i) => lib.update(close(i), false)),
          );
        }
      });

      it('EMA, seeded with the SMA (default) and with the first value', () => {
        for (const p of [1, 10, 50]) {
          const ours = new Ema(p);
          const ref = libEmaSmaSeeded(p);
          expectAgree(
            `EMA ${p} sma-seeded`,
            series(n, (i) => ours.update(close(i))),
            series(n, (i) => ref(close(i))),
          );
          const first = new Ema(p, { seed: 'first' });
          const lib = new EMA(p);
          expectAgree(
            `EMA ${p} first-seeded`,
            series(n, (i) => first.update(close(i))),
            series(n, (i) => {
              const v = lib.update(close(i), false);
              return lib.isStable ? v : Number.NaN;
            }),
          );
        }
      });

      it('RSI (Wilder)', () => {
        // trading-signals' RSI never warms up with period 1 (it keeps one previous price only).
        for (const p of [2, 14]) {
          const ours = new Rsi(p);
          const lib = new RSI(p);
          expectAgree(
            `RSI ${p}`,
            series(n, (i) => ours.update(close(i))),
            series(n, (i) => lib.update(close(i), false)),
          );
        }
      });

      it('Bollinger (population σ)', () => {
        for (const [p, k] of [
          [20, 2],
          [5, 1.5],
        ] as const) {
          const ours = new Bollinger(p, k);
          const lib = new BollingerBands(p, k);
          const cols = { middle: [] as number[], upper: [] as number[], lower: [] as number[] };
          const ref = { middle: [] as number[], upper: [] as number[], lower: [] as number[] };
          const sd: number[] = [];
          const refSd: number[] = [];
          const closes = Array.from(c.close);
          for (let i = 0; i < n; i++) {
            ours.update(close(i));
            cols.middle.push(ours.middle);
            cols.upper.push(ours.upper);
            cols.lower.push(ours.lower);
            sd.push(ours.stddev);
            const r = lib.update(close(i), false);
            ref.middle.push(r?.middle ?? Number.NaN);
            ref.upper.push(r?.upper ?? Number.NaN);
            ref.lower.push(r?.lower ?? Number.NaN);
            refSd.push(r ? getStandardDeviation(closes.slice(i + 1 - p, i + 1), r.middle) : NaN);
          }
          for (const line of ['middle', 'upper', 'lower'] as const)
            expectAgree(
              `Bollinger ${p},${k} ${line}`,
              Float64Array.from(cols[line]),
              Float64Array.from(ref[line]),
            );
          expectAgree(
            `Bollinger ${p},${k} stddev`,
            Float64Array.from(sd),
            Float64Array.from(refSd),
          );
        }
      });

      it('ATR (Wilder)', () => {
        for (const p of [1, 14]) {
          const ours = new Atr(p);
          const lib = new ATR(p);
          expectAgree(
            `ATR ${p}`,
            series(n, (i) => ours.update(c.high[i] as number, c.low[i] as number, close(i))),
            series(n, (i) => lib.update(bar(i), false)),
          );
        }
      });

      it('MACD, SMA-seeded (default) and first-seeded (the library MACD of its EMAs)', () => {
        const scale = c.close.reduce((s, x) => s + x, 0) / n; // MACD lines cross zero
        for (const [f, s, g] of [
          [12, 26, 9],
          [3, 10, 16],
        ] as const) {
          for (const seed of ['sma', 'first'] as const) {
            const ours = new Macd(f, s, g, { seed });
            const lines = {
              macd: [] as number[],
              signal: [] as number[],
              histogram: [] as number[],
            };
            const ref = { macd: [] as number[], signal: [] as number[], histogram: [] as number[] };
            const lib = new MACD(new EMA(f), new EMA(s), new EMA(g));
            const fast = libEmaSmaSeeded(f);
            const slow = libEmaSmaSeeded(s);
            const sig = libEmaSmaSeeded(g);
            for (let i = 0; i < n; i++) {
              lines.macd.push(ours.update(close(i)));
              lines.signal.push(ours.signal);
              lines.histogram.push(ours.histogram);
              if (seed === 'first') {
                const r = lib.update(close(i), false);
                const stable = r !== null && lib.signal.isStable;
                ref.macd.push(r?.macd ?? Number.NaN);
                ref.signal.push(stable ? r.signal : Number.NaN);
                ref.histogram.push(stable ? r.histogram : Number.NaN);
              } else {
                const fv = fast(close(i));
                const sv = slow(close(i));
                const mv = fv - sv;
                const gv = Number.isNaN(mv) ? Number.NaN : sig(mv);
                ref.macd.push(mv);
                ref.signal.push(gv);
                ref.histogram.push(mv - gv);
              }
            }
            for (const line of ['macd', 'signal', 'histogram'] as const)
              expectAgree(
                `MACD ${f},${s},${g} ${seed} ${line}`,
                Float64Array.from(lines[line]),
                Float64Array.from(ref[line]),
                scale,
              );
          }
        }
      });

      it('Donchian (exactly: max and min need no rounding)', () => {
        for (const p of [1, 20, 55]) {
          const ours = new Donchian(p);
          const lib = new DonchianChannels(p);
          for (let i = 0; i < n; i++) {
            const m = ours.update(c.high[i] as number, c.low[i] as number);
            const r = lib.update(bar(i), false);
            const got = [m, ours.upper, ours.lower, ours.middle];
            const want = r
              ? [r.middle, r.upper, r.lower, r.middle]
              : [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
            if (!got.every((v, j) => Object.is(v, want[j])))
              expect(got, `Donchian ${p} row ${i}`).toEqual(want);
          }
        }
      });

      it('VWAP, cumulative (library VWAP) and rolling (library VWMA of the typical price)', () => {
        const ours = new Vwap();
        const lib = new VWAP();
        expectAgree(
          'VWAP cumulative',
          series(n, (i) =>
            ours.update(c.high[i] as number, c.low[i] as number, close(i), c.volume[i] as number),
          ),
          series(n, (i) => lib.update(bar(i), false) ?? lib.getResult()),
        );
        for (const p of [1, 24]) {
          const rolling = new Vwap({ period: p });
          const vwma = new VWMA(p);
          expectAgree(
            `VWAP rolling ${p}`,
            series(n, (i) =>
              rolling.update(
                c.high[i] as number,
                c.low[i] as number,
                close(i),
                c.volume[i] as number,
              ),
            ),
            series(n, (i) => {
              const b = bar(i);
              return vwma.update({ ...b, close: (b.high + b.low + b.close) / 3 }, false);
            }),
          );
        }
      });

      it('ROC (percent; the library gives a fraction)', () => {
        for (const p of [1, 12]) {
          const ours = new Roc(p);
          const lib = new ROC(p);
          expectAgree(
            `ROC ${p}`,
            series(n, (i) => ours.update(close(i))),
            series(n, (i) => {
              const r = lib.update(close(i), false);
              return r === null ? null : r * 100;
            }),
            1, // one percent: ROC crosses zero
          );
        }
      });
    });
  }
});
