// The measuring process of `npm run bench -- backtest` (backtest-section.ts bundles this file and
// runs it under plain `node --expose-gc`, one process per mode, so that no other section's JIT
// feedback or garbage is in the figures). Usage:
//   node --expose-gc bench-backtest.mjs engine RESULT.json DATA.csv MIN_BARS
//   node --expose-gc bench-backtest.mjs kit RESULT.json DATA.csv BARS BACKTEST_KIT_SPECIFIER
// It writes one JSON object to RESULT.json (see EngineFigures and KitFigures).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BacktestResult, runBacktest, sliceCandles, smaCross } from '../../../engine-core/src';
import {
  BENCH_CONFIG,
  BENCH_PARAMS,
  buildBenchSeries,
  KIT_CAP_SECONDS,
  loadSource,
} from './backtest-data';
import { smaFloor } from './backtest-floor';
import { type KitRun, loadBacktestKit, runKitSmaCross } from './backtest-kit-run';
import {
  type Allocation,
  measureAllocation,
  peakRssBytes,
  sampledAllocationBytes,
  type Timings,
  timeRuns,
} from './backtest-measure';

const PARAMS = BENCH_PARAMS;
const CONFIG = BENCH_CONFIG;

/** What one engine run produced (a summary, so runs don't keep each other's results alive). */
export interface RunSummary {
  readonly fills: number;
  readonly trades: number;
  readonly finalEquity: number;
}

/** Output of the `engine` mode. */
export interface EngineFigures {
  readonly bars: number;
  readonly repetitions: number;
  readonly sourceBars: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly floor: Timings;
  readonly engine: Timings;
  readonly run: RunSummary;
  /** sma-cross with fast = slow = 10 on the same bars: the SMAs never cross, no order is sent. */
  readonly control: RunSummary;
  readonly allocMain: Allocation;
  readonly allocControl: Allocation;
  /** The same two runs by the sampling heap profiler (see `sampledAllocationBytes`). */
  readonly sampledMainBytes: number;
  readonly sampledControlBytes: number;
  readonly rssAfterDataBytes: number;
  readonly peakRssBytes: number;
  readonly node: string;
  /** One-minute load average when the mode started and when it ended. */
  readonly loadAverage: readonly [number, number];
}

/** Output of the `kit` mode. */
export type KitFigures =
  | { readonly ok: false; readonly reason: string }
  | {
      readonly ok: true;
      readonly specifier: string;
      readonly version: string;
      /** Its dependencies: name, range it asks for, version installed beside it. */
      readonly deps: readonly (readonly [string, string, string])[];
      readonly kit: KitRun;
      readonly ours: RunSummary & { readonly seconds: number; readonly bars: number };
      readonly peakRssBytes: number;
    };

const summarize = (r: BacktestResult): RunSummary => ({
  fills: r.fills.length,
  trades: r.fills.filter((f) => f.side === 'SELL').length,
  finalEquity: r.equity[r.equity.length - 1] ?? CONFIG.initialCash,
});

