import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_CONFIG } from '../backtest';
import { smaCross } from '../strategy';
import type { Evaluator } from './evaluator';
import { isOptimizationCancelled } from './evaluator';
import { runGeneticSearch } from './genetic-search';
import {
  checkGeneticSettings,
  DEFAULT_GENETIC_SETTINGS,
  type GeneticSettings,
} from './genetic-settings';
import { genomeSpace } from './genome';
import { enumerateGrid } from './grid';
import { parseGridSpec } from './grid-spec';
import { createLocalEvaluator } from './local-evaluator';
import type { Objective } from './objective';
import type { OptimizerProgress } from './progress';
import { runSearch } from './search';
import { syntheticCandles } from './testing/synthetic-candles';
import { createWorkerHandler } from './worker-handler';
import { createWorkerPool } from './worker-pool';
import type { EmitterWorkerPort } from './worker-port';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const axes = (...specs: string[]) => specs.map((s) => value(parseGridSpec(s)));
const candles = syntheticCandles(2_000, 3);
const dataset = { candles, strategy: 'sma-cross', config: DEFAULT_BACKTEST_CONFIG };
const SHARPE: Objective = { metric: 'sharpe', minTrades: 0 };
const settings = (change: Partial<GeneticSettings> = {}): GeneticSettings => ({
  ...DEFAULT_GENETIC_SETTINGS,
  ...change,
});

/** The local evaluator, counting every param set it is asked to run. */
function counting() {
  const inner = createLocalEvaluator(dataset);
  const runs: string[] = [];
  const evaluator: Evaluator = {
    evaluate(params, options) {
      for (const p of params) runs.push(JSON.stringify(p));
      return inner.evaluate(params, options);
    },
  };
  return { evaluator, runs };
}

/** An in-process worker: the real handler behind structuredClone and a macrotask hop each way. */
function fakeWorker(): EmitterWorkerPort {
  const listeners: ((v: unknown) => void)[] = [];
  const handle = createWorkerHandler((reply) =>
    setTimeout(() => {
      for (const l of listeners) l(structuredClone(reply));
    }, 0),
  );
  return {
    postMessage: (m: unknown) => setTimeout(() => handle(structuredClone(m) as never), 0),
    terminate: () => Promise.resolve(1),
    on(event: 'message' | 'error', l: (v: unknown) => void) {
      if (event === 'message') listeners.push(l);
      return this;
    },
  };
}

