import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createWorkerPool, type OptimizerPool } from '../../../engine-core/src/optimizer';
import { ensureWorkerBundle } from './worker-bundle';

/** How the workers load their code. */
export type WorkerLoader = 'bundle' | 'tsx';

/** Options of `createNodePool`. */
export interface NodePoolOptions {
  /**
   * `bundle` (default): an esbuild bundle of worker-entry.ts under plain node, built when stale.
   * `tsx`: worker-entry.ts itself through the tsx loader (no build; slower to start and to run).
   */
  readonly loader?: WorkerLoader;
}

const ENTRY_TS = new URL('./worker-entry.ts', import.meta.url).href;
/** A worker script that registers tsx's loader, then imports the .ts entry. */
const TSX_BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY_TS)}); });`;

/** Workers by default: one per core the process may use. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A pool of `workers` Node `worker_threads` workers running the optimizer handler, with
 * `performance.now` as the progress clock. Load a data set, evaluate, then `terminate()`.
 */
export function createNodePool(workers: number, options: NodePoolOptions = {}): OptimizerPool {
  if (!Number.isInteger(workers) || workers < 1)
    throw new RangeError(`workers must be an integer ≥ 1, got ${workers}`);
  const ports = Array.from({ length: workers }, () =>
    (options.loader ?? 'bundle') === 'bundle'
      ? // Workers inherit the parent's execArgv (tsx's loader under `npm run optimize` and
        // vitest); the bundle needs none of it.
        new Worker(ensureWorkerBundle(), { execArgv: [] })
      : // `--import tsx` in a worker's execArgv does not register tsx's hooks there (Node 20:
        // "Unknown file extension .ts"); registering from inside the worker does.
        new Worker(TSX_BOOT, { eval: true, execArgv: [] }),
  );
  return createWorkerPool(ports, { now: () => performance.now() });
}
