import { mulberry32 } from '../util/rng';
import { type Candles, candlesFromColumns } from './candles';
import { resolveSyntheticRegimes, type SyntheticRegimeOptions } from './synthetic-regimes';

/** What the bundled sample is, shown wherever it is listed: it is not market data. */
export const SAMPLE_LABEL = 'Synthetic sample (generated, seed 20240101): not market data';

/** Options of `syntheticSample`: the series' shape, and the regime knobs (`SyntheticRegimeOptions`). */
export interface SyntheticSampleOptions extends SyntheticRegimeOptions {
  readonly bars?: number;
  readonly seed?: number;
  readonly startMs?: number;
  readonly intervalMs?: number;
  readonly interval?: string;
  readonly startPrice?: number;
  /** Name of the series (default `SYNTH-BTCUSDT`). */
  readonly symbol?: string;
  /**
   * Chance per bar that an outage starts: 1–5 bars are then missing (time jumps, the price walks
   * on unseen), as in real exchange data. Default 0: the bundled sample has no gaps. Drawn from
   * a second seeded stream, so the prices of a seed are the same with or without gaps.
   */
  readonly gapRate?: number;
}

/**
 * The app's bundled sample: hourly bars from a seeded random process (geometric Brownian motion
 * whose drift and volatility switch between calm, trending and stormy regimes, with intrabar
 * highs and lows and volume that rises with volatility; volatility clusters within a regime),
 * optionally with outages (`gapRate`). The regimes, their switch rate, an added `trend` and a
 * `volatilityScale` are settable (bad values throw a RangeError naming the option). The same seed
 * and options give the same bars on every machine, and the random draws come in the same order
 * whatever the regime options, so the defaults give the bundled sample bar for bar. It exists so
 * the first backtest runs offline, and says so in its name.
 */
export function syntheticSample(options: SyntheticSampleOptions = {}): Candles {
  const n = options.bars ?? 8_760;
  const step = options.intervalMs ?? 3_600_000;
  const t0 = options.startMs ?? Date.UTC(2024, 0, 1);
  const seed = options.seed ?? 20_240_101;
  const { drift, vol, switchRate } = resolveSyntheticRegimes(options);
  const rnd = mulberry32(seed);
  const gapRate = options.gapRate ?? 0;
  if (!(gapRate >= 0 && gapRate < 1)) throw new RangeError(`gapRate ${gapRate} is not in [0, 1)`);
  const gapRnd = mulberry32(seed ^ 0x5bd1e995);
  let skipped = 0; // bars missing so far
  const gauss = () => {
    // Box–Muller; 1 − u keeps the log finite.
    const u = 1 - rnd();
    const v = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const cols = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  // Per-bar drift and volatility of each regime; by default a regime lasts ~1–3 weeks of hours.
  const k = drift.length;
  let regime = 0;
  let p = options.startPrice ?? 42_000;
  for (let i = 0; i < n; i++) {
    // Always one draw, and a second only on a switch, whatever the rate: the defaults' order.
    if (rnd() < switchRate) regime = Math.floor(rnd() * k);
    const mu = drift[regime] as number;
    const sigma = vol[regime] as number;
    const open = p;
    // A cent at least, as the low: a falling regime can't round the price to 0 (and never
    // binds on the defaults, whose prices stay far above it).
    const close = Math.max(0.01, open * Math.exp(mu - (sigma * sigma) / 2 + sigma * gauss()));
    const wick = sigma * open;
    const high = Math.max(open, close) + Math.abs(gauss()) * wick * 0.6;
    const low = Math.max(0.01, Math.min(open, close) - Math.abs(gauss()) * wick * 0.6);
    if (gapRate > 0 && i > 0 && gapRnd() < gapRate) skipped += 1 + Math.floor(gapRnd() * 5);
    cols.time[i] = t0 + (i + skipped) * step;
    cols.open[i] = round2(open);
    cols.close[i] = round2(close);
    cols.high[i] = round2(Math.max(high, open, close));
    cols.low[i] = round2(Math.min(low, open, close));
    cols.volume[i] = round2(50 + 4_000 * sigma * (1 + Math.abs(gauss())) * 100);
    p = cols.close[i] as number;
  }
  return candlesFromColumns(
    options.symbol ?? 'SYNTH-BTCUSDT',
    options.interval ?? '1h',
    step,
    cols,
  );
}

const round2 = (x: number) => Math.round(x * 100) / 100;
