// What to draw over the candles for each strategy: its own indicators, computed in the worker
// with the same engine-core classes and params as the run (one pass over the closes, typed
// arrays out, transferred to the page).
import { Bollinger, Donchian, Ema, Rsi, Sma } from '../../../engine-core/src/indicators';
import type { Candles } from '../../../engine-core/src/market';

/** The columns the overlays read. */
type Bars = Pick<Candles, 'length' | 'high' | 'low' | 'close'>;

/**
 * Where an overlay is drawn: over the candles on the price scale, or in a pane below them for
 * oscillators on a scale of their own (RSI's 0–100).
 */
export type OverlayPane = 'price' | 'oscillator';

/** A horizontal reference line in an overlay's pane (an RSI's overbought level). */
export interface OverlayLevel {
  readonly value: number;
  readonly label: string;
}

/** One line over the candles or in the oscillator pane (see `LineOverlay` in web/src/charts). */
export interface Overlay {
  readonly id: string;
  readonly label: string;
  readonly values: Float64Array;
  readonly color?: string;
  /** 'price' when absent. */
  readonly pane?: OverlayPane;
  /** Reference levels drawn with the line, in its pane. */
  readonly levels?: readonly OverlayLevel[];
  /** A fixed scale for the line's pane (RSI: 0–100) instead of fitting the visible values. */
  readonly range?: { readonly min: number; readonly max: number };
}

type Params = Readonly<Record<string, number | boolean | string>>;

/** Builds a strategy's overlays from the bars and the run's params. */
export type OverlayBuilder = (bars: Bars, params: Params) => Overlay[];

const num = (p: Params, name: string, fallback: number): number => {
  const v = p[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};

/** Per-bar values of a streaming indicator of the close. */
function ofClose(bars: Bars, ind: { update(x: number): number }): Float64Array {
  const out = new Float64Array(bars.length);
  for (let i = 0; i < bars.length; i++) out[i] = ind.update(bars.close[i] as number);
  return out;
}

/** A fast and a slow SMA of the close. */
function smaPair(bars: Bars, fast: number, slow: number): Overlay[] {
  return [
    {
      id: 'sma-fast',
      label: `SMA ${fast}`,
      values: ofClose(bars, new Sma(fast)),
      color: '#f5b84a',
    },
    {
      id: 'sma-slow',
      label: `SMA ${slow}`,
      values: ofClose(bars, new Sma(slow)),
      color: '#7cc4ff',
    },
  ];
}

const smaCross: OverlayBuilder = (bars, p) => smaPair(bars, num(p, 'fast', 10), num(p, 'slow', 30));

/** The seed's crossover compares the two SMAs at the bar's own close. */
const maCrossover: OverlayBuilder = (bars, p) =>
  smaPair(bars, num(p, 'fast_period', 10), num(p, 'slow_period', 20));

const trend: OverlayBuilder = (bars, p) => {
  const fast = num(p, 'fast', 12);
  const slow = num(p, 'slow', 26);
  return [
    {
      id: 'ema-fast',
      label: `EMA ${fast}`,
      values: ofClose(bars, new Ema(fast)),
      color: '#f5b84a',
    },
    {
      id: 'ema-slow',
      label: `EMA ${slow}`,
      values: ofClose(bars, new Ema(slow)),
      color: '#7cc4ff',
    },
  ];
};

/** Bollinger bands of the close at `k` population σ, as the bar's own close was judged. */
function bands(bars: Bars, period: number, k: number): Overlay[] {
  const b = new Bollinger(period, k);
  const n = bars.length;
  const upper = new Float64Array(n);
  const middle = new Float64Array(n);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    middle[i] = b.update(bars.close[i] as number);
    upper[i] = b.upper;
    lower[i] = b.lower;
  }
  return [
    { id: 'bb-upper', label: `BB ${period} +${k}σ`, values: upper, color: '#c792ea' },
    { id: 'bb-middle', label: `BB ${period} middle`, values: middle, color: '#f5b84a' },
    { id: 'bb-lower', label: `BB ${period} −${k}σ`, values: lower, color: '#c792ea' },
  ];
}

const meanReversion: OverlayBuilder = (bars, p) =>
  bands(bars, num(p, 'period', 20), num(p, 'k', 2));

const bollinger: OverlayBuilder = (bars, p) =>
  bands(bars, num(p, 'period', 20), num(p, 'std_dev', 2));

/**
 * The seed's RSI in the oscillator pane, with its overbought and oversold levels: the strategy
 * judges the crossings of RSI at t−1 and t, the line's own values at each bar.
 */
const rsi: OverlayBuilder = (bars, p) => {
  const period = num(p, 'period', 14);
  return [
    {
      id: 'rsi',
      label: `RSI ${period}`,
      values: ofClose(bars, new Rsi(period)),
      color: '#7cc4ff',
      pane: 'oscillator',
      levels: [
        { value: num(p, 'overbought', 70), label: 'Overbought' },
        { value: num(p, 'oversold', 30), label: 'Oversold' },
      ],
      range: { min: 0, max: 100 },
    },
  ];
};

/** Momentum acts on the previous bar's channels: drawn as they stood when the close was judged. */
const momentum: OverlayBuilder = (bars, p) => {
  const entryPeriod = num(p, 'entryPeriod', 20);
  const exitPeriod = num(p, 'exitPeriod', 10);
  const entry = new Donchian(entryPeriod);
  const exit = new Donchian(exitPeriod);
  const n = bars.length;
  const upper = new Float64Array(n).fill(Number.NaN);
  const lower = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    if (i + 1 < n) {
      entry.update(bars.high[i] as number, bars.low[i] as number);
      exit.update(bars.high[i] as number, bars.low[i] as number);
      upper[i + 1] = entry.upper;
      lower[i + 1] = exit.lower;
    }
  }
  return [
    {
      id: 'dc-entry',
      label: `Donchian ${entryPeriod} high (prev)`,
      values: upper,
      color: '#35d0a0',
    },
    { id: 'dc-exit', label: `Donchian ${exitPeriod} low (prev)`, values: lower, color: '#f0606b' },
  ];
};

/** The close (a copy: overlays are handed over), for strategies without an indicator line. */
export const closeOverlay: OverlayBuilder = (bars) => [
  { id: 'close', label: 'Close', values: bars.close.slice(), color: '#8b9bb0' },
];

/** Overlay builders by strategy name; others get `closeOverlay`. */
export const OVERLAY_BUILDERS: ReadonlyMap<string, OverlayBuilder> = new Map([
  ['sma-cross', smaCross],
  ['trend', trend],
  ['mean-reversion', meanReversion],
  ['momentum', momentum],
  ['ma-crossover', maCrossover],
  ['bollinger', bollinger],
  ['rsi', rsi],
]);

/**
 * The overlays of a run. A builder that throws (params a user strategy names differently) falls
 * back to the close: overlays are decoration and never break the results.
 */
export function overlaysFor(strategy: string, bars: Bars, params: Params): Overlay[] {
  const build = OVERLAY_BUILDERS.get(strategy) ?? closeOverlay;
  try {
    return build(bars, params);
  } catch {
    return closeOverlay(bars, params);
  }
}
