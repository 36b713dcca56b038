import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import type { EngineFigures, KitFigures } from './backtest-child';
import { BENCH_PARAMS, benchDataPath, KIT_CAP_SECONDS } from './backtest-data';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CHILD_ENTRY = 'server/src/bench/backtest-child.ts';
const BUNDLE = join(ROOT, '.veloz', 'bench-backtest.mjs');
/** Bars of the engine benchmark (whole repetitions of the file, so a little more). */
const MIN_BARS = 5_000_000;
/** Bars backtest-kit runs over: it does a few thousand a second, so not the 5 M. */
const KIT_BARS = 100_000;
const REPRODUCE = '  reproduce: npm run bench -- backtest';

const M = (x: number) => `${(x / 1e6).toFixed(2)} M`;
const MiB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const sec = (s: number) => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const num = (x: number) =>
  Math.abs(x) >= 0.01 && Math.abs(x) < 1e7 ? x.toFixed(2) : x.toExponential(3);

/**
 * Bundles backtest-child.ts with esbuild into .veloz/ and runs it under plain node, as the stdio
 * benchmark runs the engine (tsx's loader turns barrel re-exports into getters, which slows the hot
 * path). Rebuilt on every call (~100 ms); written atomically.
 */
function buildChild(): void {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [CHILD_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    banner: {
      js: `// Built by server/src/bench/backtest-section.ts from ${CHILD_ENTRY}: do not edit.`,
    },
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('esbuild produced no bundle');
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(tmp, out.contents);
  renameSync(tmp, BUNDLE);
}

/** Runs the bundle in one mode and returns what it wrote. */
async function runChild<T>(args: readonly string[], cwd: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'veloz-bench-bt-'));
  const resultFile = join(dir, 'result.json');
  try {
    const child = spawn(
      process.execPath,
      ['--expose-gc', BUNDLE, args[0] as string, resultFile, ...args.slice(1)],
      {
        cwd,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? -1)));
    if (code !== 0 || !existsSync(resultFile))
      throw new Error(`bench child (${args[0]}) exited with ${code}`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where backtest-kit is loaded from: $VELOZ_BACKTEST_KIT (a module file) or the package name. */
function kitSpecifier(): { specifier: string; shown: string } {
  const env = process.env.VELOZ_BACKTEST_KIT;
  if (env !== undefined && env !== '')
    return { specifier: pathToFileURL(resolve(env)).href, shown: `VELOZ_BACKTEST_KIT=${env}` };
  return { specifier: 'backtest-kit', shown: 'node_modules' };
}

/** `npm run bench -- backtest`: prints the backtest figures (about a minute on 2 cores). */
export async function printBacktestSection(): Promise<void> {
  const dataPath = benchDataPath(ROOT);
  console.log(
    `[backtest] sma-cross 10/30 over ≥ ${M(MIN_BARS)} one-minute bars, our engine vs. its floor vs. backtest-kit`,
  );
  if (!existsSync(dataPath)) {
    console.log(
      `  skipped: ${relative(process.cwd(), dataPath)} not found (the shared data folder sits beside the repository)`,
    );
    console.log(`${REPRODUCE}\n`);
    return;
  }
  buildChild();
  const shownData = relative(process.cwd(), dataPath);
  const e = await runChild<EngineFigures>(['engine', dataPath, String(MIN_BARS)], ROOT);
  printEngine(e, shownData);
  const { specifier, shown } = kitSpecifier();
  const tmpCwd = mkdtempSync(join(tmpdir(), 'veloz-bench-kit-'));
  try {
    const k = await runChild<KitFigures>(['kit', dataPath, String(KIT_BARS), specifier], tmpCwd);
    printKit(k, e, shown);
  } finally {
    rmSync(tmpCwd, { recursive: true, force: true });
  }
  const env = process.env.VELOZ_BACKTEST_KIT;
  const prefix = env !== undefined && env !== '' ? `VELOZ_BACKTEST_KIT=${env} ` : '';
  console.log(`  reproduce: ${prefix}npm run bench -- backtest\n`);
}

function printEngine(e: EngineFigures, shownData: string): void {
  const engineRate = e.bars / e.engine.best;
  const floorRate = e.bars / e.floor.best;
  console.log(
    `  data: ${shownData} (${int(e.sourceBars)} bars) repeated end to end ${e.repetitions}× = ${int(e.bars)} bars. Repetition k ≥ 1 has`,
  );
  console.log(
    "        every open/high/low/close multiplied by one factor so that its first open equals the previous repetition's last",
  );
  console.log(
    `        close (the factors compound: prices span ${num(e.minPrice)} … ${num(e.maxPrice)}); volumes copied; open time of bar i =`,
  );
  console.log(
    '        first open time + 60 000 ms × i. SMA crosses are scale-free, so each repetition trades as the file does.',
  );
  console.log(
    `  process: node ${e.node} --expose-gc .veloz/bench-backtest.mjs (esbuild bundle of server/src/bench/backtest-child.ts), fresh, default heap flags;`,
  );
  console.log(
    `    2 cores shared with whatever else runs: load average ${e.loadAverage[0].toFixed(1)} before, ${e.loadAverage[1].toFixed(1)} after (best-of-runs is the figure least hurt by it)`,
  );
  console.log(
    `  engine: runBacktest(candles, smaCross, {fast:10, slow:30}, cash 10000, fee 10 bps, slippage 0), ${e.engine.samples.length} runs after 1 warm-up`,
  );
  console.log(
    `    best ${sec(e.engine.best)} = ${M(engineRate)} bars/s   median ${sec(e.engine.median)} = ${M(e.bars / e.engine.median)} bars/s`,
  );
  console.log(
    `    ${int(e.run.fills)} fills (${int(e.run.trades)} round trips, one every ${(e.bars / Math.max(1, e.run.trades)).toFixed(1)} bars), final equity ${num(e.run.finalEquity)}`,
  );
  console.log(
    `  floor: two streaming SMAs (running sums over Float64Array rings) over the same close column, nothing else, ${e.floor.samples.length} runs after 1 warm-up`,
  );
  console.log(
    `    best ${sec(e.floor.best)} = ${M(floorRate)} bars/s   median ${sec(e.floor.median)} = ${M(e.bars / e.floor.median)} bars/s`,
  );
  console.log(
    `  ratio engine/floor (best/best): ${((engineRate / floorRate) * 100).toFixed(2)} % (the floor is ${(floorRate / engineRate).toFixed(1)}× faster)`,
  );
  console.log(
    `  floor: ≥ 5 M bars/s single core through the real engine → ${engineRate >= 5e6 ? 'met' : 'NOT MET'} (${M(engineRate)})`,
  );
  const a = e.allocMain;
  const c = e.allocControl;
  console.log(
    "  memory: peak RSS = the kernel's ru_maxrss of that process (process.resourceUsage().maxRSS), JS heap from v8.GCProfiler",
  );
  console.log(
    `    peak RSS ${MiB(e.peakRssBytes)} (${MiB(e.rssAfterDataBytes)} of it once the 6 columns of ${int(e.bars)} bars were built, ${MiB(e.bars * 48)} of columns)`,
  );
  console.log(
    `    JS heap in one engine run: ${MiB(a.startHeapBytes)} used at the start, peak ${MiB(a.peakHeapBytes)} (largest used size before a GC or at the end)`,
  );
  console.log(
    "  allocation: gc() forced, then v8.GCProfiler over one run: heap used at end − at start + Σ freed by each GC (an empty call's figure subtracted)",
  );
  console.log(
    `    sma-cross 10/30: ${MiB(a.heapBytes)} on the JS heap = ${(a.heapBytes / e.bars).toFixed(2)} B/bar = ${int(a.heapBytes / Math.max(1, e.run.fills))} B per fill (${a.gcs} GCs), plus ${MiB(a.arrayBufferBytes)}`,
  );
  console.log(
    `      of ArrayBuffers allocated once per run (equity and position columns, ${(a.arrayBufferBytes / e.bars).toFixed(1)} B/bar, outside the JS heap)`,
  );
  console.log(
    `    control, sma-cross fast = slow = 10 on the same bars (${int(e.control.fills)} orders, so only the per-bar path; smaller of 2 runs): ${(c.heapBytes / e.bars).toFixed(3)} B/bar (${int(c.heapBytes)} B in all, ${c.gcs} GCs)`,
  );
  console.log(
    '  allocation, sampled: V8 sampling heap profiler (128 B interval) keeping the objects GCs collect, over one more run of each;',
  );
  console.log(
    '    unlike the heap-size difference above it counts only objects allocated, not compiled code or heap bookkeeping',
  );
  const sc = e.sampledControlBytes;
  const sm = e.sampledMainBytes;
  console.log(
    `    control: ${int(sc)} B in all = ${(sc / e.bars).toFixed(4)} B/bar (per-run set-up: engine, state, columns' wrappers)`,
  );
  console.log(
    `    sma-cross 10/30: ${MiB(sm)} = ${int(sm / Math.max(1, e.run.fills))} B per fill (${(sm / e.bars).toFixed(2)} B/bar averaged over the bars)`,
  );
  // A per-bar allocation is at least one 16-byte object per bar; under 1 B/bar is none.
  const perBarOk = sc / e.bars < 1;
  console.log(
    `  floor: no allocation per bar (< 1 B/bar: one object is ≥ 16 B) → ${perBarOk ? 'met' : 'NOT MET'} on the per-bar path (sampled ${(sc / e.bars).toFixed(4)} B/bar, heap difference ${(c.heapBytes / e.bars).toFixed(3)} B/bar); orders allocate ${int(sm / Math.max(1, e.run.fills))} B per fill`,
  );
}

function printKit(k: KitFigures, e: EngineFigures, shown: string): void {
  if (!k.ok) {
    console.log(`  backtest-kit: not run — cannot load it (${shown}): ${k.reason}`);
    console.log(
      '    `npm install -D backtest-kit` fails on this registry: backtest-kit 19.5.0 needs di-kit ^1.1.1, di-scoped ^1.0.21,',
    );
    console.log(
      '    functools-kit ^5, get-moment-stamp ^3 (newest served: 1.0.18, 1.0.20, 1.0.95, 1.1.1) and di-singleton (not served at all).',
    );
    console.log(
      '    Point VELOZ_BACKTEST_KIT at a working build/index.mjs of backtest-kit to run the comparison.',
    );
    console.log('  floor: ≥ 20× backtest-kit → NOT MEASURED');
    return;
  }
  const kitRate = k.kit.bars / k.kit.seconds;
  const ourRate = e.bars / e.engine.best;
  const speedUp = ourRate / kitRate;
  const deps = k.deps
    .map(([name, wanted, found]) => `${name} ${found} (asks ${wanted})`)
    .join(', ');
  console.log(
    `  backtest-kit ${k.version}, loaded from ${shown}; its dependencies there: ${deps || 'none found'}`,
  );
  console.log(
    '    the same sma-cross in its idiom (getSignal / onActivePing over getCandles), fee 0.1 % per side, slippage 0, persistence off',
  );
  const span = `bars ${BENCH_PARAMS.slow + 1} … ${int(k.kit.lastBar + 1)} of the same series`;
  const why = k.kit.capped
    ? `stopped at the ${KIT_CAP_SECONDS} s cap before bar ${int(KIT_BARS)}`
    : `a prefix: 5 M would take ~${(e.bars / kitRate / 3600).toFixed(1)} h`;
  console.log(
    `    ${int(k.kit.bars)} one-minute ticks (${span}; ${why}) in ${sec(k.kit.seconds)} = ${int(kitRate)} bars/s, after a 2 000-bar warm-up run`,
  );
  console.log(
    `    speed-up: our ${M(ourRate)} bars/s (the 5 M run above, best) / its ${int(kitRate)} bars/s = ${int(speedUp)}×`,
  );
  console.log(
    `  floor: ≥ 20× backtest-kit → ${speedUp >= 20 ? 'met' : 'NOT MET'} (${int(speedUp)}×)`,
  );
  console.log(
    `  agreement on bars 0 … ${int(k.ours.bars - 1)}: ours ${int(k.ours.trades)} round trips, final equity ${num(k.ours.finalEquity)} (one cold run: ${sec(k.ours.seconds)});`,
  );
  console.log(
    `    backtest-kit ${int(k.kit.closedByStrategy)} closed on the cross back + ${k.kit.closedOtherwise} closed at the frame's end, equity ${num(k.kit.finalEquity)} (10 000 compounded by each trade's net %)`,
  );
  console.log(
    '    Its fill model is not DESIGN §4: entries and exits fill at the VWAP of the last 5 one-minute candles (typical price × volume),',
  );
  console.log(
    '    not at the next open; an exit is seen one candle late (onActivePing at candle j reads candles < j) and fills at the following',
  );
  console.log(
    '    candle; after an exit the tick loop resumes past the exit candle; the position open at the end is closed at VWAP and counted.',
  );
}
