// `npm run optimize -- --data FILE (--strategy NAME | --strategy-file F.ts) --grid k=from:to:step ... [--metric sharpe]
//   [--workers N] [--json OUT] [--random N [--seed S]] [--walk-forward IS:OOS[:STEP]]
//   [--method grid|random|genetic [--population N] [--generations N] [--mutation-rate R]
//   [--crossover-rate R] [--elite N] [--tournament N] [--early-stop N[:MIN]|off] [--seed S]]
//   [--min-trades N] [--initial-cash N] [--fee-bps N] [--maker-fee-bps N] [--slippage-bps N]
//   [--resample INTERVAL] [--symbol S] [--top N] [--skip-bad-rows] [--worker-loader bundle|tsx]`
//   (DESIGN §7): ranked results on stdout, progress on stderr.
import { writeFileSync } from 'node:fs';
import {
  type Candles,
  DEFAULT_BACKTEST_CONFIG,
  enumerateGrid,
  type GeneticResult,
  type GridAxis,
  genomeSpace,
  isOptimizationCancelled,
  type ParamValues,
  parseGridSpec,
  parseMetric,
  parseWalkForward,
  type Ranking,
  randomSearch,
  reportConfig,
  resample,
  runGeneticSearch,
  runSearch,
  runWalkForward,
  walkForwardWindows,
} from '../../../engine-core/src';
import { generationPrinter } from '../optimizer/generation-printer';
import { GENETIC_FLAGS, geneticSettings } from '../optimizer/genetic-flags';
import { createNodePool, defaultWorkerCount } from '../optimizer/node-pool';
import {
  formatRanking,
  formatWalkForward,
  type OptimizeOutcome,
  optimizeJson,
  type SearchDescription,
} from '../optimizer/optimize-output';
import { progressPrinter } from '../optimizer/progress-printer';
import {
  CliError,
  costFlags,
  numberFlag,
  type ParsedArgs,
  parseArgs,
  runCli,
  single,
} from './cli-args';
import { loadCandleFile } from './load-candle-file';
import { loadStrategy } from './load-strategy';

const VALUE_FLAGS = [
  '--data',
  '--strategy',
  '--strategy-file',
  '--grid',
  '--metric',
  '--workers',
  '--json',
  '--random',
  '--seed',
  '--walk-forward',
  '--min-trades',
  '--initial-cash',
  '--fee-bps',
  '--maker-fee-bps',
  '--slippage-bps',
  '--resample',
  '--symbol',
  '--top',
  '--worker-loader',
  '--method',
  ...GENETIC_FLAGS,
];

/** An integer flag within bounds, or the fallback. */
function intFlag(
  args: ParsedArgs,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = numberFlag(args, flag, fallback, min, max);
  if (!Number.isInteger(n)) throw new CliError(`${flag}: ${n} is not an integer`);
  return n;
}

function loadCandles(args: ParsedArgs, dataFile: string): Candles {
  let candles = loadCandleFile(args, dataFile).candles;
  const interval = single(args, '--resample');
  if (interval !== undefined) {
    const r = resample(candles, interval);
    if (!r.ok) throw new CliError(`--resample: ${r.error}`);
    candles = r.value.candles;
  }
  return candles;
}

