import type { ParamValues } from '../strategy';
import { assert } from '../util/assert';
import type { RunOutcome } from './evaluate-params';
import {
  checkRange,
  type EvaluateOptions,
  type Evaluator,
  guidedChunkSize,
  OptimizationCancelledError,
  type OptimizerDataset,
} from './evaluator';
import { ProgressMeter } from './progress';
import { shareCandles } from './shared-candles';
import { listenToPort, type WorkerPort } from './worker-port';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/** A pool of workers that evaluate param sets in parallel on one shared data set. */
export interface OptimizerPool extends Evaluator {
  /** Number of workers. */
  readonly size: number;
  /**
   * Shares the candles (one copy into a `SharedArrayBuffer`) and posts them, the strategy name
   * and the config to every worker, once. Later `evaluate` calls send only param sets.
   */
  load(dataset: OptimizerDataset): void;
  /** Stops every worker. Any running `evaluate` rejects. */
  terminate(): Promise<void>;
}

/** Options of `createWorkerPool`. */
export interface WorkerPoolOptions {
  /** A clock in ms for the elapsed time and ETA of the progress reports (none: null times). */
  readonly now?: () => number;
}

interface Run {
  readonly params: readonly ParamValues[];
  readonly from: number;
  readonly to: number;
  /** Fixed chunk size, or null for `guidedChunkSize`. */
  readonly chunk: number | null;
  readonly results: RunOutcome[];
  readonly meter: ProgressMeter;
  readonly onProgress: EvaluateOptions['onProgress'];
  readonly resolve: (s: RunOutcome[]) => void;
  readonly reject: (e: Error) => void;
  /** Next param set to hand out. */
  next: number;
  done: number;
  /** Batch id in flight → index of its first param set. */
  readonly inFlight: Map<number, { port: number; start: number; count: number }>;
}

/**
 * A pool over the given worker ports, each running `createWorkerHandler` on its side. One
 * `evaluate` at a time: the param sets go out in chunks, a new chunk to each worker as it
 * answers, and the summaries come back in the order of the param sets, whatever the number of
 * workers. A cancelled or failed `evaluate` terminates the pool (its workers may be mid-chunk).
 */
export function createWorkerPool(
  ports: readonly WorkerPort[],
  options: WorkerPoolOptions = {},
): OptimizerPool {
  let bars: number | null = null;
  let run: Run | null = null;
  let dead: string | null = null;
  let nextBatch = 1;

  const post = (port: number, m: WorkerRequest): void => (ports[port] as WorkerPort).postMessage(m);

  const finish = (): Run | null => {
    const r = run;
    run = null;
    return r;
  };

  const kill = (reason: string): Promise<void> => {
    if (dead === null) dead = reason;
    return Promise.all(ports.map((p) => p.terminate())).then(() => undefined);
  };

  const fail = (error: Error): void => {
    const r = finish();
    void kill(error.message);
    r?.reject(error);
  };

  const sendNext = (r: Run, port: number): void => {
    if (r.next >= r.params.length) return;
    const start = r.next;
    const left = r.params.length - start;
    const count = Math.min(r.chunk ?? guidedChunkSize(left, ports.length), left);
    r.next += count;
    const batch = nextBatch++;
    r.inFlight.set(batch, { port, start, count });
    post(port, {
      type: 'evaluate',
      batch,
      from: r.from,
      to: r.to,
      params: r.params.slice(start, start + count),
    });
  };

  const onReply = (port: number, data: unknown): void => {
    const m = data as WorkerReply;
    const r = run;
    if (r === null) return;
    const flight = r.inFlight.get(m.batch);
    if (flight === undefined || flight.port !== port) return;
    r.inFlight.delete(m.batch);
    if (m.type === 'failed') {
      fail(new Error(`optimizer worker ${port}: ${m.message}`));
      return;
    }
    for (let k = 0; k < flight.count; k++)
      r.results[flight.start + k] = m.summaries[k] as RunOutcome;
    r.done += flight.count;
    try {
      r.onProgress?.(r.meter.at(r.done));
    } catch (e) {
      fail(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (run !== r) return; // a progress callback may have aborted the run
    if (r.done === r.params.length) {
      finish();
      r.resolve(r.results);
      return;
    }
    sendNext(r, port);
  };

  ports.forEach((port, i) => {
    listenToPort(
      port,
      (data) => onReply(i, data),
      (message) => fail(new Error(`optimizer worker ${i} failed: ${message}`)),
    );
  });

  return {
    size: ports.length,

    load(dataset) {
      assert(dead === null && run === null, 'optimizer pool: load only while idle and running');
      const candles = shareCandles(dataset.candles);
      bars = dataset.candles.length;
      for (let i = 0; i < ports.length; i++)
        post(i, { type: 'load', candles, strategy: dataset.strategy, config: dataset.config });
    },

    evaluate(params, opts = {}) {
      if (dead !== null) return Promise.reject(new Error(`optimizer pool is terminated (${dead})`));
      if (run !== null)
        return Promise.reject(new Error('optimizer pool busy: one evaluate at a time'));
      if (bars === null) return Promise.reject(new Error('optimizer pool: load a data set first'));
      if (ports.length === 0) return Promise.reject(new Error('optimizer pool has no workers'));
      const range = checkRange(opts.range, bars);
      if (typeof range === 'string') return Promise.reject(new Error(range));
      const total = params.length;
      const meter = new ProgressMeter(total, options.now);
      const signal = opts.signal;
      if (signal?.aborted === true)
        return Promise.reject(
          new OptimizationCancelledError(`optimization cancelled after 0 of ${total} runs`),
        );
      return new Promise<RunOutcome[]>((resolve, reject) => {
        const onAbort = (): void => {
          const r = run;
          if (r === null) return;
          fail(
            new OptimizationCancelledError(
              `optimization cancelled after ${r.done} of ${total} runs`,
            ),
          );
        };
        const cleanUp = (): void => signal?.removeEventListener('abort', onAbort);
        const r: Run = {
          params,
          from: range.from,
          to: range.to,
          chunk: opts.chunkSize === undefined ? null : Math.max(1, Math.floor(opts.chunkSize)),
          results: new Array<RunOutcome>(total),
          meter,
          onProgress: opts.onProgress,
          resolve: (s) => {
            cleanUp();
            resolve(s);
          },
          reject: (e) => {
            cleanUp();
            reject(e);
          },
          next: 0,
          done: 0,
          inFlight: new Map(),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        run = r;
        try {
          r.onProgress?.(meter.at(0));
        } catch (e) {
          finish();
          r.reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (run !== r) return;
        if (total === 0) {
          finish();
          r.resolve([]);
          return;
        }
        for (let i = 0; i < ports.length; i++) sendNext(r, i);
      });
    },

    terminate() {
      const r = finish();
      const done = kill('terminated');
      r?.reject(new Error('optimizer pool terminated during an evaluate'));
      return done;
    },
  };
}
