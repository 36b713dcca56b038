import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type Candles,
  candlesFromTradeCsv,
  detectGaps,
  downloadAggTradeBars,
  downloadKlines,
  type Gap,
  intervalToMs,
  isKlineInterval,
  MAX_SYNTHETIC_DRIFT,
  MAX_VOLATILITY_SCALE,
  parseSyntheticRegimes,
  type SyntheticRegime,
  symbolFromFileName,
  syntheticSample,
} from '../../../engine-core/src';
import { FileKlineCache } from '../data/file-kline-cache';
import { createNodeHttpGet } from '../data/node-http';
import { CliError, numberFlag, type ParsedArgs, single } from './cli-args';
import { loadCandleFile } from './load-candle-file';

/** Where bars come from (`--source`), as in the seed. */
export const SOURCES = ['csv', 'synthetic', 'binance'] as const;
export type Source = (typeof SOURCES)[number];
/** What the source holds (`--data-type`): bars, or trades made into bars of `--interval`. */
export const DATA_TYPES = ['kline', 'trade'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Flags that only one source reads: giving them to another is a mistake worth saying. */
const OWN_FLAGS: Readonly<Record<Source, readonly string[]>> = {
  csv: ['--data', '--skip-bad-rows'],
  synthetic: [
    '--bars',
    '--seed',
    '--gap-rate',
    '--trend',
    '--volatility',
    '--regime-switch',
    '--regimes',
  ],
  binance: ['--start', '--end', '--base-url', '--cache-dir'],
};

/** The value flags of the data sources, for `parseArgs` (csv's are the caller's own). */
export const DATA_SOURCE_FLAGS: readonly string[] = [
  '--source',
  '--data-type',
  '--interval',
  ...OWN_FLAGS.synthetic,
  ...OWN_FLAGS.binance,
];

/** The bars of a run and what the loader noticed. */
export interface LoadedBars {
  readonly candles: Candles;
  readonly gaps: readonly Gap[];
  readonly skippedCount: number;
}

function oneOf<T extends string>(
  args: ParsedArgs,
  flag: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = single(args, flag);
  if (v === undefined) return fallback;
  const found = values.find((x) => x === v);
  if (found === undefined) throw new CliError(`${flag}: "${v}" is not one of ${values.join(', ')}`);
  return found;
}

function intervalFlag(args: ParsedArgs, fallback: string): { interval: string; ms: number } {
  const interval = single(args, '--interval') ?? fallback;
  if (!isKlineInterval(interval))
    throw new CliError(`--interval: "${interval}" is not an interval (1m, 5m, 1h, 4h, 1d, …)`);
  return { interval, ms: intervalToMs(interval) };
}

/** `YYYY-MM-DD`, an ISO date-time, or integer ms → Unix ms. */
function timeFlag(args: ParsedArgs, flag: string): number {
  const v = single(args, flag);
  if (v === undefined) throw new CliError(`--source binance needs ${flag} (YYYY-MM-DD or ms)`);
  const ms = /^[0-9]+$/.test(v) ? Number(v) : Date.parse(/T/.test(v) ? v : `${v}T00:00:00Z`);
  if (!Number.isSafeInteger(ms)) throw new CliError(`${flag}: "${v}" is not a date (YYYY-MM-DD)`);
  return ms;
}

/**
 * The bars of a run from `--source csv|synthetic|binance` (default csv) and `--data-type
 * kline|trade` (default kline). csv reads `--data FILE` (any layout the loader takes, or trades
 * made into bars of `--interval`); synthetic is the bundled sample's generator (`--bars`,
 * `--seed`, `--gap-rate`, `--interval`, and its regimes: `--trend`, `--volatility`,
 * `--regime-switch`, `--regimes`); binance downloads `--symbol` klines over
 * `[--start, --end)` through the file cache (`--cache-dir`, default `.veloz/klines`), from
 * `--base-url` (default api.binance.com), or its aggTrades made into bars of `--interval`
 * (`--data-type trade`, default 1m, cached in `<cache-dir>/agg-trades`). Every misuse is a one-line CliError.
 */
export async function loadBars(args: ParsedArgs): Promise<LoadedBars> {
  const source = oneOf(args, '--source', SOURCES, 'csv');
  const type = oneOf(args, '--data-type', DATA_TYPES, 'kline');
  for (const other of SOURCES) {
    if (other === source) continue;
    for (const flag of OWN_FLAGS[other]) {
      if (args.values.has(flag) || args.switches.has(flag))
        throw new CliError(`${flag} is for --source ${other}, not ${source}`);
    }
  }
  if (source === 'csv') return type === 'kline' ? csvKlines(args) : csvTrades(args);
  if (source === 'synthetic') {
    if (type === 'trade')
      throw new CliError('--source synthetic makes klines only (--data-type kline)');
    return synthetic(args);
  }
  return type === 'kline' ? binance(args) : binanceTrades(args);
}

function dataFile(args: ParsedArgs): string {
  const file = single(args, '--data');
  if (file === undefined) throw new CliError('--data FILE is required');
  return file;
}

function csvKlines(args: ParsedArgs): LoadedBars {
  if (args.values.has('--interval'))
    throw new CliError(
      '--interval is for trades, synthetic and binance data (a kline CSV has its own)',
    );
  const file = dataFile(args);
  return loadCandleFile(args, file);
}

function csvTrades(args: ParsedArgs): LoadedBars {
  const file = dataFile(args);
  if (args.switches.has('--skip-bad-rows'))
    throw new CliError('--skip-bad-rows is for kline files; a trades file must be clean');
  const { interval, ms } = intervalFlag(args, '1m');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const name = basename(file);
  const symbol =
    single(args, '--symbol') ??
    (symbolFromFileName(name) || name.replace(/\.csv$/i, '').toUpperCase());
  const r = candlesFromTradeCsv(text, { fileName: name, symbol, interval, intervalMs: ms });
  if (!r.ok) throw new CliError(r.error);
  const { candles } = r.value;
  if (candles.length === 0) throw new CliError(`${file}: no trades`);
  return { candles, gaps: detectGaps(candles.time, ms), skippedCount: 0 };
}

function synthetic(args: ParsedArgs): LoadedBars {
  const { interval, ms } = intervalFlag(args, '1h');
  const bars = numberFlag(args, '--bars', 8_760, 2, 10_000_000);
  const seed = numberFlag(args, '--seed', 20_240_101, 0, 2 ** 32 - 1);
  if (!Number.isInteger(bars) || !Number.isInteger(seed))
    throw new CliError('--bars and --seed must be integers');
  const gapRate = numberFlag(args, '--gap-rate', 0, 0, 0.5);
  const regimes = regimesFlag(args);
  const trend = numberFlag(args, '--trend', 0, -MAX_SYNTHETIC_DRIFT, MAX_SYNTHETIC_DRIFT);
  const volatilityScale = numberFlag(args, '--volatility', 1, 0, MAX_VOLATILITY_SCALE);
  if (volatilityScale === 0) throw new CliError('--volatility: 0 is not above 0');
  const regimeSwitchRate = args.values.has('--regime-switch')
    ? numberFlag(args, '--regime-switch', 0, 0, 1)
    : undefined;
  let candles: Candles;
  try {
    candles = syntheticSample({
      bars,
      seed,
      interval,
      intervalMs: ms,
      gapRate,
      symbol: single(args, '--symbol') ?? 'SYNTH-BTCUSDT',
      regimes,
      regimeSwitchRate,
      trend,
      volatilityScale,
    });
  } catch (e) {
    // What the flags pass each check alone but not together (a trend or scale that takes a
    // regime out of bounds): the generator's message, with the option named as its flag.
    if (!(e instanceof RangeError)) throw e;
    throw new CliError(e.message.replace(/^\w+/, (o) => OPTION_FLAG[o] ?? o));
  }
  return { candles, gaps: detectGaps(candles.time, ms), skippedCount: 0 };
}

/** The generator's option names as the flags that set them. */
const OPTION_FLAG: Readonly<Record<string, string>> = {
  trend: '--trend',
  volatilityScale: '--volatility',
  regimeSwitchRate: '--regime-switch',
  regimes: '--regimes',
};

/** `--regimes "drift:vol, drift:vol, …"` (per-bar fractions), or the defaults when absent. */
function regimesFlag(args: ParsedArgs): SyntheticRegime[] | undefined {
  const v = single(args, '--regimes');
  if (v === undefined) return undefined;
  const r = parseSyntheticRegimes(v);
  if (!r.ok) throw new CliError(`--regimes: ${r.error}`);
  return r.value;
}

/** The symbol and range every Binance download needs. */
function binanceRange(args: ParsedArgs): { symbol: string; startMs: number; endMs: number } {
  const symbol = single(args, '--symbol');
  if (symbol === undefined) throw new CliError('--source binance needs --symbol (e.g. BTCUSDT)');
  const startMs = timeFlag(args, '--start');
  const endMs = timeFlag(args, '--end');
  if (startMs >= endMs) throw new CliError('--start must be before --end');
  return { symbol, startMs, endMs };
}

async function binanceTrades(args: ParsedArgs): Promise<LoadedBars> {
  const { symbol, startMs, endMs } = binanceRange(args);
  const { interval, ms } = intervalFlag(args, '1m');
  const got = await downloadAggTradeBars({
    symbol,
    interval,
    intervalMs: ms,
    startMs,
    endMs,
    baseUrl: single(args, '--base-url') ?? 'https://api.binance.com',
    http: createNodeHttpGet(),
    sleep: (t) => new Promise((done) => setTimeout(done, t)),
    now: () => Date.now(),
    // Bars built from trades are not the exchange's klines: a cache of their own.
    cache: new FileKlineCache(join(cacheDir(args), 'agg-trades')),
    onProgress: (p) =>
      process.stderr.write(
        `binance: ${p.trades} trades, ${p.requests} requests, ${Math.round((100 * p.doneMs) / Math.max(1, p.totalMs))} %\r`,
      ),
  });
  if (!got.ok) throw new CliError(`binance ${got.error.code}: ${got.error.message}`);
  const { candles, gaps } = got.value;
  if (candles.length === 0) throw new CliError(`binance: no ${symbol} trades in that range`);
  return { candles, gaps, skippedCount: 0 };
}

/** `--cache-dir`, default `.veloz/klines`. */
const cacheDir = (args: ParsedArgs): string => single(args, '--cache-dir') ?? '.veloz/klines';

async function binance(args: ParsedArgs): Promise<LoadedBars> {
  const { symbol, startMs, endMs } = binanceRange(args);
  const { interval } = intervalFlag(args, '1h');
  const got = await downloadKlines({
    symbol,
    interval,
    startMs,
    endMs,
    baseUrl: single(args, '--base-url') ?? 'https://api.binance.com',
    http: createNodeHttpGet(),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    now: () => Date.now(),
    cache: new FileKlineCache(cacheDir(args)),
    onProgress: (p) => process.stderr.write(`binance: ${p.fetchedBars}/${p.expectedBars} bars\r`),
  });
  if (!got.ok) throw new CliError(`binance ${got.error.code}: ${got.error.message}`);
  if (got.value.candles.length === 0)
    throw new CliError(`binance: no ${symbol} ${interval} bars in that range`);
  return { candles: got.value.candles, gaps: got.value.gaps, skippedCount: 0 };
}
