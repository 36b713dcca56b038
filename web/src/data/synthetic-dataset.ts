import {
  type Candles,
  DEFAULT_REGIME_SWITCH_RATE,
  DEFAULT_SYNTHETIC_REGIMES,
  formatSyntheticRegimes,
  intervalToMs,
  isKlineInterval,
  MAX_SYNTHETIC_DRIFT,
  MAX_SYNTHETIC_VOL,
  MAX_VOLATILITY_SCALE,
  parseSyntheticRegimes,
  type SyntheticRegime,
  syntheticSample,
} from '../../../engine-core/src/market';
import type { Result } from '../../../engine-core/src/util/result';
import { parseUtcDay } from './dataset-format';
import { type DatasetMeta, saveDataset } from './dataset-store';

/** The Synthetic panel's fields, as typed (the CLI's `--source synthetic` flags and a few more). */
export interface SyntheticForm {
  readonly seed: string;
  readonly bars: string;
  readonly interval: string;
  /** First bar's open day, `YYYY-MM-DD` (UTC). */
  readonly startDay: string;
  readonly startPrice: string;
  readonly gapRate: string;
  readonly symbol: string;
  /** Drift per bar added to every regime (`--trend`). */
  readonly trend: string;
  /** Multiplies every regime's per-bar vol (`--volatility`). */
  readonly volatilityScale: string;
  /** Chance per bar that the regime is redrawn (`--regime-switch`). */
  readonly regimeSwitchRate: string;
  /** `drift:vol, drift:vol, …` per bar (`--regimes`). */
  readonly regimes: string;
}

/** The generator's options, checked. */
export interface SyntheticParams {
  readonly seed: number;
  readonly bars: number;
  readonly interval: string;
  readonly intervalMs: number;
  readonly startMs: number;
  readonly startPrice: number;
  readonly gapRate: number;
  readonly symbol: string;
  readonly trend: number;
  readonly volatilityScale: number;
  readonly regimeSwitchRate: number;
  readonly regimes: readonly SyntheticRegime[];
}

/**
 * The CLI's defaults (`--seed 20240101 --bars 8760 --interval 1h --gap-rate 0 --trend 0
 * --volatility 1 --regime-switch 0.004` and the bundled sample's three regimes).
 */
export const SYNTHETIC_DEFAULTS: SyntheticForm = {
  seed: '20240101',
  bars: '8760',
  interval: '1h',
  startDay: '2024-01-01',
  startPrice: '42000',
  gapRate: '0',
  symbol: 'SYNTH-BTCUSDT',
  trend: '0',
  volatilityScale: '1',
  regimeSwitchRate: String(DEFAULT_REGIME_SWITCH_RATE),
  regimes: formatSyntheticRegimes(DEFAULT_SYNTHETIC_REGIMES),
};

/** Bars the page makes at most: generating is quick, but each bar is stored in IndexedDB. */
export const MAX_SYNTHETIC_BARS = 1_000_000;

