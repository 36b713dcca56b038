// Narrow reads of the paper view. The engine sends the whole `PaperView` up to ~10×/s, as a new
// object each time (it crossed postMessage), so every array in it is new even when its rows are
// not: a pane reads its slice through `useViewSlice` with a row-wise equality and re-renders only
// when what it shows has changed.
import { useCallback, useRef, useSyncExternalStore } from 'react';

/** A readable store (a vanilla zustand store fits). */
export interface ViewStore<V> {
  getState(): V;
  subscribe(listener: () => void): () => void;
}

/** Same keys with `Object.is` values (one level: an object, or an array of scalars). */
export function sameShallow(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

/** Same length and each row `sameShallow` (rows of plain fields, or `[price, qty]` pairs). */
export function sameRows(a: readonly unknown[] | null, b: readonly unknown[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameShallow(a[i], b[i])) return false;
  return true;
}

/**
 * `select(view)`, kept as the previous value while `equal` says it has not changed, so a
 * component re-renders only for a real change. `select` and `equal` should be stable (module
 * functions); the selected value is recomputed once per new view.
 */
export function useViewSlice<V, T>(
  store: ViewStore<V>,
  select: (view: V) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const cache = useRef<{ view: V; value: T } | null>(null);
  const getSnapshot = useCallback((): T => {
    const view = store.getState();
    const c = cache.current;
    if (c !== null && c.view === view) return c.value;
    const next = select(view);
    const value = c !== null && equal(c.value, next) ? c.value : next;
    cache.current = { view, value };
    return value;
  }, [store, select, equal]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
