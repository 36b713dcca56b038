import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { DEFAULT_GENETIC_SETTINGS, type MetricName } from '../../../../engine-core/src/optimizer';
import type { ParamSpec } from '../../../../engine-core/src/strategy';
import { defaultBrowserWorkers } from '../../optimizer/browser-pool';
import { defaultRanges, type MethodForm, type ParamRange } from './search-spec';

/** The cost fields of the form, as typed. */
export interface CostForm {
  readonly initialCash: string;
  readonly feeBps: string;
  readonly slippageBps: string;
}

/** The genetic search fields, as typed. */
export type GeneticForm = Omit<Extract<MethodForm, { kind: 'genetic' }>, 'kind' | 'seed'>;

/** The Optimize form as typed. Remembered across visits. */
export interface OptimizeForm {
  readonly datasetId: string;
  /** `sma-cross` for a built-in, `user:ID` for a saved strategy. */
  readonly strategyKey: string;
  /** The param rows per strategy key, so switching back keeps them. */
  readonly ranges: Readonly<Record<string, readonly ParamRange[]>>;
  readonly metric: MetricName;
  readonly minTrades: string;
  readonly methodKind: MethodForm['kind'];
  readonly samples: string;
  readonly seed: string;
  readonly inSample: string;
  readonly outOfSample: string;
  readonly wfStep: string;
  /** The genetic settings as typed (`seed` is shared with random search). */
  readonly genetic: GeneticForm;
  readonly workers: string;
  readonly costs: CostForm;
}

interface FormStore extends OptimizeForm {
  patch(change: Partial<OptimizeForm>): void;
  setRanges(key: string, ranges: readonly ParamRange[]): void;
}

const initial = (): OptimizeForm => ({
  datasetId: 'sample',
  strategyKey: 'sma-cross',
  ranges: {},
  metric: 'sharpe',
  minTrades: '1',
  methodKind: 'grid',
  samples: '200',
  seed: '1',
  inSample: '2000',
  outOfSample: '500',
  wfStep: '',
  genetic: {
    population: String(DEFAULT_GENETIC_SETTINGS.populationSize),
    generations: String(DEFAULT_GENETIC_SETTINGS.maxGenerations),
    mutationRate: String(DEFAULT_GENETIC_SETTINGS.mutationRate),
    crossoverRate: String(DEFAULT_GENETIC_SETTINGS.crossoverRate),
    elite: String(DEFAULT_GENETIC_SETTINGS.eliteCount),
    tournament: String(DEFAULT_GENETIC_SETTINGS.tournamentSize),
    stall: String(DEFAULT_GENETIC_SETTINGS.earlyStop?.generations ?? ''),
    minImprovement: String(DEFAULT_GENETIC_SETTINGS.earlyStop?.minImprovement ?? 0),
  },
  workers: String(defaultBrowserWorkers()),
  costs: { initialCash: '10000', feeBps: '10', slippageBps: '0' },
});

/** The form's store (vanilla zustand, persisted in localStorage as `veloz-optimize-form`). */
export const optimizeFormStore = createStore<FormStore>()(
  persist(
    (set) => ({
      ...initial(),
      patch: (change) => set(change),
      setRanges: (key, ranges) => set((s) => ({ ranges: { ...s.ranges, [key]: ranges } })),
    }),
    {
      name: 'veloz-optimize-form',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ patch: _p, setRanges: _s, ...form }) => form,
    },
  ),
);

/** Reads the form through a selector. */
export function useOptimizeForm<T>(selector: (s: FormStore) => T): T {
  return useStore(optimizeFormStore, selector);
}

/**
 * The rows for a strategy's params: the remembered ones where a row still fits its param (same
 * name and kind), else the schema's defaults (`defaultRanges`).
 */
export function rangesFor(
  specs: readonly ParamSpec[],
  remembered: readonly ParamRange[] | undefined,
): ParamRange[] {
  const defaults = defaultRanges(specs);
  return defaults.map((d) => {
    const r = remembered?.find((x) => x.name === d.name);
    return r !== undefined && r.kind === d.kind ? r : d;
  });
}
