import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { DEFAULT_BACKTEST_CONFIG } from '../../../../engine-core/src/backtest/backtest-config';
import { type CostField, type CostTexts, costTexts } from './form-validation';

/** The strategy the form runs: a built-in by name, or one of the user's (editor) by id. */
export type StrategyChoice =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'user'; readonly id: string };

/** The Backtest form: what to run, on what, with which costs. Remembered across visits. */
export interface BacktestFormState {
  readonly datasetId: string | null;
  readonly strategy: StrategyChoice;
  /** Param texts as typed, per strategy (`strategyKey`), so switching back keeps them. */
  readonly params: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly costs: CostTexts;
  setDataset(id: string): void;
  setStrategy(choice: StrategyChoice): void;
  setParam(key: string, name: string, text: string): void;
  resetParams(key: string): void;
  setCost(field: CostField, text: string): void;
  resetCosts(): void;
}

/** The reference strategy (DESIGN §4), selected on first start. */
export const DEFAULT_STRATEGY: StrategyChoice = { kind: 'builtin', name: 'sma-cross' };

/** Key of a strategy's param texts, and its value in the strategy select. */
export function strategyKey(choice: StrategyChoice): string {
  return choice.kind === 'builtin' ? `builtin:${choice.name}` : `user:${choice.id}`;
}

/** The choice of a `strategyKey` (`builtin:NAME`, `user:ID`); a bare name is a built-in. */
export function parseStrategyKey(key: string): StrategyChoice | null {
  if (key.startsWith('user:')) return key.length > 5 ? { kind: 'user', id: key.slice(5) } : null;
  const name = key.startsWith('builtin:') ? key.slice(8) : key;
  return name ? { kind: 'builtin', name } : null;
}

/** The form's store (vanilla zustand, persisted in localStorage as `veloz-backtest-form`). */
export const backtestFormStore = createStore<BacktestFormState>()(
  persist(
    (set) => ({
      datasetId: null,
      strategy: DEFAULT_STRATEGY,
      params: {},
      costs: costTexts(DEFAULT_BACKTEST_CONFIG),
      setDataset: (id) => set({ datasetId: id }),
      setStrategy: (choice) => set({ strategy: choice }),
      setParam: (key, name, text) =>
        set((s) => ({ params: { ...s.params, [key]: { ...s.params[key], [name]: text } } })),
      resetParams: (key) =>
        set((s) => {
          const { [key]: _dropped, ...rest } = s.params;
          return { params: rest };
        }),
      setCost: (field, text) => set((s) => ({ costs: { ...s.costs, [field]: text } })),
      resetCosts: () => set({ costs: costTexts(DEFAULT_BACKTEST_CONFIG) }),
    }),
    {
      name: 'veloz-backtest-form',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        datasetId: s.datasetId,
        strategy: s.strategy,
        params: s.params,
        costs: s.costs,
      }),
    },
  ),
);

/** Reads the form store through a selector (re-renders only when the selected value changes). */
export function useBacktestForm<T>(selector: (s: BacktestFormState) => T): T {
  return useStore(backtestFormStore, selector);
}

/**
 * Selects one of the user's strategies (the editor's IndexedDB id) in the Backtest form: the
 * editor calls this, then navigates to `/backtest` (or links to `/backtest?strategy=user:ID`).
 */
export function openStrategyInBacktest(id: string): void {
  backtestFormStore.getState().setStrategy({ kind: 'user', id });
}

const COST_KEYS = ['initialCash', 'feeBps', 'makerFeeBps', 'slippageBps'] as const;

/**
 * Applies a `/backtest?dataset=ID&strategy=KEY&p.NAME=VALUE…&feeBps=…` query, the link other pages
 * (Optimize's result rows) use to prepare a run. KEY is `sma-cross`, `builtin:sma-cross` or
 * `user:ID`. With a strategy, the link describes the whole run: that strategy's params become the
 * `p.*` given (others their default) and the costs the defaults with the ones given
 * (`initialCash`, `feeBps`, `makerFeeBps`, `slippageBps`).
 */
export function applyBacktestQuery(search: string): void {
  const q = new URLSearchParams(search);
  const s = backtestFormStore.getState();
  const dataset = q.get('dataset');
  if (dataset) s.setDataset(dataset);
  const strategy = parseStrategyKey(q.get('strategy') ?? '');
  if (strategy === null) return;
  const params: Record<string, string> = {};
  for (const [k, v] of q) if (k.startsWith('p.') && k.length > 2) params[k.slice(2)] = v;
  const costs: Record<CostField, string> = { ...costTexts(DEFAULT_BACKTEST_CONFIG) };
  for (const k of COST_KEYS) {
    const v = q.get(k);
    if (v !== null) costs[k] = v;
  }
  const key = strategyKey(strategy);
  backtestFormStore.setState((st) => ({
    strategy,
    params: { ...st.params, [key]: params },
    costs,
  }));
}
