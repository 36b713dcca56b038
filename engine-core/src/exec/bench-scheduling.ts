import { VirtualClock } from '../clock';
import { Engine } from '../engine';
import { KNOWN_INSTRUMENTS } from '../instruments';
import { asset, type EngineEvent, symbolId, timestampMs } from '../model';
import { NO_RISK_LIMITS } from '../risk';
import { mulberry32 } from '../util';
import { SimulatedVenue } from '../venue';
import type { AlgoSpec } from './algo-spec';
import { ExecScheduler } from './exec-scheduler';

/** Settings of the scheduling benchmark. */
export interface SchedulingBenchOptions {
  /** Concurrent parents, a third each TWAP, POV and iceberg (default 1000). */
  readonly parents?: number;
  /** Simulated seconds: one tick, one trade and one `onTime` per second (default 600). */
  readonly seconds?: number;
  readonly seed?: number;
  /** Wall clock in ms (`performance.now`): only the caller knows one. */
  readonly now: () => number;
}

/** What the benchmark measured. */
export interface SchedulingBenchResult {
  readonly parents: number;
  readonly seconds: number;
  readonly childOrders: number;
  readonly engineEvents: number;
  readonly execEvents: number;
  readonly fills: number;
  readonly elapsedMs: number;
  readonly childOrdersPerSec: number;
  /** Engine + exec events per wall-clock second. */
  readonly eventsPerSec: number;
}

const BTC = symbolId('BTCUSDT');

/**
 * Runs `parents` concurrent parent orders (TWAP, POV, iceberg, both sides) through one
 * `ExecScheduler` and one `Engine` on a `SimulatedVenue` (10 ms latency) over a seeded random
 * walk of ticks and trades, in simulated time; returns children and events per wall-clock second.
 * Everything but the `now()` readings is deterministic for a seed.
 */
export function measureSchedulingThroughput(o: SchedulingBenchOptions): SchedulingBenchResult {
  const parents = o.parents ?? 1000;
  const seconds = o.seconds ?? 600;
  const rng = mulberry32(o.seed ?? 42);
  const t0 = Date.UTC(2024, 0, 1);
  const clock = new VirtualClock(t0);
  const engine = new Engine(
    {
      accountAsset: asset('USDT'),
      instruments: KNOWN_INSTRUMENTS,
      fees: { makerBps: 1, takerBps: 5 },
      risk: NO_RISK_LIMITS,
      marketProtection: 0.05,
    },
    clock,
    new SimulatedVenue({ latencyMs: 10, marketProtection: 0.05 }),
  );
  engine.deposit(asset('USDT'), 1e12);
  engine.deposit(asset('BTC'), 1e8);
  let engineEvents = 0;
  let execEvents = 0;
  let fills = 0;
  const count = (events: readonly EngineEvent[]) => {
    engineEvents += events.length;
    for (const e of events) if (e.type === 'order_filled') fills++;
  };
  const sched = new ExecScheduler({
    engine,
    emit: count,
    onExec: () => {
      execEvents++;
    },
  });
  let price = 40_000;
  const feed = (events: readonly EngineEvent[]) => {
    count(events);
    sched.onEngineEvents(events);
  };
  feed(engine.handle({ type: 'market_tick', symbol: BTC, price, ts: null }));
  for (let i = 0; i < parents; i++) {
    const r = sched.submit(benchSpec(i, t0, seconds, price), t0);
    if (!r.ok) throw new Error(r.error);
  }
  const start = o.now();
  for (let s = 0; s < seconds; s++) {
    const t = t0 + s * 1000;
    clock.advanceTo(t);
    feed(engine.poll());
    price = Math.round(price * (1 + (rng() - 0.5) * 0.001) * 100) / 100;
    feed(engine.handle({ type: 'market_tick', symbol: BTC, price, ts: null }));
    sched.onMarket({
      kind: 'trade',
      symbol: BTC,
      price,
      qty: 0.5 + rng() * 5,
      side: rng() < 0.5 ? 'BUY' : 'SELL',
      ts: timestampMs(t),
    });
    sched.onTime(t);
    clock.advanceTo(t + 10);
    feed(engine.poll());
  }
  const elapsedMs = o.now() - start;
  const secs = elapsedMs / 1000;
  return {
    parents,
    seconds,
    childOrders: sched.childrenSent,
    engineEvents,
    execEvents,
    fills,
    elapsedMs,
    childOrdersPerSec: sched.childrenSent / secs,
    eventsPerSec: (engineEvents + execEvents) / secs,
  };
}

/** Parent `i`: TWAP, POV or iceberg by i mod 3, alternating sides, staggered starts. */
function benchSpec(i: number, t0: number, seconds: number, price: number): AlgoSpec {
  const side = i % 2 === 0 ? 'BUY' : 'SELL';
  switch (i % 3) {
    case 0:
      return {
        algo: 'twap',
        symbol: BTC,
        side,
        qty: 0.2,
        startTs: t0 + (i % 60) * 1000,
        durationMs: (seconds - 60) * 1000,
        slices: 20,
        timeJitter: 0.5,
        sizeJitter: 0.2,
        seed: i,
      };
    case 1:
      return {
        algo: 'pov',
        symbol: BTC,
        side,
        qty: 0.5,
        participation: 0.0005,
        tolerance: 0.2,
        minChildQty: 0.0002,
        maxChildQty: 0.01,
      };
    default: {
      // Limits a few ticks either side of the start price: the walk crosses them now and then.
      const off = Math.round(((i % 7) - 3) * 0.0002 * price * 100) / 100;
      return {
        algo: 'iceberg',
        symbol: BTC,
        side,
        qty: 0.05,
        price: price + (side === 'BUY' ? -Math.abs(off) : Math.abs(off)),
        visibleQty: 0.005,
        sizeVariance: 0.3,
        seed: i,
      };
    }
  }
}
