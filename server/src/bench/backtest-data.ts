import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Candles, candlesFromColumns, parseCandleCsv } from '../../../engine-core/src';

/** The sma-cross parameters every backtest figure is about. */
export const BENCH_PARAMS = { fast: 10, slow: 30 } as const;
/** The DESIGN §7 defaults: cash 10 000, 10 bps taker and maker fees, no slippage. */
export const BENCH_CONFIG = {
  initialCash: 10_000,
  feeBps: 10,
  makerFeeBps: 10,
  slippageBps: 0,
} as const;

/** backtest-kit's run stops at its first result after this many seconds. */
export const KIT_CAP_SECONDS = 60;

/** The one-minute file the backtest benchmark repeats. */
export const BENCH_DATA_FILE = 'btc-perp-2022-01-1m.csv';

/** The benchmark series and how it was made (printed with the figures). */
export interface BenchSeries {
  readonly candles: Candles;
  readonly repetitions: number;
  /** Smallest and largest price of the built series (the rescaling compounds). */
  readonly minPrice: number;
  readonly maxPrice: number;
}

/** Where the source file should be: `shared/data/` beside the repository at `repoRoot`. */
export const benchDataPath = (repoRoot: string): string =>
  resolve(repoRoot, '..', 'shared', 'data', BENCH_DATA_FILE);

/** Parses the source file with the engine's own CSV parser; throws on bad data (a bench bug). */
export function loadSource(path: string): Candles {
  const text = readFileSync(path, 'utf8');
  const parsed = parseCandleCsv(text, { fileName: basename(path), symbol: 'BTCPERP' });
  if (!parsed.ok) throw new Error(`bench data: ${parsed.error}`);
  return parsed.value.candles;
}

/**
 * Repeats `source` end to end until the series has at least `minBars` bars (whole repetitions).
 * Repetition k (k ≥ 1) is the file with every price multiplied by one factor chosen so that its
 * first open equals the previous repetition's last close; volumes are copied unchanged. Open times
 * are `first open time + 60 000 × i` for bar i, so they continue every minute across the joins.
 * SMA crosses are invariant under a positive rescaling, so every repetition trades like the file.
 */
export function buildBenchSeries(source: Candles, minBars: number): BenchSeries {
  const m = source.length;
  if (m === 0) throw new Error('bench data: empty source');
  const repetitions = Math.ceil(minBars / m);
  const n = repetitions * m;
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const t0 = source.time[0] as number;
  const step = source.intervalMs;
  let scale = 1;
  let minPrice = Number.POSITIVE_INFINITY;
  let maxPrice = 0;
  for (let r = 0; r < repetitions; r++) {
    const base = r * m;
    if (r > 0) scale = (close[base - 1] as number) / (source.open[0] as number);
    for (let i = 0; i < m; i++) {
      const j = base + i;
      time[j] = t0 + j * step;
      open[j] = (source.open[i] as number) * scale;
      high[j] = (source.high[i] as number) * scale;
      low[j] = (source.low[i] as number) * scale;
      close[j] = (source.close[i] as number) * scale;
      volume[j] = source.volume[i] as number;
      if ((low[j] as number) < minPrice) minPrice = low[j] as number;
      if ((high[j] as number) > maxPrice) maxPrice = high[j] as number;
    }
  }
  const candles = candlesFromColumns(source.symbol, source.interval, step, {
    time,
    open,
    high,
    low,
    close,
    volume,
  });
  return { candles, repetitions, minPrice, maxPrice };
}
