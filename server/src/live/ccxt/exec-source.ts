// Where execution reports come from. The adapter only needs `track` and a report callback, so a
// WebSocket source (ccxt.pro watchOrders/watchMyTrades) can replace the polling one without
// touching the adapter; polling is the default because it runs against plain HTTP fakes.
import type { ExecReport } from '../venue-adapter';
import type { ParsedTrade } from './ccxt-parse';
import { needsTrades, step, type TrackedOrder } from './order-tracker';
import type { VenueClient } from './venue-client';

export interface ExecSourceEvents {
  onReport(report: ExecReport): void;
  /** `null` after a round that reached the venue; the failure's reason otherwise. */
  onHealth(failure: string | null): void;
}

export interface ExecSource {
  start(events: ExecSourceEvents): void;
  /** Reports for this order from now on; a second call for the same client id is ignored. */
  track(order: TrackedOrder): void;
  stop(): Promise<void>;
}

export interface PollingOptions {
  readonly intervalMs: number;
  readonly now: () => number;
}

/** Polls each unfinished order (fetchOrder) and, when its fill grew, its market's trades. */
export class PollingExecSource implements ExecSource {
  private readonly _orders = new Map<string, TrackedOrder>();
  private _events: ExecSourceEvents | undefined;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _round: Promise<void> = Promise.resolve();
  private _stopped = false;

  constructor(
    private readonly _client: VenueClient,
    private readonly _options: PollingOptions,
  ) {}

  start(events: ExecSourceEvents): void {
    this._events = events;
    this._schedule();
  }

  track(order: TrackedOrder): void {
    if (!this._orders.has(order.clientOrderId)) this._orders.set(order.clientOrderId, order);
  }

  async stop(): Promise<void> {
    this._stopped = true;
    if (this._timer !== undefined) clearTimeout(this._timer);
    await this._round;
  }

  /** One polling round; exposed for tests that drive rounds themselves. */
  async pollOnce(): Promise<void> {
    const events = this._events;
    if (events === undefined) return;
    const tradesBySymbol = new Map<string, ParsedTrade[]>();
    let failure: string | null = null;
    for (const t of [...this._orders.values()]) {
      if (this._stopped) return;
      const order = await this._client.fetchOrder(t.venueOrderId, t.ccxtSymbol);
      if (!order.ok) {
        failure = order.error.message;
        continue;
      }
      let trades: ParsedTrade[] = [];
      if (needsTrades(t, order.value)) {
        // One trades read per market and starting point in a round.
        const key = `${t.ccxtSymbol}@${t.sinceMs}`;
        const cached = tradesBySymbol.get(key);
        const fetched =
          cached === undefined
            ? await this._client.fetchMyTrades(t.ccxtSymbol, t.sinceMs)
            : undefined;
        if (fetched !== undefined && !fetched.ok) {
          failure = fetched.error.message;
          continue;
        }
        trades = cached ?? fetched?.value ?? [];
        tradesBySymbol.set(key, trades);
      }
      const { next, reports } = step(t, order.value, trades, this._options.now());
      if (next.done) this._orders.delete(t.clientOrderId);
      else this._orders.set(t.clientOrderId, next);
      for (const r of reports) events.onReport(r);
    }
    events.onHealth(failure);
  }

  private _schedule(): void {
    if (this._stopped) return;
    this._timer = setTimeout(() => {
      this._round = this.pollOnce().finally(() => this._schedule());
    }, this._options.intervalMs);
  }
}
