import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_CONFIG } from '../backtest';
import { sliceCandles } from '../market';
import { type ParamValues, smaCross } from '../strategy';
import { evaluateParams } from './evaluate-params';
import { guidedChunkSize, isOptimizationCancelled, OptimizationCancelledError } from './evaluator';
import { createLocalEvaluator } from './local-evaluator';
import type { OptimizerProgress } from './progress';
import { isShared, shareCandles } from './shared-candles';
import { syntheticCandles } from './testing/synthetic-candles';
import { createWorkerHandler } from './worker-handler';
import { createWorkerPool } from './worker-pool';
import type { EmitterWorkerPort, EventTargetWorkerPort } from './worker-port';
import type { WorkerRequest } from './worker-protocol';

type Listener = (value: unknown) => void;

/**
 * An in-process worker for pool tests: the real handler behind `structuredClone` (as
 * `postMessage` copies) and a macrotask hop each way. `emitter` has Node's listener shape,
 * `eventTarget` the browser's. `crash()` raises an error event.
 */
class FakeWorker {
  readonly posted: WorkerRequest[] = [];
  terminated = false;
  private readonly _listeners = new Map<string, Listener[]>();
  private readonly _handle = createWorkerHandler((reply) =>
    setTimeout(() => this._emit('message', structuredClone(reply)), 0),
  );

  constructor(private readonly _style: 'emitter' | 'eventTarget') {}

  postMessage(message: unknown): void {
    if (this.terminated) return;
    const m = structuredClone(message) as WorkerRequest;
    this.posted.push(m);
    setTimeout(() => {
      if (!this.terminated) this._handle(m);
    }, 0);
  }

  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(1);
  }

  crash(message: string): void {
    this._emit('error', new Error(message));
  }

  private _emit(type: string, value: unknown): void {
    if (this.terminated) return;
    const arg = this._style === 'emitter' || type === 'error' ? value : { data: value };
    for (const l of this._listeners.get(type) ?? []) l(arg);
  }

  protected _add(type: string, l: Listener): void {
    this._listeners.set(type, [...(this._listeners.get(type) ?? []), l]);
  }
}

/** A fake with Node's `on(event, listener)`. */
class FakeEmitterWorker extends FakeWorker implements EmitterWorkerPort {
  constructor() {
    super('emitter');
  }
  on(event: 'message' | 'error', listener: Listener): this {
    this._add(event, listener);
    return this;
  }
}

/** A fake with the browser's `addEventListener(type, listener)`. */
class FakeEventTargetWorker extends FakeWorker implements EventTargetWorkerPort {
  constructor() {
    super('eventTarget');
  }
  addEventListener(type: 'message' | 'error', listener: Listener): void {
    this._add(type, listener);
  }
}

const candles = syntheticCandles(1_500, 3);
const config = DEFAULT_BACKTEST_CONFIG;
const dataset = { candles, strategy: 'sma-cross', config };
const PARAMS: ParamValues[] = [];
for (let fast = 2; fast <= 20; fast += 3)
  for (let slow = 10; slow <= 60; slow += 10) PARAMS.push({ fast, slow });

function pool(n: number, style: 'emitter' | 'eventTarget' = 'emitter', now?: () => number) {
  const ports = Array.from({ length: n }, () =>
    style === 'emitter' ? new FakeEmitterWorker() : new FakeEventTargetWorker(),
  );
  const p = createWorkerPool(ports, now === undefined ? {} : { now });
  p.load(dataset);
  return { pool: p, ports };
}

