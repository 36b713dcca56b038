import {
  type Candles,
  intervalToMs,
  isKlineInterval,
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
}

/** The CLI's defaults (`--seed 20240101 --bars 8760 --interval 1h --gap-rate 0`). */
export const SYNTHETIC_DEFAULTS: SyntheticForm = {
  seed: '20240101',
  bars: '8760',
  interval: '1h',
  startDay: '2024-01-01',
  startPrice: '42000',
  gapRate: '0',
  symbol: 'SYNTH-BTCUSDT',
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
    },
  };
}

/** The bars of `p`: engine-core's seeded generator, the bundled sample's. */
export function syntheticCandles(p: SyntheticParams): Candles {
  return syntheticSample(p);
}

/** The default dataset name, which says what made it. */
export function syntheticName(p: SyntheticParams): string {
  return `Synthetic ${p.symbol} ${p.interval} seed ${p.seed}`;
}

/** Generates and stores a `synthetic` dataset, labelled as not market data. */
export function saveSyntheticDataset(p: SyntheticParams, name: string): Promise<DatasetMeta> {
  const gaps = p.gapRate > 0 ? `, gap rate ${p.gapRate}` : '';
  return saveDataset(syntheticCandles(p), {
    name: name.trim() === '' ? syntheticName(p) : name.trim(),
    source: 'synthetic',
    note: `Synthetic (generated, seed ${p.seed}${gaps}): not market data`,
  });
}
