// The optimizer: search spaces (grid, seeded random, genetic), objectives and ranking, walk-forward
// analysis, and a worker pool that any platform's workers plug into (DESIGN §7 `optimize`).

export { mulberry32, type Rng, randomIndex } from '../util/rng';
export {
  evaluateParams,
  isRunFailure,
  type RunFailure,
  type RunOutcome,
} from './evaluate-params';
export {
  checkRange,
  type EvaluateOptions,
  type Evaluator,
  guidedChunkSize,
  isOptimizationCancelled,
  OptimizationCancelledError,
  type OptimizerDataset,
  type OptimizerStrategy,
} from './evaluator';
export { crossover, mutate, randomGenome, tournament } from './genetic-operators';
export {
  type GeneticOptions,
  type GeneticResult,
  type GeneticStop,
  runGeneticSearch,
} from './genetic-search';
export {
  checkGeneticSettings,
  DEFAULT_GENETIC_SETTINGS,
  type EarlyStop,
  type GeneticSettings,
  MAX_GENERATIONS,
  MAX_POPULATION,
} from './genetic-settings';
export { decodeGenome, type Genome, type GenomeSpace, genomeKey, genomeSpace } from './genome';
export { enumerateGrid, gridSize, MAX_COMBINATIONS, validateAxes } from './grid';
export {
  decimalsOf,
  type GridAxis,
  MAX_AXIS_VALUES,
  type ParamValue,
  parseGridSpec,
  rangeValues,
  roundTo,
} from './grid-spec';
export { createLocalEvaluator } from './local-evaluator';
export {
  compareParams,
  type Evaluated,
  type FailedRun,
  type MetricName,
  MINIMIZED_METRICS,
  metricDirection,
  type Objective,
  type Outcome,
  parseMetric,
  type Ranking,
  rankResults,
} from './objective';
export { type GenerationStats, type OptimizerProgress, ProgressMeter } from './progress';
export { randomSearch } from './random-search';
export { type ResolvedStrategy, resolveOptimizerStrategy } from './resolve-strategy';
export { runSearch } from './search';
export {
  type CandlesMessage,
  candlesFromMessage,
  isShared,
  shareCandles,
} from './shared-candles';
export { flatResult, type ResultPart, reportConfig, stitchResults } from './stitch';
export {
  type BarRange,
  parseWalkForward,
  runWalkForward,
  type WalkForwardInput,
  type WalkForwardOptions,
  type WalkForwardResult,
  type WalkForwardSpec,
  type WalkForwardWindow,
  type WalkForwardWindowResult,
  walkForwardWindows,
} from './walk-forward';
export { createWorkerHandler } from './worker-handler';
export { createWorkerPool, type OptimizerPool, type WorkerPoolOptions } from './worker-pool';
export {
  type EmitterWorkerPort,
  type EventTargetWorkerPort,
  listenToPort,
  type WorkerPort,
} from './worker-port';
export type { WorkerReply, WorkerRequest } from './worker-protocol';