runCli(async () => {
  const parsed = parseArgs(process.argv.slice(2), VALUE_FLAGS, ['--skip-bad-rows']);
  if (!parsed.ok) throw new CliError(parsed.error);
  const args = parsed.value;
  const dataFile = single(args, '--data');
  if (dataFile === undefined) throw new CliError('--data FILE is required');
  const loaded = loadStrategy(args);
  const strategy = { value: loaded.strategy };
  const specs = strategy.value.params;

  const gridSpecs = args.values.get('--grid') ?? [];
  const axes: GridAxis[] = [];
  for (const spec of gridSpecs) {
    const axis = parseGridSpec(spec);
    if (!axis.ok) throw new CliError(`--grid ${axis.error}`);
    axes.push(axis.value);
  }
  const metric = parseMetric(single(args, '--metric') ?? 'sharpe');
  if (!metric.ok) throw new CliError(`--metric: ${metric.error}`);
  const minTrades = intFlag(args, '--min-trades', 0, 0, Number.MAX_SAFE_INTEGER);
  const top = intFlag(args, '--top', 10, 1, Number.MAX_SAFE_INTEGER);
  const methodName = single(args, '--method') ?? (args.values.has('--random') ? 'random' : 'grid');
  if (methodName !== 'grid' && methodName !== 'random' && methodName !== 'genetic')
    throw new CliError(`--method: "${methodName}" is not grid, random or genetic`);
  const genetic = methodName === 'genetic';
  if (methodName === 'random' && !args.values.has('--random'))
    throw new CliError('--method random needs --random N');
  if (methodName !== 'random' && args.values.has('--random'))
    throw new CliError(`--random N is --method random, not ${methodName}`);
  const gaFlag = GENETIC_FLAGS.find((f) => args.values.has(f));
  if (!genetic && gaFlag !== undefined) throw new CliError(`${gaFlag} needs --method genetic`);
  const randomCount = args.values.has('--random')
    ? intFlag(args, '--random', 0, 1, 10_000_000)
    : null;
  if (randomCount === null && !genetic && args.values.has('--seed'))
    throw new CliError('--seed needs --random N or --method genetic');
  const seed = intFlag(args, '--seed', 1, 0, 2 ** 32 - 1);
  if (genetic && axes.length === 0)
    throw new CliError('--method genetic searches the grid: give --grid name=from:to:step');
  if (randomCount === null && axes.length === 0)
    throw new CliError('give --grid name=from:to:step (one per parameter) or --random N');
  const wfText = single(args, '--walk-forward');
  if (genetic && wfText !== undefined)
    throw new CliError('--walk-forward runs a grid or random search, not --method genetic');
  const wfSpec = wfText === undefined ? null : parseWalkForward(wfText);
  if (wfSpec !== null && !wfSpec.ok) throw new CliError(`--walk-forward ${wfSpec.error}`);
  const ga = genetic ? geneticSettings(args, seed) : null;
  const loader = single(args, '--worker-loader') ?? 'bundle';
  if (loader !== 'bundle' && loader !== 'tsx')
    throw new CliError(`--worker-loader: "${loader}" is not bundle or tsx`);

  const config = { ...DEFAULT_BACKTEST_CONFIG, ...costFlags(args, DEFAULT_BACKTEST_CONFIG) };

  const space = ga === null ? null : genomeSpace(specs, axes);
  if (space !== null && !space.ok) throw new CliError(`--grid ${space.error}`);
  const sets =
    ga !== null
      ? { ok: true as const, value: [] as ParamValues[] }
      : randomCount === null
        ? enumerateGrid(specs, axes)
        : randomSearch(specs, axes, randomCount, seed);
  if (!sets.ok) throw new CliError(`--grid ${sets.error}`);
  const params: ParamValues[] = sets.value;
  if (ga === null && params.length === 0) throw new CliError('the search has no parameter sets');
  const most = ga === null ? params.length : ga.populationSize;
  const workers = intFlag(args, '--workers', Math.min(defaultWorkerCount(), most), 1, 256);

  const candles = loadCandles(args, dataFile);
  const windows = wfSpec === null ? null : walkForwardWindows(candles.length, wfSpec.value);
  if (windows !== null && !windows.ok) throw new CliError(windows.error);

  const objective = { metric: metric.value, minTrades };
  const what =
    ga !== null && space?.ok
      ? `genetic search of ${space.value.size} combinations (${gridSpecs.join(' ')}; population ${ga.populationSize}, up to ${ga.maxGenerations} generations, seed ${seed})`
      : randomCount === null
        ? `grid of ${params.length} (${gridSpecs.join(' ')})`
        : `${params.length} random sets (seed ${seed}${gridSpecs.length ? `, ${gridSpecs.join(' ')}` : ''})`;
  process.stdout.write(
    `${strategy.value.name} on ${candles.symbol} ${candles.interval}: ${candles.length} bars; ${what}; ${workers} worker${workers === 1 ? '' : 's'}\n`,
  );

  const pool = createNodePool(workers, { loader });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const bar = progressPrinter(process.stderr, 'optimize');
  const generations = generationPrinter(process.stderr, metric.value);
  const onProgress = (p: Parameters<typeof bar>[0]) => {
    generations(p);
    bar(p);
  };
  const dataset = { candles, strategy: loaded.source ?? strategy.value.name, config };
  let outcome: OptimizeOutcome;
  try {
    pool.load(dataset);
    let ranking: Ranking;
    let walkForward: OptimizeOutcome['walkForward'];
    let gaResult: GeneticResult | null = null;
    if (ga !== null && space?.ok) {
      gaResult = await runGeneticSearch(pool, space.value, objective, ga, {
        signal: abort.signal,
        onProgress,
        now: () => performance.now(),
      });
      ranking = gaResult.ranking;
    } else if (wfSpec === null) {
      ranking = await runSearch(pool, params, objective, { signal: abort.signal, onProgress });
    } else {
      const result = await runWalkForward(
        pool,
        { candles, strategy: strategy.value, config, params, objective, spec: wfSpec.value },
        { signal: abort.signal, onProgress, now: () => performance.now() },
      );
      ranking = result.lastRanking;
      walkForward = { spec: wfSpec.value, result };
    }
    const search: SearchDescription =
      ga !== null && gaResult !== null && space?.ok
        ? {
            mode: 'genetic',
            ranges: gridSpecs,
            seed,
            population: ga.populationSize,
            max_generations: ga.maxGenerations,
            mutation_rate: ga.mutationRate,
            crossover_rate: ga.crossoverRate,
            elite: ga.eliteCount,
            tournament: ga.tournamentSize,
            early_stop:
              ga.earlyStop === null
                ? null
                : {
                    generations: ga.earlyStop.generations,
                    min_improvement: ga.earlyStop.minImprovement,
                  },
            generations: gaResult.generations.length,
            evaluations: gaResult.evaluations,
            space: space.value.size,
            stop: gaResult.stop,
          }
        : randomCount === null
          ? { mode: 'grid', grid: gridSpecs, combinations: params.length }
          : { mode: 'random', ranges: gridSpecs, samples: params.length, seed };
    outcome = {
      metric: metric.value,
      strategy: strategy.value.name,
      candles,
      config: reportConfig(config),
      search,
      minTrades,
      ranking,
      ...(walkForward === undefined ? {} : { walkForward }),
    };
  } catch (e) {
    if (isOptimizationCancelled(e)) {
      process.stderr.write(`optimize: ${(e as Error).message}\n`);
      process.exit(130);
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    await pool.terminate();
  }

  const s = outcome.search;
  const lines = [
    ...(s.mode === 'genetic'
      ? [
          `genetic: ${s.generations} generation${s.generations === 1 ? '' : 's'}, ${s.evaluations} runs of ${s.space} combinations (${((s.evaluations / s.space) * 100).toFixed(1)}%), stopped: ${s.stop.replace('_', ' ')}`,
        ]
      : []),
    ...formatWalkForward(outcome),
    `${outcome.walkForward ? 'last in-sample window, ' : ''}ranked by ${metric.value}${minTrades > 0 ? `, at least ${minTrades} trade${minTrades === 1 ? '' : 's'}` : ''}: ${outcome.ranking.ranked.length} runs${outcome.ranking.excluded ? `, ${outcome.ranking.excluded} left out` : ''}`,
    ...formatRanking(outcome.ranking, metric.value, top),
    ...(outcome.ranking.failed.length > 0
      ? [
          `  ${outcome.ranking.failed.length} run${outcome.ranking.failed.length === 1 ? '' : 's'} failed (the strategy threw; left out), first: ${JSON.stringify(outcome.ranking.failed[0]?.params)}: ${outcome.ranking.failed[0]?.failure}`,
        ]
      : []),
    ...(outcome.ranking.ranked[0]?.summary.trades === 0
      ? ['  (the best run never traded: --min-trades N leaves runs with fewer trades out)']
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const jsonOut = single(args, '--json');
  if (jsonOut !== undefined) {
    try {
      writeFileSync(jsonOut, optimizeJson(outcome));
    } catch (e) {
      throw new CliError(
        `cannot write ${jsonOut}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
});
