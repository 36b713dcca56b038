import type { AbortSignalLike } from '../market';
import type { ParamValues } from '../strategy';
import { mulberry32, type Rng } from '../util/rng';
import { isRunFailure, type RunOutcome } from './evaluate-params';
import { type EvaluateOptions, type Evaluator, OptimizationCancelledError } from './evaluator';
import { crossover, mutate, randomGenome, tournament } from './genetic-operators';
import type { GeneticSettings } from './genetic-settings';
import { decodeGenome, type Genome, type GenomeSpace, genomeKey } from './genome';
import {
  compareParams,
  metricDirection,
  type Objective,
  type Ranking,
  rankResults,
} from './objective';
import type { GenerationStats, OptimizerProgress } from './progress';

/** Draws per initial genome before settling for fewer distinct ones (tiny spaces). */
const ATTEMPTS_PER_GENOME = 50;
/** Extra mutations tried on a child that is not new before keeping it as it is. */
const NEW_CHILD_ATTEMPTS = 10;

/** Why a genetic search ended. */
export type GeneticStop = 'max_generations' | 'early_stop' | 'space_exhausted';

/** A finished genetic search. */
export interface GeneticResult {
  /** Every distinct genome evaluated, ranked as the other searches rank (best first). */
  readonly ranking: Ranking;
  /** One entry per generation, in order. */
  readonly generations: readonly GenerationStats[];
  /** Backtests run: distinct genomes (the cache never evaluates one twice). */
  readonly evaluations: number;
  readonly stop: GeneticStop;
}

/** How a genetic search runs. */
export interface GeneticOptions {
  readonly signal?: AbortSignalLike;
  /** Within a generation after each evaluated chunk; `generation` is the last finished one. */
  readonly onProgress?: (progress: OptimizerProgress) => void;
  readonly now?: () => number;
  readonly chunkSize?: number;
  /** The bars to backtest on (see `EvaluateOptions`). */
  readonly range?: EvaluateOptions['range'];
}

/** A genome with its score: `fitness` is larger-is-better, null when the run does not count. */
interface Member {
  readonly genome: Genome;
  readonly key: string;
  readonly params: ParamValues;
  readonly fitness: number | null;
  readonly value: number | null;
}

/** `a` ranks before `b`: higher fitness, null last, ties by the params (as `rankResults`). */
function better(a: Member, b: Member): boolean {
  if (a.fitness !== b.fitness) {
    if (a.fitness === null) return false;
    if (b.fitness === null) return true;
    return a.fitness > b.fitness;
  }
  return compareParams(a.params, b.params) < 0;
}

const byRank = (a: Member, b: Member): number => (better(a, b) ? -1 : better(b, a) ? 1 : 0);

/** The objective's metric of a run, or null when it fails, is too thin, or has no value. */
function metricOf(o: RunOutcome, objective: Objective): number | null {
  if (isRunFailure(o) || o.trades < (objective.minTrades ?? 0)) return null;
  const v = o[objective.metric];
  return v === null || Number.isNaN(v) ? null : v;
}

function initialPopulation(space: GenomeSpace, size: number, rng: Rng): Genome[] {
  const want = Math.min(size, space.size);
  const seen = new Set<string>();
  const out: Genome[] = [];
  for (let i = 0; out.length < want && i < want * ATTEMPTS_PER_GENOME; i++) {
    const g = randomGenome(space, rng);
    const k = genomeKey(g);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(g);
  }
  return out;
}

/** The next generation: the elites, then children of tournament winners, crossed and mutated. */
function breed(
  ranked: readonly Member[],
  space: GenomeSpace,
  s: GeneticSettings,
  seen: (key: string) => boolean,
  rng: Rng,
) {
  const next: Genome[] = [];
  const taken = new Set<string>();
  const elites = new Set<string>();
  for (const m of ranked) {
    if (next.length >= s.eliteCount) break;
    if (elites.has(m.key)) continue; // a duplicate is no second elite
    elites.add(m.key);
    taken.add(m.key);
    next.push(m.genome);
  }
  while (next.length < s.populationSize) {
    const a = tournament(ranked, s.tournamentSize, better, rng).genome;
    const child =
      rng() < s.crossoverRate
        ? crossover(a, tournament(ranked, s.tournamentSize, better, rng).genome, rng)
        : a;
    let c = mutate(child, space, s.mutationRate, rng);
    // A child met before costs no run but teaches nothing: mutate it on until it is new.
    for (let i = 0; i < NEW_CHILD_ATTEMPTS && (seen(genomeKey(c)) || taken.has(genomeKey(c))); i++)
      c = mutate(c, space, 1 / Math.max(1, space.sizes.length), rng);
    taken.add(genomeKey(c));
    next.push(c);
  }
  return next;
}

