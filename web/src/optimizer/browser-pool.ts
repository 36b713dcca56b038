import { createWorkerPool, type OptimizerPool } from '../../../engine-core/src/optimizer';

/** Workers by default in the page: all cores but one (the UI keeps one), at least one. */
export function defaultBrowserWorkers(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

/**
 * The optimizer pool in the browser: `workers` Web Workers running the same handler as Node's
 * `worker_threads` pool, behind the same `OptimizerPool` interface. Candles are shared through
 * a SharedArrayBuffer when the page is cross-origin isolated (the server sends COOP/COEP),
 * else posted once per worker.
 */
export function createBrowserPool(workers = defaultBrowserWorkers()): OptimizerPool {
  const ports = Array.from(
    { length: workers },
    () => new Worker(new URL('./optimizer-worker.ts', import.meta.url), { type: 'module' }),
  );
  return createWorkerPool(ports, { now: () => performance.now() });
}
