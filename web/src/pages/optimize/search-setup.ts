import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type BacktestConfig, DEFAULT_BACKTEST_CONFIG } from '../../../../engine-core/src/backtest';
import {
  type GridAxis,
  metricDirection,
  walkForwardWindows,
} from '../../../../engine-core/src/optimizer';
import { type ParamSpec, STRATEGIES } from '../../../../engine-core/src/strategy';
import { compileStrategy } from '../../../../engine-core/src/strategy/compile-strategy';
import { useDatasets } from '../../data/dataset-queries';
import type { DatasetMeta } from '../../data/dataset-store';
import { fileNameOf, listStrategies, type StoredStrategy } from '../../strategies';
import {
  type CostForm,
  type OptimizeForm,
  rangesFor,
  useOptimizeForm,
} from './optimize-form-store';
import type { OptimizeRequest } from './optimize-run';
import {
  MAX_UI_COMBINATIONS,
  type MethodForm,
  type ParamRange,
  parseMethod,
  type RangeErrors,
  rangesToAxes,
} from './search-spec';

/** A strategy the form can pick. */
export interface StrategyOption {
  readonly key: string;
  readonly label: string;
  readonly group: 'builtin' | 'user';
}

/** Everything the form shows and the request it makes when all is valid. */
export interface SearchSetup {
  readonly form: OptimizeForm;
  readonly datasets: readonly DatasetMeta[];
  readonly dataset: DatasetMeta | null;
  readonly strategies: readonly StrategyOption[];
  readonly specs: readonly ParamSpec[];
  readonly ranges: readonly ParamRange[];
  readonly rangeErrors: RangeErrors;
  /** Runs the search will make (null while it cannot be computed). */
  readonly runs: number | null;
  /** What the count of runs means ("9 combinations", "3 windows × 9"). */
  readonly runsText: string;
  /** The first thing that stops a run, or null. */
  readonly problem: string | null;
  readonly request: OptimizeRequest | null;
}

/** The user's saved strategies (the editor's IndexedDB), for the strategy select. */
export const USER_STRATEGIES_KEY = ['user-strategies'] as const;

function costConfig(c: CostForm): BacktestConfig | string {
  const n = (t: string) => (t.trim() === '' ? Number.NaN : Number(t));
  const cash = n(c.initialCash);
  const fee = n(c.feeBps);
  const slip = n(c.slippageBps);
  if (!(cash > 0) || !Number.isFinite(cash)) return `initial cash: "${c.initialCash}" must be > 0`;
  if (!(fee >= 0 && fee <= 10_000)) return `fee: "${c.feeBps}" must be 0…10000 bps`;
  if (!(slip >= 0 && slip <= 10_000)) return `slippage: "${c.slippageBps}" must be 0…10000 bps`;
  return {
    ...DEFAULT_BACKTEST_CONFIG,
    initialCash: cash,
    feeBps: fee,
    makerFeeBps: fee,
    slippageBps: slip,
  };
}

const methodForm = (f: OptimizeForm): MethodForm =>
  f.methodKind === 'genetic'
    ? { kind: 'genetic', ...f.genetic, seed: f.seed }
    : f.methodKind === 'random'
      ? { kind: 'random', samples: f.samples, seed: f.seed }
      : f.methodKind === 'walk-forward'
        ? { kind: 'walk-forward', inSample: f.inSample, outOfSample: f.outOfSample, step: f.wfStep }
        : { kind: 'grid' };

