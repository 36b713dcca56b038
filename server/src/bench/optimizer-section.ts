import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OptimizerPool } from '../../../engine-core/src';
import {
  type Candles,
  DEFAULT_BACKTEST_CONFIG,
  enumerateGrid,
  type GridAxis,
  type ParamValues,
  parseGridSpec,
  type RunOutcome,
  resample,
  smaCross,
} from '../../../engine-core/src';
import { createNodePool, type WorkerLoader } from '../optimizer/node-pool';
import { benchDataPath, loadSource } from './backtest-data';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const REPRODUCE = '  reproduce: npm run bench -- optimize';
/** The 400-combination grid of the scaling figure (20 × 20). */
const SCALING_GRID = ['fast=5:24:1', 'slow=30:49:1'];
/** The 10 000-combination grid of the headline (100 × 100; fast ≥ slow runs too, see below). */
const HEADLINE_GRID = ['fast=1:100:1', 'slow=2:101:1'];
const RUNS = 5;

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

function grid(specs: readonly string[]): ParamValues[] {
  const axes = specs.map((s): GridAxis => {
    const r = parseGridSpec(s);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
  const r = enumerateGrid(smaCross.params, axes);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

interface Timed {
  /** Pool start: workers spawned (bundle checked), candles shared and posted, ms. */
  readonly startMs: number;
  /** Each evaluate call, ms. */
  readonly runsMs: number[];
  summaries: readonly RunOutcome[];
}

/**
 * Starts one pool per worker count, then evaluates `params` `runs` times on each, the pools
 * taking turns (so a change in the machine's load hits every count alike), and stops them.
 */
async function timePools(
  candles: Candles,
  params: readonly ParamValues[],
  workerCounts: readonly number[],
  runs: number,
  loader: WorkerLoader = 'bundle',
): Promise<Timed[]> {
  const pools: OptimizerPool[] = [];
  try {
    const timed: Timed[] = [];
    for (const workers of workerCounts) {
      const t0 = performance.now();
      const pool = createNodePool(workers, { loader });
      pools.push(pool);
      pool.load({ candles, strategy: 'sma-cross', config: DEFAULT_BACKTEST_CONFIG });
      // One tiny batch per worker: the worker has started, loaded its code and the candles.
      await pool.evaluate(params.slice(0, workers), { chunkSize: 1 });
      timed.push({ startMs: performance.now() - t0, runsMs: [], summaries: [] });
    }
    for (let k = 0; k < runs; k++) {
      for (let i = 0; i < pools.length; i++) {
        const t = performance.now();
        const summaries = await (pools[i] as OptimizerPool).evaluate(params);
        const slot = timed[i] as Timed;
        slot.runsMs.push(performance.now() - t);
        slot.summaries = summaries;
      }
    }
    return timed;
  } finally {
    await Promise.all(pools.map((p) => p.terminate()));
  }
}

const best = (xs: readonly number[]) => Math.min(...xs);
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** `npm run bench -- optimize`: worker scaling on 400 combinations, then 10 000 on 2 workers. */
export async function printOptimizerSection(): Promise<void> {
  const dataPath = benchDataPath(ROOT);
  console.log(
    '[optimize] sma-cross grids through the worker pool (worker_threads, candles in one SharedArrayBuffer)',
  );
  if (!existsSync(dataPath)) {
    console.log(
      `  skipped: ${relative(process.cwd(), dataPath)} not found (the shared data folder sits beside the repository)`,
    );
    console.log(`${REPRODUCE}\n`);
    return;
  }
  const shown = relative(process.cwd(), dataPath);
  const minute = loadSource(dataPath);
  const load0 = loadavg()[0] as number;
  console.log(
    `  process: node ${process.version}, workers run .veloz/optimizer-worker.mjs (esbuild bundle of server/src/optimizer/worker-entry.ts) under plain node;`,
  );
  console.log(
    `    cost model: DESIGN §7 defaults (cash 10 000, fee 10 bps, slippage 0); each run = runBacktest + computeMetrics`,
  );

  // 1. Scaling: 400 combinations on the 1m file, 1 worker vs 2.
  const scaling = grid(SCALING_GRID);
  const [one, two] = (await timePools(minute, scaling, [1, 2], RUNS)) as [Timed, Timed];
  const same = JSON.stringify(one.summaries) === JSON.stringify(two.summaries);
  const speedUp = best(one.runsMs) / best(two.runsMs);
  console.log(
    `  scaling: ${scaling.length} combinations (${SCALING_GRID.join(' × ')}) over ${shown} (${int(minute.length)} 1m bars), ${RUNS} runs each, the two pools taking turns, after they started`,
  );
  for (const [n, t] of [
    [1, one],
    [2, two],
  ] as const)
    console.log(
      `    ${n} worker${n === 1 ? ' ' : 's'}: best ${sec(best(t.runsMs))} = ${int(scaling.length / (best(t.runsMs) / 1000))} combinations/s (${int((scaling.length * minute.length) / (best(t.runsMs) / 1000) / 1e6)} M bars/s), median ${sec(median(t.runsMs))}; pool start ${sec(t.startMs)}`,
    );
  console.log(
    `    speed-up 2 vs 1 (best/best): ${speedUp.toFixed(2)}×; results identical: ${same ? 'yes' : 'NO'}`,
  );
  console.log(
    `  floor: speed-up ≥ 1.7× on 2 cores → ${speedUp >= 1.7 ? 'met' : 'NOT MET'} (${speedUp.toFixed(2)}×)`,
  );

  // 2. Loader: the same grid on 2 workers with the .ts entry through tsx instead of the bundle.
  const [tsx] = (await timePools(minute, scaling, [2], 1, 'tsx')) as [Timed];
  console.log(
    `  worker loader, same grid on 2 workers: bundle best ${sec(best(two.runsMs))} (start ${sec(two.startMs)}) vs tsx loader ${sec(best(tsx.runsMs))} (start ${sec(tsx.startMs)}): the bundle is the default`,
  );

  // 3. Headline: 10 000 combinations over the 1m file resampled to 5m, 2 workers, end to end.
  const r = resample(minute, '5m');
  if (!r.ok) throw new Error(r.error);
  const bars = r.value.candles;
  const headline = grid(HEADLINE_GRID);
  const below = headline.filter((p) => (p.fast as number) < (p.slow as number)).length;
  const equal = headline.filter((p) => p.fast === p.slow).length;
  const t0 = performance.now();
  const [h] = (await timePools(bars, headline, [2], 1)) as [Timed];
  const wallMs = performance.now() - t0;
  const traded = h.summaries.filter((s) => 'trades' in s && s.trades > 0).length;
  console.log(
    `  headline: ${int(headline.length)} combinations (${HEADLINE_GRID.join(' × ')}) over the same file resampled to 5m (${int(bars.length)} bars), 2 workers`,
  );
  console.log(
    `    all ${int(h.summaries.length)} ran: fast < slow ${int(below)}, fast = slow ${equal} (never cross, no trade), fast > slow ${int(headline.length - below - equal)} (sma-cross allows it: the cross is inverted); ${int(traded)} traded`,
  );
  console.log(
    `    wall ${sec(wallMs)} end to end (pool start ${sec(h.startMs)} + search ${sec(h.runsMs[0] as number)}) = ${int(headline.length / (wallMs / 1000))} combinations/s`,
  );
  console.log(
    `  floor: 10 000 combinations ≤ 20 s on 2 workers → ${wallMs <= 20_000 ? 'met' : 'NOT MET'} (${sec(wallMs)})`,
  );
  const load1 = loadavg()[0] as number;
  console.log(
    `  machine: load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after (2 cores shared with whatever else runs)`,
  );
  console.log(`${REPRODUCE}\n`);
}
