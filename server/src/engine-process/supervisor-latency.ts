// Order → ack latency through the supervisor (for the bench): a fresh engine with a temp WAL, one
// order at a time (each waits for its ack, so queueing does not add to the next one's time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EngineSupervisor, type EngineSupervisorOptions } from './supervisor';

/** What to measure. */
export interface AckLatencyOptions {
  /** Orders timed (default 1 000). */
  readonly orders?: number;
  /** Orders sent first and not timed, to warm up (default 100). */
  readonly warmup?: number;
  /** Passed to the supervisor (the WAL directory is a temp one, removed afterwards). */
  readonly supervisor?: Partial<Omit<EngineSupervisorOptions, 'walDir'>>;
}

/**
 * Sends resting limit orders one by one on the simulated venue and returns each order's time from
 * `order()` to its ack, in ms, sorted ascending (p50 = samples[floor(n × 0.5)]).
 */
export async function measureOrderAckLatency(opts: AckLatencyOptions = {}): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'veloz-ack-latency-'));
  const s = new EngineSupervisor({
    walDir: dir,
    venue: 'simulated',
    balances: { USDT: 1e12 },
    risk: { order_rate: 'off', max_open_orders: 'off' },
    ...opts.supervisor,
  });
  try {
    await s.start();
    await s.tick('BTCUSDT', 50_000);
    const n = opts.orders ?? 1_000;
    const warmup = opts.warmup ?? 100;
    const samples: number[] = [];
    for (let i = 0; i < warmup + n; i++) {
      const t0 = performance.now();
      const ack = await s.order({
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.001,
        type: 'LIMIT',
        price: 49_000 - (i % 500),
      });
      const dt = performance.now() - t0;
      if (ack.status === 'REJECTED') throw new Error(`order refused: ${ack.reason ?? ''}`);
      if (i >= warmup) samples.push(dt);
    }
    return samples.sort((a, b) => a - b);
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
