import { VirtualClock } from '../../clock';
import { Engine } from '../../engine/engine';
import type { EngineConfig } from '../../engine/engine-config';
import { createState, type EngineState } from '../../engine/engine-state';
import { KNOWN_INSTRUMENTS } from '../../instruments';
import {
  asset,
  clientOrderId,
  type EngineCommand,
  type EngineEvent,
  isStateEvent,
  type OrderPricing,
  type Side,
  type StateEvent,
  type SymbolId,
  symbolId,
} from '../../model';
import { NO_RISK_LIMITS } from '../../risk';
import { mulberry32, type Rng, randomIndex } from '../../util';
import { SimulatedVenue } from '../../venue';

// A paper-trading session driven by a seeded random walk: price ticks, resting limits, market
// and stop orders, cancels, venue latency. The events are the engine's own, so records written
// from it are what a real paper WAL holds (tests, benches and e2e fixtures use it).

const SYMBOLS: readonly SymbolId[] = [symbolId('BTCUSDT'), symbolId('ETHUSDT')];
const START_PRICE = [50_000, 3_000] as const;
const LOT = [0.00001, 0.0001] as const;
const T0 = 1_700_000_000_000;

/** The session's engine settings: Binance-like fees, the usual risk limits, 20 ms latency. */
export function paperSessionConfig(): EngineConfig {
  return {
    accountAsset: asset('USDT'),
    instruments: KNOWN_INSTRUMENTS,
    fees: { makerBps: 2, takerBps: 7 },
    risk: { ...NO_RISK_LIMITS, maxOrderNotional: 250_000, priceBand: 0.1, maxOpenOrders: 200 },
    marketProtection: 0.05,
  };
}

/** A fresh state for `paperSessionConfig()` (what `recoverState` starts from without a snapshot). */
export function freshPaperState(): EngineState {
  const c = paperSessionConfig();
  return createState(c.accountAsset, c.instruments, c.risk.orderRateWindowMs);
}

const round = (x: number, step: number): number => Math.round(x / step) * step;

/**
 * A seeded session. `step()` sends one command (or lets time pass) and returns the state events
 * it caused, the records a WAL must hold. The same seed gives the same events; `restart(state)`
 * goes on from a recovered state as a reloaded tab would (the price walk keeps its place).
 */
export class PaperSession {
  readonly config: EngineConfig = paperSessionConfig();
  readonly clock = new VirtualClock(T0);
  private _engine: Engine;
  private readonly _rng: Rng;
  private readonly _price: number[] = [...START_PRICE];
  private _ids = 0;
  /** Every event of the last `step` (state events and reports). */
  lastEvents: readonly EngineEvent[] = [];

  constructor(seed: number) {
    this._rng = mulberry32(seed);
    this._engine = this._newEngine();
  }

  /** The live engine. */
  get engine(): Engine {
    return this._engine;
  }

  /** The deposits and first prices every session starts with. */
  start(): StateEvent[] {
    const out: StateEvent[] = [];
    const keep = (events: readonly EngineEvent[]) => {
      for (const e of events) if (isStateEvent(e)) out.push(e);
    };
    keep(this._engine.deposit(asset('USDT'), 1_000_000));
    keep(this._engine.deposit(asset('BTC'), 10));
    keep(this._engine.deposit(asset('ETH'), 100));
    for (const [i, symbol] of SYMBOLS.entries()) {
      keep(
        this._engine.handle({
          type: 'market_tick',
          symbol,
          price: this._price[i] as number,
          ts: null,
        }),
      );
    }
    return out;
  }

  /** One random command (or a wait); returns the state events, in order. */
  step(): StateEvent[] {
    const r = this._rng();
    let events: EngineEvent[];
    if (r < 0.45) {
      this.clock.advanceTo(this.clock.now() + 50 + randomIndex(this._rng, 2_000));
      events = this._engine.handle(this._tick());
    } else if (r < 0.75) {
      events = this._engine.handle(this._order());
    } else if (r < 0.9) {
      events = this._engine.handle(this._cancel());
    } else {
      this.clock.advanceTo(this.clock.now() + randomIndex(this._rng, 100));
      events = this._engine.poll();
    }
    this.lastEvents = events;
    return events.filter(isStateEvent);
  }

  /** Goes on with an engine built on `state` (a recovered one). */
  restart(state: EngineState): void {
    this._engine = this._newEngine(state);
  }

  private _newEngine(state?: EngineState): Engine {
    const venue = new SimulatedVenue({
      latencyMs: 20,
      marketProtection: this.config.marketProtection,
    });
    return new Engine(this.config, this.clock, venue, state);
  }

  private _tick(): EngineCommand {
    const i = randomIndex(this._rng, SYMBOLS.length);
    const p = (this._price[i] as number) * (1 + (this._rng() - 0.5) * 0.004);
    this._price[i] = round(p, 0.01);
    return { type: 'market_tick', symbol: SYMBOLS[i] as SymbolId, price: this._price[i], ts: null };
  }

  private _order(): EngineCommand {
    const i = randomIndex(this._rng, SYMBOLS.length);
    const p = this._price[i] as number;
    const side: Side = this._rng() < 0.5 ? 'BUY' : 'SELL';
    const off = (this._rng() - 0.5) * 0.01;
    const kind = this._rng();
    const pricing: OrderPricing =
      kind < 0.7
        ? { type: 'LIMIT', price: round(p * (1 + off), 0.01) }
        : kind < 0.9
          ? { type: 'MARKET' }
          : {
              type: 'STOP',
              stopPrice: round(p * (1 + Math.abs(off) * (side === 'BUY' ? 1 : -1)), 0.01),
            };
    // Now and then an order above the notional limit: the risk engine denies it.
    const notional = this._rng() < 0.02 ? 300_000 : 20 + this._rng() * 2_000;
    const lot = LOT[i] as number;
    const qty = Math.max(lot, round(notional / p, lot));
    return {
      type: 'submit_order',
      request: {
        ...pricing,
        clientOrderId: clientOrderId(`p${++this._ids}`),
        symbol: SYMBOLS[i] as SymbolId,
        side,
        qty: Number(qty.toFixed(8)),
        tif: this._rng() < 0.9 ? 'GTC' : 'IOC',
        postOnly: false,
        reduceOnly: false,
      },
    };
  }

  private _cancel(): EngineCommand {
    const open = [...this._engine.state.openOrders];
    const pick =
      open.length > 0 && this._rng() < 0.95
        ? (open[randomIndex(this._rng, open.length)] as string)
        : `p${1 + randomIndex(this._rng, Math.max(1, this._ids))}`;
    // Now and then a finished order: the engine only reports it, still a command to handle.
    return { type: 'cancel_order', clientOrderId: clientOrderId(pick) };
  }
}

/** Runs a session until it produced at least `count` state events; returns exactly `count`. */
export function paperSessionEvents(seed: number, count: number): StateEvent[] {
  const s = new PaperSession(seed);
  const out = s.start();
  while (out.length < count) out.push(...s.step());
  return out.slice(0, count);
}