/**
 * A seeded genetic search over a grid's space. Each generation's new genomes are evaluated in
 * one batch through the evaluator (workers or in-process); a genome met before is taken from the
 * cache, never run again. The random draws never depend on when a run finishes, so the same seed
 * gives the same generations and result for any number of workers. Stops after
 * `maxGenerations`, when early stopping says the best has stalled, or when every point of the
 * space has been evaluated.
 */
export async function runGeneticSearch(
  evaluator: Evaluator,
  space: GenomeSpace,
  objective: Objective,
  settings: GeneticSettings,
  options: GeneticOptions = {},
): Promise<GeneticResult> {
  const rng = mulberry32(settings.seed);
  const sign = metricDirection(objective.metric) === 'max' ? 1 : -1;
  const cache = new Map<string, { params: ParamValues; outcome: RunOutcome }>();
  const generations: GenerationStats[] = [];
  const bestFitness: number[] = [];
  const start = options.now?.() ?? null;
  let best: Member | null = null;
  let population = initialPopulation(space, settings.populationSize, rng);
  let stop: GeneticStop = 'max_generations';

  const progress = (done: number, total: number): OptimizerProgress => {
    const elapsedMs = start === null || options.now === undefined ? null : options.now() - start;
    const etaMs = elapsedMs === null || done === 0 ? null : (elapsedMs / done) * (total - done);
    const generation = generations[generations.length - 1];
    return { done, total, elapsedMs, etaMs, ...(generation === undefined ? {} : { generation }) };
  };

  for (let g = 1; g <= settings.maxGenerations; g++) {
    if (options.signal?.aborted === true)
      throw new OptimizationCancelledError(
        `genetic search cancelled before generation ${g} of ${settings.maxGenerations}`,
      );
    const fresh = new Map<string, Genome>();
    for (const genome of population) {
      const k = genomeKey(genome);
      if (!cache.has(k) && !fresh.has(k)) fresh.set(k, genome);
    }
    const batch = [...fresh.values()].map((genome) => decodeGenome(space, genome));
    const before = cache.size;
    // At most a whole population of new genomes in each generation still to come.
    const bound = before + batch.length + (settings.maxGenerations - g) * settings.populationSize;
    const onProgress = options.onProgress;
    const outcomes =
      batch.length === 0
        ? []
        : await evaluator.evaluate(batch, {
            signal: options.signal,
            chunkSize: options.chunkSize,
            range: options.range,
            onProgress: onProgress && ((p) => onProgress(progress(before + p.done, bound))),
          });
    [...fresh.keys()].forEach((k, i) => {
      cache.set(k, { params: batch[i] as ParamValues, outcome: outcomes[i] as RunOutcome });
    });

    const members = population.map((genome): Member => {
      const key = genomeKey(genome);
      const hit = cache.get(key) as { params: ParamValues; outcome: RunOutcome };
      const value = metricOf(hit.outcome, objective);
      return {
        genome,
        key,
        params: hit.params,
        value,
        fitness: value === null ? null : sign * value,
      };
    });
    const ranked = [...members].sort(byRank);
    const top = ranked[0] as Member;
    if (best === null || better(top, best)) best = top;
    const values = members.flatMap((m) => (m.value === null ? [] : [m.value]));
    generations.push({
      generation: g,
      maxGenerations: settings.maxGenerations,
      best: best.value,
      populationBest: top.value,
      mean: values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length,
      evaluations: cache.size,
      newEvaluations: batch.length,
    });
    bestFitness.push(best.fitness ?? Number.NEGATIVE_INFINITY);
    onProgress?.(progress(cache.size, bound));

    if (cache.size >= space.size) {
      stop = 'space_exhausted';
      break;
    }
    const es = settings.earlyStop;
    if (es !== null && g > es.generations) {
      // NaN (nothing counted in either generation) is no improvement either.
      const gain = (bestFitness[g - 1] as number) - (bestFitness[g - 1 - es.generations] as number);
      if (!(gain >= es.minImprovement)) {
        stop = 'early_stop';
        break;
      }
    }
    if (g < settings.maxGenerations)
      population = breed(ranked, space, settings, (k) => cache.has(k), rng);
  }

  const ranking = rankResults(
    [...cache.values()].map((c) => ({ params: c.params, summary: c.outcome })),
    objective,
  );
  options.onProgress?.(progress(cache.size, cache.size));
  return { ranking, generations, evaluations: cache.size, stop };
}