/** Reads the form and checks it: the param specs of the chosen strategy, the axes, the request. */
export function useSearchSetup(): SearchSetup {
  const form = useOptimizeForm((s) => s);
  const datasets = useDatasets().data ?? [];
  const users = useQuery<StoredStrategy[]>({
    queryKey: USER_STRATEGIES_KEY,
    queryFn: listStrategies,
  });

  const user = form.strategyKey.startsWith('user:')
    ? (users.data?.find((s) => `user:${s.id}` === form.strategyKey) ?? null)
    : null;
  const builtin = STRATEGIES.get(form.strategyKey) ?? null;
  const compiled = useMemo(
    () => (user === null ? null : compileStrategy(user.source, fileNameOf(user.name))),
    [user],
  );

  const strategies: StrategyOption[] = [
    ...[...STRATEGIES.keys()].map(
      (name): StrategyOption => ({ key: name, label: name, group: 'builtin' }),
    ),
    ...(users.data ?? []).map(
      (s): StrategyOption => ({ key: `user:${s.id}`, label: `${s.name}.ts`, group: 'user' }),
    ),
  ];

  let problem: string | null = null;
  let specs: readonly ParamSpec[] = [];
  if (builtin !== null) specs = builtin.params;
  else if (compiled?.ok) specs = compiled.value.strategy.params;
  else if (compiled !== null && !compiled.ok)
    problem = `the strategy does not compile: ${compiled.error}`;
  else problem = users.isPending ? 'loading the strategies…' : 'pick a strategy';

  const dataset = datasets.find((d) => d.id === form.datasetId) ?? null;
  if (dataset === null && problem === null)
    problem = datasets.length ? 'pick a dataset' : 'loading the datasets…';

  const ranges = rangesFor(specs, form.ranges[form.strategyKey]);
  const axes = rangesToAxes(specs, ranges);
  const rangeErrors = axes.ok ? {} : axes.errors;
  if (!axes.ok && problem === null) problem = 'fix the param ranges';

  const method = parseMethod(methodForm(form), dataset?.rows ?? Number.MAX_SAFE_INTEGER);
  if (!method.ok && problem === null) problem = method.error;

  let runs: number | null = null;
  let runsText = '';
  if (axes.ok && method.ok) {
    const m = method.method;
    if (m.kind === 'random') {
      runs = m.samples;
      runsText = `${m.samples} random samples (seed ${m.seed}) of ${axes.combinations.toLocaleString('en')} combinations`;
    } else if (m.kind === 'genetic') {
      const s = m.settings;
      runs = Math.min(axes.combinations, s.populationSize * s.maxGenerations);
      runsText = `genetic: at most ${runs.toLocaleString('en')} runs (population ${s.populationSize} × ${s.maxGenerations} generations, seed ${s.seed}) of ${axes.combinations.toLocaleString('en')} combinations`;
    } else {
      runs = axes.combinations;
      runsText = `${axes.combinations.toLocaleString('en')} combination${axes.combinations === 1 ? '' : 's'}`;
      if (axes.combinations > MAX_UI_COMBINATIONS && problem === null)
        problem = `too many for a grid in the page (at most ${MAX_UI_COMBINATIONS.toLocaleString('en')}): narrow the ranges or use random search`;
      if (m.kind === 'walk-forward' && dataset !== null) {
        const w = walkForwardWindows(dataset.rows, m);
        if (w.ok) {
          runs = axes.combinations * w.value.length;
          runsText = `${w.value.length} windows × ${runsText}`;
        } else if (problem === null) problem = w.error;
      }
    }
  }

  const minTrades = Number(form.minTrades);
  if (!(Number.isInteger(minTrades) && minTrades >= 0) && problem === null)
    problem = `min trades: "${form.minTrades}" is not a whole number ≥ 0`;
  const workers = Number(form.workers);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64) && problem === null)
    problem = `workers: "${form.workers}" is not within 1…64`;
  const config = costConfig(form.costs);
  if (typeof config === 'string' && problem === null) problem = config;

  let request: OptimizeRequest | null = null;
  if (problem === null && axes.ok && method.ok && typeof config !== 'string' && dataset !== null) {
    request = {
      datasetId: dataset.id,
      link:
        user !== null ? { kind: 'user', id: user.id } : { kind: 'builtin', name: form.strategyKey },
      strategy:
        user !== null ? { source: user.source, fileName: fileNameOf(user.name) } : form.strategyKey,
      specs,
      axes: axes.axes as GridAxis[],
      method: method.method,
      objective: { metric: form.metric, minTrades },
      config,
      workers,
    };
  }
  return {
    form,
    datasets,
    dataset,
    strategies,
    specs,
    ranges,
    rangeErrors,
    runs,
    runsText,
    problem,
    request,
  };
}

/** `maximize` or `minimize`, as the optimizer ranks the metric. */
export const directionWord = (m: OptimizeForm['metric']): string =>
  metricDirection(m) === 'max' ? 'maximize' : 'minimize';
