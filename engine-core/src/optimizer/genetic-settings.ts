import { err, ok, type Result } from '../util/result';

/** Stop when the best objective has improved by less than `minImprovement` over `generations`. */
export interface EarlyStop {
  readonly generations: number;
  /** In the metric's own units, in its direction (a gain for maximized metrics, a cut for minimized ones). */
  readonly minImprovement: number;
}

/** The knobs of a genetic search, checked (`checkGeneticSettings`). */
export interface GeneticSettings {
  /** Genomes per generation (≥ 2). */
  readonly populationSize: number;
  /** Chance that each gene of a child mutates, in [0, 1]. */
  readonly mutationRate: number;
  /** Chance that a child mixes two parents rather than copying one, in [0, 1]. */
  readonly crossoverRate: number;
  /** The best genomes carried unchanged into the next generation (0 … populationSize − 1). */
  readonly eliteCount: number;
  /** Genomes drawn per tournament; the best of them becomes a parent (1 … populationSize). */
  readonly tournamentSize: number;
  /** Generations at most, the first (random) one included (≥ 1). */
  readonly maxGenerations: number;
  /** Null: always run `maxGenerations`. */
  readonly earlyStop: EarlyStop | null;
  /** Seeds the PRNG (mulberry32): the same seed gives the same generations. */
  readonly seed: number;
}

/** Defaults that reach the grid optimum of a two-param sma-cross space in a fraction of its runs. */
export const DEFAULT_GENETIC_SETTINGS: GeneticSettings = {
  populationSize: 24,
  mutationRate: 0.3,
  crossoverRate: 0.8,
  eliteCount: 2,
  tournamentSize: 3,
  maxGenerations: 30,
  earlyStop: { generations: 8, minImprovement: 1e-6 },
  seed: 1,
};

/** Upper bounds, so that a typo cannot ask for a week of backtests. */
export const MAX_POPULATION = 100_000;
export const MAX_GENERATIONS = 100_000;

const intIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
const rateOk = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

/** Checks the settings together; the error names the setting and its bounds. */
export function checkGeneticSettings(s: GeneticSettings): Result<GeneticSettings, string> {
  if (!intIn(s.populationSize, 2, MAX_POPULATION))
    return err(`population size ${s.populationSize} is not an integer in 2…${MAX_POPULATION}`);
  if (!rateOk(s.mutationRate)) return err(`mutation rate ${s.mutationRate} is not in [0, 1]`);
  if (!rateOk(s.crossoverRate)) return err(`crossover rate ${s.crossoverRate} is not in [0, 1]`);
  if (!intIn(s.eliteCount, 0, s.populationSize - 1))
    return err(
      `elite count ${s.eliteCount} is not an integer in 0…${s.populationSize - 1} (population − 1)`,
    );
  if (!intIn(s.tournamentSize, 1, s.populationSize))
    return err(
      `tournament size ${s.tournamentSize} is not an integer in 1…${s.populationSize} (population)`,
    );
  if (!intIn(s.maxGenerations, 1, MAX_GENERATIONS))
    return err(`max generations ${s.maxGenerations} is not an integer in 1…${MAX_GENERATIONS}`);
  if (s.earlyStop !== null) {
    if (!intIn(s.earlyStop.generations, 1, MAX_GENERATIONS))
      return err(
        `early stop: ${s.earlyStop.generations} generations is not an integer in 1…${MAX_GENERATIONS}`,
      );
    if (!(Number.isFinite(s.earlyStop.minImprovement) && s.earlyStop.minImprovement >= 0))
      return err(`early stop: min improvement ${s.earlyStop.minImprovement} is not a number ≥ 0`);
  }
  if (!intIn(s.seed, 0, 2 ** 32 - 1)) return err(`seed ${s.seed} is not an integer in 0…2^32−1`);
  return ok(s);
}
