import {
  asset,
  clientOrderId,
  Engine,
  KNOWN_INSTRUMENTS,
  NO_RISK_LIMITS,
  SimulatedVenue,
  symbolId,
  VirtualClock,
} from '../../../engine-core/src';
import { memoryMiB, percentile } from './stats';

/** Result of the in-process placement benchmark. */
export interface LatencyResult {
  readonly orders: number;
  readonly p50us: number;
  readonly p99us: number;
  readonly p999us: number;
  readonly maxUs: number;
  readonly rssMiB: number;
}

/**
 * In-process placement latency: time of `engine.handle(submit_order)` for a resting limit order
 * through the whole path (validation, risk, reservation, reducer, simulated venue), each order
 * cancelled right after so the book stays small. Every risk rule is on, with limits set so that
 * none rejects.
 */
export function benchPlacementLatency(orders = 100_000): LatencyResult {
  const clock = new VirtualClock(1_700_000_000_000);
  const config = {
    accountAsset: asset('USDT'),
    instruments: KNOWN_INSTRUMENTS,
    fees: { makerBps: 10, takerBps: 10 },
    risk: {
      ...NO_RISK_LIMITS,
      maxOrderNotional: 1e9,
      maxPositionNotional: 1e9,
      priceBand: 0.5,
      maxOpenOrders: 1000,
      maxOrdersPerWindow: 1e9,
      maxDailyLoss: 0.5,
      maxDrawdown: 0.5,
    },
    marketProtection: 0.05,
  };
  const engine = new Engine(
    config,
    clock,
    new SimulatedVenue({ latencyMs: 0, marketProtection: 0.05 }),
  );
  engine.deposit(asset('USDT'), 1e12);
  const sym = symbolId('BTCUSDT');
  engine.handle({ type: 'market_tick', symbol: sym, price: 50_000, ts: null });
  const samples = new Float64Array(orders);
  const warmup = 20_000;
  for (let i = -warmup; i < orders; i++) {
    const id = clientOrderId(`o${i + warmup}`);
    const cmd = {
      type: 'submit_order' as const,
      request: {
        type: 'LIMIT' as const,
        price: 49_000 + (i % 100),
        clientOrderId: id,
        symbol: sym,
        side: 'BUY' as const,
        qty: 0.01,
        tif: 'GTC' as const,
        postOnly: false,
        reduceOnly: false,
      },
    };
    const t0 = process.hrtime.bigint();
    engine.handle(cmd);
    const t1 = process.hrtime.bigint();
    if (i >= 0) samples[i] = Number(t1 - t0) / 1000;
    engine.handle({ type: 'cancel_order', clientOrderId: id });
    clock.advanceTo(clock.now() + 1);
  }
  samples.sort();
  return {
    orders,
    p50us: percentile(samples, 50),
    p99us: percentile(samples, 99),
    p999us: percentile(samples, 99.9),
    maxUs: percentile(samples, 100),
    rssMiB: memoryMiB().rss,
  };
}
