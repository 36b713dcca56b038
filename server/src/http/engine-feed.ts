import type { EngineEvent, EngineLink } from '../engine-process/engine-link';
import { RingBuffer } from './ring-buffer';
import { EventLog, type LoggedEvent } from './sse/event-log';

/** Buffer sizes of the feed. */
export interface EngineFeedOptions {
  /** Events kept for SSE resume. */
  readonly bufferSize: number;
  /** `order_update`/`fill` events kept for `GET /api/orders`, and fills for `GET /api/fills`. */
  readonly recentSize: number;
  /** The id before the first event (see EventLog). */
  readonly startAfter: number;
}

/**
 * The API's view of the engine's event stream, fed by one subscription: the numbered log behind
 * `/api/stream`, the last `market` event per symbol, recent order events and fills. Listeners
 * (the SSE hub, metrics) get each event after the views are updated.
 */
export class EngineFeed {
  readonly log: EventLog;
  private readonly market = new Map<string, EngineEvent>();
  private readonly orderEvents: RingBuffer<EngineEvent>;
  private readonly fillEvents: RingBuffer<EngineEvent>;
  private readonly unsubscribe: () => void;

  constructor(
    link: EngineLink,
    opts: EngineFeedOptions,
    private readonly onEvent: (event: EngineEvent, logged: LoggedEvent) => void,
  ) {
    this.log = new EventLog(opts.bufferSize, opts.startAfter);
    this.orderEvents = new RingBuffer(opts.recentSize);
    this.fillEvents = new RingBuffer(opts.recentSize);
    this.unsubscribe = link.subscribe((event) => this.take(event));
  }

  /** The last `market` event of each symbol, by symbol. */
  lastMarket(): Record<string, EngineEvent> {
    return Object.fromEntries(this.market);
  }

  /** Recent `order_update` and `fill` events, oldest first. */
  recentOrderEvents(): EngineEvent[] {
    return this.orderEvents.slice();
  }

  /** Recent `fill` events, oldest first. */
  recentFills(): EngineEvent[] {
    return this.fillEvents.slice();
  }

  close(): void {
    this.unsubscribe();
  }

  private take(event: EngineEvent): void {
    if (event.type === 'market' && typeof event.symbol === 'string') {
      this.market.set(event.symbol, event);
    } else if (event.type === 'order_update') {
      this.orderEvents.push(event);
    } else if (event.type === 'fill') {
      this.orderEvents.push(event);
      this.fillEvents.push(event);
    }
    this.onEvent(event, this.log.append(event));
  }
}
