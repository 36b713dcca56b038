import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type DatasetMeta, listDatasets } from './dataset-store';

/** TanStack Query key of the dataset list (the shell invalidates it after the sample is stored). */
export const DATASETS_KEY = ['datasets'] as const;

/** The datasets in IndexedDB, newest first, the sample last. */
export function useDatasets() {
  return useQuery<DatasetMeta[]>({ queryKey: DATASETS_KEY, queryFn: listDatasets });
}

/** A function that refetches the dataset list (after a save or a delete). */
export function useInvalidateDatasets(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: DATASETS_KEY }), [client]);
}
