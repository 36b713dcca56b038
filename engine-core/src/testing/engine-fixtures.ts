import { VirtualClock } from '../clock';
import { Engine, type EngineConfig } from '../engine';
import { KNOWN_INSTRUMENTS } from '../instruments';
import {
  asset,
  clientOrderId,
  type EngineCommand,
  type EngineEvent,
  type OrderPricing,
  type OrderRequest,
  type Side,
  symbolId,
  timestampMs,
} from '../model';
import { NO_RISK_LIMITS, type RiskLimits } from '../risk';
import { SimulatedVenue, type Venue } from '../venue';

/** Test engine settings; fees 0 and no risk limits unless a test says otherwise. */
export interface TestEngineOptions {
  readonly makerBps?: number;
  readonly takerBps?: number;
  readonly risk?: Partial<RiskLimits>;
  readonly latencyMs?: number;
  readonly marketProtection?: number;
  readonly venue?: Venue;
  readonly usdt?: number;
  readonly startMs?: number;
}

/** An engine on a virtual clock with a simulated venue and a USDT deposit. */
export function makeEngine(opts: TestEngineOptions = {}): {
  engine: Engine;
  clock: VirtualClock;
  config: EngineConfig;
} {
  const config: EngineConfig = {
    accountAsset: asset('USDT'),
    instruments: KNOWN_INSTRUMENTS,
    fees: { makerBps: opts.makerBps ?? 0, takerBps: opts.takerBps ?? 0 },
    risk: { ...NO_RISK_LIMITS, ...opts.risk },
    marketProtection: opts.marketProtection ?? 0.05,
  };
  const clock = new VirtualClock(opts.startMs ?? 1_700_000_000_000);
  const venue =
    opts.venue ??
    new SimulatedVenue({
      latencyMs: opts.latencyMs ?? 0,
      marketProtection: config.marketProtection,
    });
  const engine = new Engine(config, clock, venue);
  engine.deposit(asset('USDT'), opts.usdt ?? 10_000);
  return { engine, clock, config };
}

/** Builds an order request with defaults (GTC, not post-only, not reduce-only). */
export function order(
  id: string,
  side: Side,
  qty: number,
  pricing: OrderPricing,
  extra: Partial<Pick<OrderRequest, 'tif' | 'postOnly' | 'reduceOnly'>> & { symbol?: string } = {},
): EngineCommand {
  return {
    type: 'submit_order',
    request: {
      ...pricing,
      clientOrderId: clientOrderId(id),
      symbol: symbolId(extra.symbol ?? 'BTCUSDT'),
      side,
      qty,
      tif: extra.tif ?? 'GTC',
      postOnly: extra.postOnly ?? false,
      reduceOnly: extra.reduceOnly ?? false,
    },
  };
}

/** A market tick command. */
export const tick = (
  price: number,
  symbol = 'BTCUSDT',
  ts: number | null = null,
): EngineCommand => ({
  type: 'market_tick',
  symbol: symbolId(symbol),
  price,
  ts: ts === null ? null : timestampMs(ts),
});

/** A cancel command. */
export const cancel = (id: string): EngineCommand => ({
  type: 'cancel_order',
  clientOrderId: clientOrderId(id),
});

/** The events of one type from a list. */
export function ofType<T extends EngineEvent['type']>(
  events: readonly EngineEvent[],
  type: T,
): Extract<EngineEvent, { type: T }>[] {
  return events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
}