function engineMode(dataPath: string, minBars: number): EngineFigures {
  const loadBefore = loadavg()[0] ?? 0;
  const source = loadSource(dataPath);
  const series = buildBenchSeries(source, minBars);
  const { candles } = series;
  const rssAfterDataBytes = peakRssBytes();

  const floor = timeRuns(() => smaFloor(candles.close, PARAMS.fast, PARAMS.slow), 5, 20, 2);
  let run: RunSummary = { fills: 0, trades: 0, finalEquity: 0 };
  const engine = timeRuns(
    () => {
      run = summarize(runBacktest(candles, smaCross, PARAMS, CONFIG));
    },
    3,
    5,
    20,
  );
  const controlParams = { fast: PARAMS.fast, slow: PARAMS.fast };
  const control = summarize(runBacktest(candles, smaCross, controlParams, CONFIG)); // also its warm-up
  // Two measurements, the smaller kept: V8's compiled code also lands on the heap, and a late
  // (re)compilation in one run would otherwise read as a per-bar allocation.
  const allocControl = [0, 1]
    .map(() => measureAllocation(() => runBacktest(candles, smaCross, controlParams, CONFIG)))
    .reduce((a, b) => (b.heapBytes < a.heapBytes ? b : a));
  const allocMain = measureAllocation(() => runBacktest(candles, smaCross, PARAMS, CONFIG));
  // Before the sampled runs: the sampling profiler's own records would count as ours.
  const peakRss = peakRssBytes();
  const sampledControlBytes = sampledAllocationBytes(() =>
    runBacktest(candles, smaCross, controlParams, CONFIG),
  );
  const sampledMainBytes = sampledAllocationBytes(() =>
    runBacktest(candles, smaCross, PARAMS, CONFIG),
  );
  return {
    bars: candles.length,
    repetitions: series.repetitions,
    sourceBars: source.length,
    minPrice: series.minPrice,
    maxPrice: series.maxPrice,
    floor,
    engine,
    run,
    control,
    allocMain,
    allocControl,
    sampledMainBytes,
    sampledControlBytes,
    rssAfterDataBytes,
    peakRssBytes: peakRss,
    node: process.version,
    loadAverage: [loadBefore, loadavg()[0] ?? 0],
  };
}

async function kitMode(dataPath: string, bars: number, specifier: string): Promise<KitFigures> {
  let kit: Awaited<ReturnType<typeof loadBacktestKit>>;
  try {
    kit = await loadBacktestKit(specifier);
  } catch (e) {
    return { ok: false, reason: (e as Error).message.split('\n')[0] ?? String(e) };
  }
  const source = loadSource(dataPath);
  const { candles } = buildBenchSeries(source, bars + 2_000);
  await runKitSmaCross(kit, candles, 2_000, PARAMS.fast, PARAMS.slow, KIT_CAP_SECONDS); // warm-up
  const result = await runKitSmaCross(
    kit,
    candles,
    bars,
    PARAMS.fast,
    PARAMS.slow,
    KIT_CAP_SECONDS,
  );
  // Ours over the bars backtest-kit's strategy saw closed.
  const prefix = sliceCandles(candles, 0, result.lastBar + 1);
  const t0 = process.hrtime.bigint();
  const ours = summarize(runBacktest(prefix, smaCross, PARAMS, CONFIG));
  const oursSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    ok: true,
    specifier,
    ...kitPackage(specifier),
    kit: result,
    ours: { ...ours, seconds: oursSeconds, bars: prefix.length },
    peakRssBytes: peakRssBytes(),
  };
}

/** The loaded package's version and its dependencies as installed beside it (name, wanted, found). */
function kitPackage(specifier: string): { version: string; deps: [string, string, string][] } {
  try {
    const url = import.meta.resolve(specifier);
    const dir = fileURLToPath(url.slice(0, url.lastIndexOf('/build/')));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version?: string;
      dependencies?: Record<string, string>;
    };
    const deps = Object.entries(pkg.dependencies ?? {}).map(
      ([name, wanted]): [string, string, string] => [name, wanted, installedVersion(dir, name)],
    );
    return { version: pkg.version ?? '?', deps };
  } catch {
    return { version: '?', deps: [] };
  }
}

/** Version of `name` as node would find it from `dir` (node_modules of dir and its ancestors). */
function installedVersion(dir: string, name: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, 'node_modules', name, 'package.json');
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    if (dirname(d) === d) return 'missing';
  }
}

async function main(): Promise<void> {
  const [mode, resultFile, dataPath, count, specifier] = process.argv.slice(2);
  if (resultFile === undefined || dataPath === undefined || count === undefined)
    throw new Error('usage: see the head of backtest-child.ts');
  const out =
    mode === 'engine'
      ? engineMode(dataPath, Number(count))
      : await kitMode(dataPath, Number(count), specifier ?? 'backtest-kit');
  writeFileSync(resultFile, JSON.stringify(out));
  // backtest-kit leaves timers and subscriptions behind; the result is written, so stop here.
  process.exit(0);
}

void main();
