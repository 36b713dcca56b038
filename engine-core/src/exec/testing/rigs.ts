// Test rigs: one Engine on a real venue (bar or paper) with an ExecScheduler, driven by hand.
import { VirtualClock } from '../../clock';
import { Engine, type EngineConfig } from '../../engine';
import { KNOWN_INSTRUMENTS } from '../../instruments';
import { OrderBook } from '../../market/book';
import {
  asset,
  type EngineEvent,
  type OrderState,
  type SymbolId,
  symbolId,
  type TimestampMs,
  timestampMs,
} from '../../model';
import { NO_RISK_LIMITS, type RiskLimits } from '../../risk';
import { BarVenue, PaperVenue, type TradeUpdate } from '../../venue';
import { ExecScheduler } from '../exec-scheduler';
import type { ExecEvent } from '../parent-state';

export const BTC = symbolId('BTCUSDT');
export const T0 = Date.UTC(2024, 0, 1);

/** A bar: open time and OHLCV. */
export interface RigBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

interface RigOptions {
  readonly usdt?: number;
  readonly btc?: number;
  readonly risk?: Partial<RiskLimits>;
  readonly takerBps?: number;
  readonly makerBps?: number;
  /** The touch of passive children (`ExecSchedulerOptions.quote`). */
  readonly quote?: (s: SymbolId) => { readonly bid: number; readonly ask: number } | undefined;
  readonly retryDelayMs?: number;
  readonly maxRefusals?: number;
}

function rig(venue: BarVenue | PaperVenue, start: number, o: RigOptions) {
  const config: EngineConfig = {
    accountAsset: asset('USDT'),
    instruments: KNOWN_INSTRUMENTS,
    fees: { makerBps: o.makerBps ?? 0, takerBps: o.takerBps ?? 0 },
    risk: { ...NO_RISK_LIMITS, ...o.risk },
    marketProtection: 0.05,
  };
  const clock = new VirtualClock(start);
  const engine = new Engine(config, clock, venue);
  engine.deposit(asset('USDT'), o.usdt ?? 1_000_000);
  if (o.btc !== undefined) engine.deposit(asset('BTC'), o.btc);
  /** Every engine event, in order (the scheduler's own and the venue's). */
  const events: EngineEvent[] = [];
  const exec: ExecEvent[] = [];
  const sched = new ExecScheduler({
    engine,
    emit: (ev) => events.push(...ev),
    onExec: (e) => exec.push(e),
    retryDelayMs: o.retryDelayMs,
    maxRefusals: o.maxRefusals,
    quote: o.quote,
  });
  const deliver = (ev: readonly EngineEvent[]) => {
    events.push(...ev);
    sched.onEngineEvents(ev);
  };
  /** The scheduler's open children. */
  const openChildren = (): OrderState[] =>
    [...engine.state.openOrders]
      .map((id) => engine.state.orders.get(id) as OrderState)
      .filter((o) => o.request.clientOrderId.startsWith('algo-'));
  return { engine, clock, sched, events, exec, deliver, openChildren };
}

/**
 * Bar venue (DESIGN §4). `step(bar, prev)`: the previous bar's kline arrives (POV volume) and
 * wake-ups fire at this bar's open, where market children fill; then the bar is matched.
 */
export function barRig(o: RigOptions = {}) {
  const venue = new BarVenue({ slippageBps: 0, volumeCap: null });
  const r = rig(venue, T0, o);
  const step = (bar: RigBar, prev: RigBar | null, barMs: number) => {
    r.clock.advanceTo(bar.time);
    venue.setOpen(bar.open);
    // The open as the last price: the scheduler checks min notional against it.
    r.deliver(r.engine.handle({ type: 'market_tick', symbol: BTC, price: bar.open, ts: null }));
    if (prev !== null) {
      r.sched.onMarket({
        kind: 'kline',
        symbol: BTC,
        interval: '1m',
        bar: prev,
        closed: true,
        ts: timestampMs(prev.time + barMs),
      });
    }
    r.sched.onTime(bar.time);
    venue.processBar(bar.open, bar.high, bar.low, bar.close, bar.volume);
    r.deliver(r.engine.poll());
  };
  return { ...r, venue, step };
}

/** Paper venue over one book with `latencyMs`; `at(t)` delivers what fell due and fires wake-ups. */
export function paperRig(o: RigOptions & { latencyMs?: number; quoteFromBook?: boolean } = {}) {
  const book = new OrderBook(BTC);
  const quote = (s: SymbolId) =>
    s === BTC ? { bid: book.bestBid(), ask: book.bestAsk() } : undefined;
  const venue = new PaperVenue({
    latencyMs: o.latencyMs ?? 0,
    marketProtection: 0.05,
    book: (s) => (s === BTC ? book : undefined),
  });
  const r = rig(venue, T0, o.quoteFromBook === true ? { ...o, quote } : o);
  const at = (t: number) => {
    r.clock.advanceTo(t);
    r.deliver(r.engine.poll());
    r.sched.onTime(t);
  };
  const tick = (price: number) =>
    r.deliver(r.engine.handle({ type: 'market_tick', symbol: BTC, price, ts: null }));
  /** A trade on the exchange: the venue, then the engine's tick, then the scheduler (POV). */
  const trade = (price: number, qty: number, side: 'BUY' | 'SELL') => {
    const t: TradeUpdate = {
      kind: 'trade',
      symbol: BTC,
      price,
      qty,
      side,
      ts: r.clock.now() as TimestampMs,
    };
    venue.onTrade(t);
    tick(price);
    r.sched.onMarket(t);
  };
  return { ...r, venue, book, at, tick, trade };
}

/** Flat bars (no move) at `price` with the given volumes, one per `barMs` from `start`. */
export function flatBars(start: number, barMs: number, price: number, volumes: readonly number[]) {
  return volumes.map((volume, i) => ({
    time: start + i * barMs,
    open: price,
    high: price,
    low: price,
    close: price,
    volume,
  }));
}