const SYMBOL_RE = /^[A-Z0-9][A-Z0-9._:/-]{0,39}$/;

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/** The form's values as generator options, or what is wrong with the first bad field. */
export function checkSyntheticForm(f: SyntheticForm): Result<SyntheticParams, string> {
  const fail = (error: string) => ({ ok: false as const, error });
  const seed = num(f.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    return fail('Seed: a whole number from 0 to 4294967295.');
  const bars = num(f.bars);
  if (!Number.isInteger(bars) || bars < 2 || bars > MAX_SYNTHETIC_BARS)
    return fail(`Bars: a whole number from 2 to ${MAX_SYNTHETIC_BARS.toLocaleString('en-US')}.`);
  if (!isKlineInterval(f.interval)) return fail(`Interval: "${f.interval}" is not an interval.`);
  const startMs = parseUtcDay(f.startDay);
  if (startMs === null) return fail('Start: a date (YYYY-MM-DD).');
  const startPrice = num(f.startPrice);
  if (!(startPrice > 0 && Number.isFinite(startPrice)))
    return fail('Start price: a number above 0.');
  const gapRate = num(f.gapRate);
  // The CLI's --gap-rate bound: above it most of the series would be outages.
  if (!(gapRate >= 0 && gapRate <= 0.5)) return fail('Gap rate: from 0 to 0.5 per bar.');
  const symbol = f.symbol.trim().toUpperCase();
  if (!SYMBOL_RE.test(symbol)) return fail('Symbol: letters, digits and - _ . : / only.');
  const trend = num(f.trend);
  if (!(Math.abs(trend) <= MAX_SYNTHETIC_DRIFT))
    return fail(`Trend: a drift per bar from -${MAX_SYNTHETIC_DRIFT} to ${MAX_SYNTHETIC_DRIFT}.`);
  const volatilityScale = num(f.volatilityScale);
  if (!(volatilityScale > 0 && volatilityScale <= MAX_VOLATILITY_SCALE))
    return fail(`Volatility scale: a number above 0, at most ${MAX_VOLATILITY_SCALE}.`);
  const regimeSwitchRate = num(f.regimeSwitchRate);
  if (!(regimeSwitchRate >= 0 && regimeSwitchRate <= 1))
    return fail('Regime switch: a chance per bar from 0 to 1.');
  const parsed = parseSyntheticRegimes(f.regimes);
  if (!parsed.ok) return fail(`Regimes: ${parsed.error}.`);
  const regimes = parsed.value;
  // Each field may be fine alone and not together: the generator's bounds after trend and scale.
  for (let k = 0; k < regimes.length; k++) {
    const r = regimes[k] as SyntheticRegime;
    const drift = r.drift + trend;
    if (Math.abs(drift) > MAX_SYNTHETIC_DRIFT)
      return fail(
        `Trend: ${trend} makes regime ${k + 1}'s drift ${round12(drift)} per bar, beyond ±${MAX_SYNTHETIC_DRIFT}.`,
      );
    const vol = r.vol * volatilityScale;
    if (vol > MAX_SYNTHETIC_VOL)
      return fail(
        `Volatility scale: ${volatilityScale} makes regime ${k + 1}'s vol ${round12(vol)} per bar, above ${MAX_SYNTHETIC_VOL}.`,
      );
  }
  return {
    ok: true,
    value: {
      seed,
      bars,
      interval: f.interval,
      intervalMs: intervalToMs(f.interval),
      startMs,
      startPrice,
      gapRate,
      symbol,
      trend,
      volatilityScale,
      regimeSwitchRate,
      regimes,
    },
  };
}

const round12 = (x: number) => Number(x.toPrecision(12));

/**
 * The regime settings that differ from the defaults, each as [short, full] text: the name gets
 * the short (`vol ×3`, `2 regimes`), the note the full (`regimes 0.0002:0.006, …`).
 */
function changedRegimeSettings(p: SyntheticParams): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  if (p.trend !== 0) out.push([`trend ${p.trend}`, `trend ${p.trend}/bar`]);
  if (p.volatilityScale !== 1) out.push([`vol ×${p.volatilityScale}`, `vol ×${p.volatilityScale}`]);
  if (p.regimeSwitchRate !== DEFAULT_REGIME_SWITCH_RATE)
    out.push([`switch ${p.regimeSwitchRate}`, `switch ${p.regimeSwitchRate}/bar`]);
  const text = formatSyntheticRegimes(p.regimes);
  if (text !== formatSyntheticRegimes(DEFAULT_SYNTHETIC_REGIMES))
    out.push([`${p.regimes.length} regime${p.regimes.length === 1 ? '' : 's'}`, `regimes ${text}`]);
  return out;
}

/** The bars of `p`: engine-core's seeded generator, the bundled sample's. */
export function syntheticCandles(p: SyntheticParams): Candles {
  return syntheticSample(p);
}

/** The default dataset name, which says what made it. */
export function syntheticName(p: SyntheticParams): string {
  const more = changedRegimeSettings(p).map(([short]) => ` ${short}`);
  return `Synthetic ${p.symbol} ${p.interval} seed ${p.seed}${more.join('')}`;
}

/** Generates and stores a `synthetic` dataset, labelled as not market data. */
export function saveSyntheticDataset(p: SyntheticParams, name: string): Promise<DatasetMeta> {
  const gaps = p.gapRate > 0 ? `, gap rate ${p.gapRate}` : '';
  const regimes = changedRegimeSettings(p)
    .map(([, full]) => `, ${full}`)
    .join('');
  return saveDataset(syntheticCandles(p), {
    name: name.trim() === '' ? syntheticName(p) : name.trim(),
    source: 'synthetic',
    note: `Synthetic (generated, seed ${p.seed}${gaps}${regimes}): not market data`,
  });
}
