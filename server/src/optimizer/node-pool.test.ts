import { existsSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKTEST_CONFIG,
  enumerateGrid,
  evaluateParams,
  type OptimizerPool,
  type OptimizerProgress,
  type ParamValues,
  parseCandleCsv,
  parseGridSpec,
  sliceCandles,
  smaCross,
  type WorkerPort,
} from '../../../engine-core/src';
import { syntheticCandles } from '../../../engine-core/src/optimizer/testing/synthetic-candles';
import { createNodePool } from './node-pool';

const DATA = new URL('../../../../shared/data/btc-perp-2022-01-1m.csv', import.meta.url);
const HAVE_DATA = existsSync(DATA);
if (!HAVE_DATA) console.warn('NOTE: ../shared/data is absent: the real-data pool test is skipped');

// Both kinds of worker are WorkerPorts as they are (checked by the type checker).
type DomWorker = InstanceType<typeof globalThis.Worker>;
const _portTypes: [(w: Worker) => WorkerPort, (w: DomWorker) => WorkerPort] = [(w) => w, (w) => w];
void _portTypes;

const grid = (...specs: string[]): ParamValues[] => {
  const axes = specs.map((s) => {
    const r = parseGridSpec(s);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
  const r = enumerateGrid(smaCross.params, axes);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const config = DEFAULT_BACKTEST_CONFIG;
const candles = syntheticCandles(3_000, 11);
const PARAMS = grid('fast=2:20:3', 'slow=10:60:10');
const pools: OptimizerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

function pool(workers: number, loader: 'bundle' | 'tsx' = 'bundle', c = candles): OptimizerPool {
  const p = createNodePool(workers, { loader });
  pools.push(p);
  p.load({ candles: c, strategy: 'sma-cross', config });
  return p;
}

describe('createNodePool (worker_threads)', () => {
  it('each summary equals runBacktest + computeMetrics of the same params in this process', async () => {
    const got = await pool(2).evaluate(PARAMS, { chunkSize: 5 });
    expect(got).toHaveLength(PARAMS.length);
    PARAMS.forEach((params, i) => {
      expect(got[i]).toEqual(evaluateParams(candles, smaCross, params, config));
    });
    expect(got.filter((s) => 'trades' in s && s.trades > 0).length).toBeGreaterThan(
      PARAMS.length / 2,
    );
  });

  it('1 and 2 workers give identical results; progress reaches the total', async () => {
    const progress: OptimizerProgress[] = [];
    const one = await pool(1).evaluate(PARAMS);
    const two = await pool(2).evaluate(PARAMS, {
      chunkSize: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(two).toEqual(one);
    expect(progress[0]).toMatchObject({ done: 0, total: PARAMS.length, etaMs: null });
    expect(progress.at(-1)).toMatchObject({ done: PARAMS.length, total: PARAMS.length, etaMs: 0 });
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );
    for (const p of progress.slice(1)) expect(p.elapsedMs).toBeGreaterThan(0);
  });

  it('evaluates bar ranges of the shared candles', async () => {
    const p = pool(2);
    const got = await p.evaluate(PARAMS.slice(0, 8), { range: { from: 500, to: 2_000 } });
    const bars = sliceCandles(candles, 500, 2_000);
    PARAMS.slice(0, 8).forEach((params, i) => {
      expect(got[i]).toEqual(evaluateParams(bars, smaCross, params, config));
    });
    // The same pool, the whole series again: the candles were posted once, at load.
    expect(await p.evaluate(PARAMS.slice(0, 2))).toEqual(
      PARAMS.slice(0, 2).map((params) => evaluateParams(candles, smaCross, params, config)),
    );
  });

  it('cancels mid-run: rejects with a clear error, the workers are terminated', async () => {
    const p = pool(2);
    const ac = new AbortController();
    const progress: number[] = [];
    const run = p.evaluate(PARAMS, {
      chunkSize: 1,
      signal: ac.signal,
      onProgress: ({ done }) => {
        progress.push(done);
        if (done === 3) ac.abort();
      },
    });
    await expect(run).rejects.toThrow(`optimization cancelled after 3 of ${PARAMS.length} runs`);
    expect(progress.at(-1)).toBe(3);
    await expect(p.evaluate(PARAMS)).rejects.toThrow('optimizer pool is terminated');
  });

  it('runs the .ts entry through the tsx loader too, with the same results', async () => {
    const some = PARAMS.slice(0, 6);
    expect(await pool(1, 'tsx').evaluate(some)).toEqual(await pool(1).evaluate(some));
  });

  it.skipIf(!HAVE_DATA)(
    'on real 1m candles (../shared/data), 2 workers: equal to in-process runs',
    async () => {
      const parsed = parseCandleCsv(readFileSync(DATA, 'utf8'), {
        fileName: 'btc-perp-2022-01-1m.csv',
        symbol: 'BTCUSD',
      });
      if (!parsed.ok) throw new Error(parsed.error);
      const real = parsed.value.candles;
      const some = grid('fast=5:20:5', 'slow=30,60');
      const got = await pool(2, 'bundle', real).evaluate(some);
      some.forEach((params, i) => {
        expect(got[i]).toEqual(evaluateParams(real, smaCross, params, config));
      });
    },
  );

  it('refuses a worker count that is not an integer ≥ 1', () => {
    expect(() => createNodePool(0)).toThrow('workers must be an integer ≥ 1, got 0');
  });
});
