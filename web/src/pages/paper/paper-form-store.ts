import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { SAMPLE_ID } from '../../data/dataset-store';
import type { PaperFeedSpec } from '../../paper/paper-api';
import type { StrategyChoice } from '../backtest/backtest-form-store';

/** The replay speeds offered (market time per wall time); Infinity = as fast as possible. */
export const REPLAY_SPEEDS: readonly number[] = [1, 10, 60, 600, 3600, Number.POSITIVE_INFINITY];

/** `60×`, `max` */
export const speedLabel = (s: number): string => (Number.isFinite(s) ? `${s}×` : 'max');

/** The Paper page's choices: feed, strategy and its params. Remembered across visits. */
export interface PaperFormState {
  readonly symbol: string;
  readonly source: 'binance' | 'replay';
  readonly datasetId: string;
  /** Index into `REPLAY_SPEEDS` (Infinity does not survive JSON). */
  readonly speedIndex: number;
  readonly strategy: StrategyChoice;
  /** Param texts as typed, per strategy key. */
  readonly params: Readonly<Record<string, Readonly<Record<string, string>>>>;
  set(
    patch: Partial<
      Pick<PaperFormState, 'symbol' | 'source' | 'datasetId' | 'speedIndex' | 'strategy'>
    >,
  ): void;
  setParam(key: string, name: string, text: string): void;
  resetParams(key: string): void;
}

/** The form's store (persisted in localStorage as `veloz-paper-form`). */
export const paperFormStore = createStore<PaperFormState>()(
  persist(
    (set) => ({
      symbol: 'BTCUSDT',
      source: 'replay',
      datasetId: SAMPLE_ID,
      speedIndex: 3,
      strategy: { kind: 'builtin', name: 'sma-cross' },
      params: {},
      set: (patch) => set(patch),
      setParam: (key, name, text) =>
        set((s) => ({ params: { ...s.params, [key]: { ...s.params[key], [name]: text } } })),
      resetParams: (key) =>
        set((s) => {
          const { [key]: _dropped, ...rest } = s.params;
          return { params: rest };
        }),
    }),
    {
      name: 'veloz-paper-form',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        symbol: s.symbol,
        source: s.source,
        datasetId: s.datasetId,
        speedIndex: s.speedIndex,
        strategy: s.strategy,
        params: s.params,
      }),
    },
  ),
);

/** Reads the form store through a selector. */
export function usePaperForm<T>(selector: (s: PaperFormState) => T): T {
  return useStore(paperFormStore, selector);
}

/** The feed the form describes. */
export function feedOfForm(
  s: Pick<PaperFormState, 'symbol' | 'source' | 'datasetId' | 'speedIndex'>,
): PaperFeedSpec {
  return s.source === 'binance'
    ? { source: 'binance', symbol: s.symbol }
    : {
        source: 'replay',
        symbol: s.symbol,
        datasetId: s.datasetId,
        speed: REPLAY_SPEEDS[s.speedIndex] ?? 60,
      };
}

/** True when two feed specs describe the same feed. */
export function sameFeed(a: PaperFeedSpec | null, b: PaperFeedSpec | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.source !== b.source || a.symbol !== b.symbol) return false;
  if (a.source === 'replay' && b.source === 'replay')
    return a.datasetId === b.datasetId && a.speed === b.speed;
  return true;
}
