import { IdbKlineCache } from './idb-kline-cache';

let cache: IdbKlineCache | null = null;

/** The app's kline cache (IndexedDB `veloz-klines`), opened on first use and kept open. */
export function sharedKlineCache(): IdbKlineCache {
  cache ??= new IdbKlineCache();
  return cache;
}