describe('createWorkerPool (in-process fake workers)', () => {
  it('returns each summary equal to runBacktest + computeMetrics here, in param order', async () => {
    const { pool: p } = pool(3);
    const got = await p.evaluate(PARAMS, { chunkSize: 4 });
    expect(got).toHaveLength(PARAMS.length);
    PARAMS.forEach((params, i) => {
      expect(got[i]).toEqual(evaluateParams(candles, smaCross, params, config));
    });
    expect(got.some((s) => 'trades' in s && s.trades > 0)).toBe(true);
  });

  it('gives the same results for any number of workers, chunk size and port style', async () => {
    const ref = await pool(1).pool.evaluate(PARAMS);
    for (const [n, chunk, style] of [
      [2, 1, 'emitter'],
      [3, 7, 'eventTarget'],
      [4, 100, 'eventTarget'],
    ] as const)
      expect(await pool(n, style).pool.evaluate(PARAMS, { chunkSize: chunk })).toEqual(ref);
    expect(await createLocalEvaluator(dataset).evaluate(PARAMS, { chunkSize: 5 })).toEqual(ref);
  });

  it('posts the candles once per worker, in one SharedArrayBuffer; batches carry params only', async () => {
    const { pool: p, ports } = pool(2);
    await p.evaluate(PARAMS, { chunkSize: 5 });
    await p.evaluate(PARAMS.slice(0, 3), { range: { from: 100, to: 900 } });
    for (const port of ports) {
      const loads = port.posted.filter((m) => m.type === 'load');
      expect(loads).toHaveLength(1);
      const load = loads[0] as Extract<WorkerRequest, { type: 'load' }>;
      expect(isShared(load.candles)).toBe(true);
      expect(port.posted.slice(1).every((m) => m.type === 'evaluate')).toBe(true);
    }
    const shared = shareCandles(candles);
    expect(shared.time.buffer).toBe(shared.close.buffer);
    expect(Array.from(shared.close)).toEqual(Array.from(candles.close));
  });

  it('by default hands out guided chunks: large first, single runs at the end', async () => {
    const { pool: p, ports } = pool(2);
    const many = Array.from({ length: 400 }, (_, i) => PARAMS[i % PARAMS.length] as ParamValues);
    await p.evaluate(many);
    const sizes = ports.flatMap((port) =>
      port.posted.flatMap((m) => (m.type === 'evaluate' ? [m.params.length] : [])),
    );
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(400);
    expect(Math.max(...sizes)).toBe(50); // 400 / (4 × 2)
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThanOrEqual(2);
    expect(guidedChunkSize(400, 2)).toBe(50);
    expect(guidedChunkSize(1e6, 2)).toBe(256);
    expect(guidedChunkSize(3, 2)).toBe(1);
  });

  it('evaluates a bar range like a backtest on those bars alone', async () => {
    const got = await pool(2).pool.evaluate(PARAMS.slice(0, 6), {
      range: { from: 200, to: 1_100 },
    });
    const bars = sliceCandles(candles, 200, 1_100);
    PARAMS.slice(0, 6).forEach((params, i) => {
      expect(got[i]).toEqual(evaluateParams(bars, smaCross, params, config));
    });
    await expect(pool(1).pool.evaluate(PARAMS, { range: { from: 0, to: 9_999 } })).rejects.toThrow(
      'bar range [0, 9999) is not within the 1500 loaded bars',
    );
  });

  it('reports progress from 0 to total, with elapsed time and ETA from the clock', async () => {
    let t = 0;
    const { pool: p } = pool(2, 'emitter', () => t);
    const seen: OptimizerProgress[] = [];
    await p.evaluate(PARAMS, {
      chunkSize: 4,
      onProgress: (pr) => {
        seen.push(pr);
        t += 10;
      },
    });
    expect(seen[0]).toEqual({ done: 0, total: PARAMS.length, elapsedMs: 0, etaMs: null });
    const dones = seen.map((s) => s.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(dones.at(-1)).toBe(PARAMS.length);
    expect(seen.length).toBe(1 + Math.ceil(PARAMS.length / 4));
    const second = seen[1] as OptimizerProgress;
    expect(second.etaMs).toBeCloseTo(((second.elapsedMs as number) / 4) * (PARAMS.length - 4), 9);
    expect(seen.at(-1)?.etaMs).toBe(0);
  });

  it('cancels mid-run: rejects with a clear error and terminates every worker', async () => {
    const { pool: p, ports } = pool(2);
    const ac = new AbortController();
    let calls = 0;
    const run = p.evaluate(PARAMS, {
      chunkSize: 2,
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.done > 0 && ++calls === 2) ac.abort();
      },
    });
    const e = await run.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OptimizationCancelledError);
    expect(isOptimizationCancelled(e)).toBe(true);
    expect((e as Error).message).toBe(`optimization cancelled after 4 of ${PARAMS.length} runs`);
    expect(ports.every((port) => port.terminated)).toBe(true);
    await expect(p.evaluate(PARAMS)).rejects.toThrow('optimizer pool is terminated');
  });

  it('an already aborted signal rejects at once', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(pool(1).pool.evaluate(PARAMS, { signal: ac.signal })).rejects.toThrow(
      'optimization cancelled after 0 of',
    );
    await expect(
      createLocalEvaluator(dataset).evaluate(PARAMS, { signal: ac.signal }),
    ).rejects.toBeInstanceOf(OptimizationCancelledError);
  });

  it('a worker error or a failed batch rejects and stops the pool', async () => {
    const a = pool(2);
    const run = a.pool.evaluate(PARAMS, { chunkSize: 1 });
    (a.ports[1] as FakeWorker).crash('out of memory');
    await expect(run).rejects.toThrow('optimizer worker 1 failed: out of memory');
    expect(a.ports.every((port) => port.terminated)).toBe(true);

    const ports = [new FakeEmitterWorker()];
    const b = createWorkerPool(ports);
    b.load({ ...dataset, strategy: 'no-such' });
    await expect(b.evaluate(PARAMS)).rejects.toThrow(
      'optimizer worker 0: unknown strategy "no-such"',
    );
  });

  it('evaluates nothing quickly, one call at a time, and only after a load', async () => {
    const { pool: p } = pool(2);
    expect(await p.evaluate([])).toEqual([]);
    const first = p.evaluate(PARAMS);
    await expect(p.evaluate(PARAMS)).rejects.toThrow('optimizer pool busy');
    await first;
    await expect(createWorkerPool([new FakeEmitterWorker()]).evaluate(PARAMS)).rejects.toThrow(
      'load a data set first',
    );
  });

  it('a progress callback that throws rejects the evaluate with its error', async () => {
    const { pool: p } = pool(1);
    await expect(
      p.evaluate(PARAMS, {
        onProgress: ({ done }) => {
          if (done > 0) throw new Error('display gone');
        },
      }),
    ).rejects.toThrow('display gone');
    // Thrown at the start (done = 0): the pool is left idle, not busy.
    const q = pool(1).pool;
    await expect(
      q.evaluate(PARAMS, {
        onProgress: () => {
          throw new Error('at once');
        },
      }),
    ).rejects.toThrow('at once');
    expect(await q.evaluate(PARAMS.slice(0, 1))).toHaveLength(1);
  });

  it('terminate() rejects a running evaluate', async () => {
    const { pool: p } = pool(2);
    const run = p.evaluate(PARAMS, { chunkSize: 1 });
    await p.terminate();
    await expect(run).rejects.toThrow('optimizer pool terminated during an evaluate');
  });
});

describe('createWorkerHandler', () => {
  it('answers a batch before any load with a failure', () => {
    const replies: unknown[] = [];
    createWorkerHandler((r) => replies.push(r))({
      type: 'evaluate',
      batch: 7,
      from: 0,
      to: 0,
      params: [],
    });
    expect(replies).toEqual([{ type: 'failed', batch: 7, message: 'no data loaded' }]);
  });
});
