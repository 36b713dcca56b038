import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DATASETS_KEY } from './dataset-queries';
import { type DatasetMeta, ensureSample } from './dataset-store';

let firstStart: Promise<DatasetMeta> | null = null;

/**
 * `ensureSample()` once per page load, however many callers (the shell and the Data page; React's
 * strict mode runs effects twice). Within a session a deleted sample stays deleted until the user
 * re-creates it; the next load brings it back. A failure lets the next call try again.
 */
export function ensureSampleOnce(): Promise<DatasetMeta> {
  firstStart ??= ensureSample().catch((e: unknown) => {
    firstStart = null;
    throw e;
  });
  return firstStart;
}

/** Whether the first-start sample is in place yet. */
export type SampleStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'ready' }
  | { readonly state: 'failed'; readonly message: string };

/**
 * Makes sure the bundled synthetic sample is in IndexedDB (first start), then refreshes the
 * dataset list. Uses the `QueryClientProvider` above it, or `client` when given (the shell,
 * which renders the provider itself, passes its own).
 */
export function useEnsureSample(client?: QueryClient): SampleStatus {
  const queryClient = useQueryClient(client);
  const [status, setStatus] = useState<SampleStatus>({ state: 'pending' });
  useEffect(() => {
    let live = true;
    ensureSampleOnce().then(
      () => {
        if (live) setStatus({ state: 'ready' });
        return queryClient.invalidateQueries({ queryKey: DATASETS_KEY });
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        if (live) setStatus({ state: 'failed', message });
      },
    );
    return () => {
      live = false;
    };
  }, [queryClient]);
  return status;
}