describe('runGeneticSearch', () => {
  // 56 × 46 = 2576 grid points.
  const space = axes('fast=5:60:1', 'slow=20:200:4');

  it('reaches the grid optimum (within 1 %) with ≤ 25 % of the grid’s runs, for seeds 1…5', async () => {
    const grid = value(enumerateGrid(smaCross.params, space));
    expect(grid).toHaveLength(2576);
    const evaluator = createLocalEvaluator(dataset);
    const optimum = (await runSearch(evaluator, grid, SHARPE)).ranked[0];
    if (optimum === undefined) throw new Error('no grid optimum');
    const target = optimum.summary.sharpe;
    const gs = value(genomeSpace(smaCross.params, space));
    for (let seed = 1; seed <= 5; seed++) {
      const r = await runGeneticSearch(evaluator, gs, SHARPE, settings({ seed }));
      const best = r.ranking.ranked[0];
      if (best === undefined) throw new Error(`seed ${seed}: no result`);
      expect(r.evaluations, `seed ${seed}`).toBeLessThanOrEqual(0.25 * grid.length);
      expect(r.ranking.ranked).toHaveLength(r.evaluations);
      expect(
        best.summary.sharpe,
        `seed ${seed}: ${JSON.stringify(best.params)}`,
      ).toBeGreaterThanOrEqual(target - 0.01 * Math.abs(target));
      // A GA summary is the grid's summary of the same params.
      expect(best.summary).toEqual(
        (await runSearch(evaluator, [best.params], SHARPE)).ranked[0]?.summary,
      );
    }
  }, 600_000);

  it('never evaluates a genome twice; progress per generation ends at done = total', async () => {
    const { evaluator, runs } = counting();
    const seen: OptimizerProgress[] = [];
    const r = await runGeneticSearch(
      evaluator,
      value(genomeSpace(smaCross.params, space)),
      SHARPE,
      settings({ maxGenerations: 6, earlyStop: null, populationSize: 12 }),
      { onProgress: (p) => seen.push(p) },
    );
    expect(new Set(runs).size).toBe(runs.length);
    expect(runs).toHaveLength(r.evaluations);
    expect(r.generations.map((g) => g.generation)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.generations.reduce((s, g) => s + g.newEvaluations, 0)).toBe(r.evaluations);
    expect(r.stop).toBe('max_generations');
    for (const p of seen) expect(p.done).toBeLessThanOrEqual(p.total);
    const last = seen[seen.length - 1] as OptimizerProgress;
    expect([last.done, last.total]).toEqual([r.evaluations, r.evaluations]);
    // One report at the end of each generation carries that generation.
    const ends = seen.filter(
      (p, i) => p.generation?.generation !== seen[i - 1]?.generation?.generation,
    );
    expect(ends.map((p) => p.generation)).toEqual(r.generations);
    for (const g of r.generations) {
      expect(g.evaluations).toBeLessThanOrEqual(12 * g.generation);
      expect(g.mean).not.toBeNull();
    }
  });

  it('elitism: the best of each generation never gets worse (maximized and minimized metrics)', async () => {
    const gs = value(genomeSpace(smaCross.params, space));
    for (const metric of ['sharpe', 'max_drawdown'] as const) {
      const r = await runGeneticSearch(
        createLocalEvaluator(dataset),
        gs,
        { metric, minTrades: 1 },
        settings({
          maxGenerations: 8,
          earlyStop: null,
          populationSize: 10,
          eliteCount: 1,
          seed: 4,
        }),
      );
      const bests = r.generations.map((g) => g.populationBest as number);
      for (let i = 1; i < bests.length; i++)
        if (metric === 'sharpe') expect(bests[i]).toBeGreaterThanOrEqual(bests[i - 1] as number);
        else expect(bests[i]).toBeLessThanOrEqual(bests[i - 1] as number);
      expect(r.generations[r.generations.length - 1]?.best).toBe(bests[bests.length - 1]);
    }
  });

  it('early stopping: stops at the first generation whose best gained less than the threshold over N', async () => {
    const gs = value(genomeSpace(smaCross.params, space));
    const ev = createLocalEvaluator(dataset);
    // No gain is ever this large: it stops right after N + 1 generations.
    const never = await runGeneticSearch(
      ev,
      gs,
      SHARPE,
      settings({ maxGenerations: 50, earlyStop: { generations: 3, minImprovement: 1e9 } }),
    );
    expect(never.stop).toBe('early_stop');
    expect(never.generations).toHaveLength(4);
    // With a real threshold, the rule holds at the stop and at no generation before it.
    const N = 4;
    const t = 0.05;
    const r = await runGeneticSearch(
      ev,
      gs,
      SHARPE,
      settings({
        maxGenerations: 60,
        populationSize: 10,
        earlyStop: { generations: N, minImprovement: t },
      }),
    );
    expect(r.stop).toBe('early_stop');
    const best = r.generations.map((g) => g.best as number);
    const k = best.length - 1;
    expect(best[k] - (best[k - N] as number)).toBeLessThan(t);
    for (let i = N; i < k; i++) expect(best[i] - (best[i - N] as number)).toBeGreaterThanOrEqual(t);
  });

  it('stops when the whole space is evaluated, with the grid’s best', async () => {
    const small = axes('fast=5:15:5', 'slow=20,40');
    const ev = createLocalEvaluator(dataset);
    const r = await runGeneticSearch(
      ev,
      value(genomeSpace(smaCross.params, small)),
      SHARPE,
      settings(),
    );
    expect(r.stop).toBe('space_exhausted');
    expect(r.evaluations).toBe(6);
    const grid = await runSearch(ev, value(enumerateGrid(smaCross.params, small)), SHARPE);
    expect(r.ranking).toEqual(grid);
  });

  it('is reproducible: same seed, same generations and result, for 1 or 2 workers and any chunk', async () => {
    const gs = value(genomeSpace(smaCross.params, space));
    const s = settings({ seed: 11, maxGenerations: 6, populationSize: 12 });
    const local = await runGeneticSearch(createLocalEvaluator(dataset), gs, SHARPE, s);
    for (const [workers, chunkSize] of [
      [1, undefined],
      [2, 1],
      [2, 5],
    ] as const) {
      const pool = createWorkerPool(Array.from({ length: workers }, fakeWorker));
      pool.load(dataset);
      const r = await runGeneticSearch(pool, gs, SHARPE, s, chunkSize ? { chunkSize } : {});
      await pool.terminate();
      expect(r).toEqual(local);
    }
    const other = await runGeneticSearch(createLocalEvaluator(dataset), gs, SHARPE, {
      ...s,
      seed: 12,
    });
    expect(other.generations).not.toEqual(local.generations);
  });

  it('is cancelled through its signal', async () => {
    const abort = new AbortController();
    const gs = value(genomeSpace(smaCross.params, space));
    const run = runGeneticSearch(createLocalEvaluator(dataset), gs, SHARPE, settings(), {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.generation?.generation === 2) abort.abort();
      },
    });
    await expect(run).rejects.toSatisfy(isOptimizationCancelled);
  });
});

describe('checkGeneticSettings', () => {
  it('accepts the defaults', () => {
    expect(checkGeneticSettings(DEFAULT_GENETIC_SETTINGS)).toEqual({
      ok: true,
      value: DEFAULT_GENETIC_SETTINGS,
    });
  });

  it.each([
    [{ populationSize: 1 }, 'population size 1 is not an integer in 2…100000'],
    [{ mutationRate: 1.5 }, 'mutation rate 1.5 is not in [0, 1]'],
    [{ crossoverRate: -0.1 }, 'crossover rate -0.1 is not in [0, 1]'],
    [{ eliteCount: 24 }, 'elite count 24 is not an integer in 0…23 (population − 1)'],
    [{ tournamentSize: 0 }, 'tournament size 0 is not an integer in 1…24 (population)'],
    [{ maxGenerations: 2.5 }, 'max generations 2.5 is not an integer in 1…100000'],
    [
      { earlyStop: { generations: 0, minImprovement: 0 } },
      'early stop: 0 generations is not an integer in 1…100000',
    ],
    [
      { earlyStop: { generations: 3, minImprovement: -1 } },
      'early stop: min improvement -1 is not a number ≥ 0',
    ],
    [{ seed: -1 }, 'seed -1 is not an integer in 0…2^32−1'],
  ] as const)('rejects %j', (change, error) => {
    expect(checkGeneticSettings(settings(change))).toEqual({ ok: false, error });
  });
});
