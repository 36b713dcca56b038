import { useQuery } from '@tanstack/react-query';
import { DATASETS_KEY } from '../../data/dataset-queries';
import { type DatasetMeta, listDatasets } from '../../data/dataset-store';
import { ensureSampleOnce } from '../../data/use-ensure-sample';
import type { CompileCheck, StrategyInfo, StrategyRef } from '../../engine/engine-api';
import { engineClient } from '../../engine/engine-client';
import { fileNameOf, listStrategies, type StoredStrategy } from '../../strategies';
import type { StrategyChoice } from './backtest-form-store';

/** The stored datasets (the sample is put in place first, so a first start lists it). */
export function useDatasets() {
  return useQuery<DatasetMeta[]>({
    queryKey: DATASETS_KEY,
    queryFn: async () => {
      await ensureSampleOnce();
      return listDatasets();
    },
  });
}

/** The built-in strategies and their param schemas, from the engine worker. */
export function useBuiltinStrategies() {
  return useQuery<StrategyInfo[]>({
    queryKey: ['engine', 'strategies'],
    queryFn: () => engineClient.api.strategies(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The user's strategies (the editor's), re-read whenever the page mounts. */
export function useUserStrategies() {
  return useQuery<StoredStrategy[]>({
    queryKey: ['backtest', 'user-strategies'],
    queryFn: listStrategies,
    refetchOnMount: 'always',
  });
}

/** A strategy's name, description and params with what the worker runs, or why it can't run. */
export type StrategySpec =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly info: StrategyInfo; readonly ref: StrategyRef }
  | { readonly state: 'error'; readonly error: string };

/** The spec of the chosen strategy: looked up among the built-ins, or compiled by the worker. */
export function useStrategySpec(choice: StrategyChoice): StrategySpec {
  const builtins = useBuiltinStrategies();
  const users = useUserStrategies();
  const stored =
    choice.kind === 'user' ? (users.data?.find((s) => s.id === choice.id) ?? null) : null;
  const fileName = stored ? fileNameOf(stored.name) : '';
  const check = useQuery<CompileCheck>({
    queryKey: ['engine', 'check', fileName, stored?.source],
    queryFn: () => engineClient.api.check(stored?.source ?? '', fileName),
    enabled: stored !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (choice.kind === 'builtin') {
    if (builtins.error) return { state: 'error', error: String(builtins.error) };
    if (!builtins.data) return { state: 'loading' };
    const info = builtins.data.find((s) => s.name === choice.name);
    return info
      ? { state: 'ok', info, ref: { kind: 'builtin', name: info.name } }
      : {
          state: 'error',
          error: `unknown strategy "${choice.name}" (known: ${builtins.data.map((s) => s.name).join(', ')})`,
        };
  }
  if (users.error) return { state: 'error', error: String(users.error) };
  if (!users.data) return { state: 'loading' };
  if (stored === null)
    return { state: 'error', error: 'this strategy is no longer in the editor (deleted?)' };
  if (check.error) return { state: 'error', error: String(check.error) };
  if (!check.data) return { state: 'loading' };
  return check.data.ok
    ? {
        state: 'ok',
        info: check.data.strategy,
        ref: { kind: 'source', source: stored.source, fileName },
      }
    : { state: 'error', error: check.data.error };
}
