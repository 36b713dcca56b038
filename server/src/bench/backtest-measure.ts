import { Session } from 'node:inspector';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** Wall times of repeated runs, in seconds. */
export interface Timings {
  readonly samples: readonly number[];
  readonly best: number;
  readonly median: number;
}

/** Calls `gc()` when node runs with `--expose-gc`; returns whether it could. */
export function forceGc(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  return true;
}

/**
 * Runs `fn` once untimed (warm-up), then `minRuns` timed runs and more while the total stays
 * under `budgetSeconds`, up to `maxRuns`. A full GC runs before each run (when exposed) so one
 * run's garbage is not collected in the next one's time.
 */
export function timeRuns(
  fn: () => unknown,
  minRuns: number,
  maxRuns: number,
  budgetSeconds: number,
): Timings {
  forceGc();
  fn();
  const samples: number[] = [];
  let total = 0;
  while (samples.length < minRuns || (samples.length < maxRuns && total < budgetSeconds)) {
    forceGc();
    const t0 = process.hrtime.bigint();
    fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    samples.push(s);
    total += s;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { samples, best: sorted[0] as number, median };
}

/** Bytes allocated during one call, as V8 accounts them (see `measureAllocation`). */
export interface Allocation {
  /** JS heap bytes allocated during the call (garbage included). */
  readonly heapBytes: number;
  /** Growth of ArrayBuffer backing stores (typed-array columns live outside the JS heap). */
  readonly arrayBufferBytes: number;
  /** Garbage collections during the call. */
  readonly gcs: number;
  /** Largest JS heap used size seen: before each GC and at the end. */
  readonly peakHeapBytes: number;
  /** JS heap used after the forced GC that precedes the call. */
  readonly startHeapBytes: number;
}

/**
 * Heap allocation of one call of `fn`. A full GC runs first (needs `--expose-gc`), then
 * `v8.GCProfiler` records the heap before and after every collection during the call:
 * allocated = (used at end − used at start) + Σ (used before GC − used after GC).
 * The same figure for an empty call is subtracted (the profiler's own bookkeeping).
 */
export function measureAllocation(fn: () => unknown): Allocation {
  const raw = rawAllocation(fn);
  const empty = rawAllocation(() => 0);
  return { ...raw, heapBytes: Math.max(0, raw.heapBytes - empty.heapBytes) };
}

function rawAllocation(fn: () => unknown): Allocation {
  if (!forceGc()) throw new Error('measureAllocation needs node --expose-gc');
  const ab0 = process.memoryUsage().arrayBuffers;
  const u0 = getHeapStatistics().used_heap_size;
  const profiler = new GCProfiler();
  profiler.start();
  fn();
  const stats = profiler.stop();
  const u1 = getHeapStatistics().used_heap_size;
  const ab1 = process.memoryUsage().arrayBuffers;
  let freed = 0;
  let peak = u1;
  const gcs = stats.statistics;
  for (const g of gcs) {
    const before = usedHeap(g.beforeGC.heapStatistics);
    freed += before - usedHeap(g.afterGC.heapStatistics);
    if (before > peak) peak = before;
  }
  return {
    heapBytes: u1 - u0 + freed,
    arrayBufferBytes: ab1 - ab0,
    gcs: gcs.length,
    peakHeapBytes: peak,
    startHeapBytes: u0,
  };
}

/** The profiler reports camelCase fields at run time, whatever @types/node says. */
function usedHeap(h: object): number {
  const v = h as { usedHeapSize?: number; used_heap_size?: number };
  return v.usedHeapSize ?? v.used_heap_size ?? 0;
}

/** Peak resident set size of this process so far (the kernel's ru_maxrss), bytes. */
export const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Bytes allocated during one call of `fn` by V8's sampling heap profiler with the objects that
 * minor and major GCs collect kept in the profile (DevTools' "allocation sampling"): every
 * allocation is sampled with a probability proportional to its size, so the total is an
 * unbiased estimate of what the call allocated, garbage included, and unlike a heap-size
 * difference it does not count compiled code or heap bookkeeping.
 */
export function sampledAllocationBytes(fn: () => unknown, intervalBytes = 128): number {
  const session = new Session();
  session.connect();
  // An in-thread session answers synchronously: each callback has run when `post` returns.
  const post = (method: string, params?: object): unknown => {
    let out: unknown;
    let failure: Error | null = null;
    session.post(method, params, (err, res) => {
      failure = err;
      out = res;
    });
    if (failure !== null) throw failure;
    return out;
  };
  try {
    post('HeapProfiler.enable');
    post('HeapProfiler.startSampling', {
      samplingInterval: intervalBytes,
      includeObjectsCollectedByMinorGC: true,
      includeObjectsCollectedByMajorGC: true,
    });
    fn();
    const res = post('HeapProfiler.stopSampling') as { profile: { head: SamplingNode } };
    return totalSelfSize(res.profile.head);
  } finally {
    session.disconnect();
  }
}

interface SamplingNode {
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

function totalSelfSize(n: SamplingNode): number {
  let total = n.selfSize;
  for (const c of n.children) total += totalSelfSize(c);
  return total;
}
