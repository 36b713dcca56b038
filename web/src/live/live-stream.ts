// The SSE client of GET /api/stream: typed events, the connection's state, and resume. While
// EventSource reconnects by itself it sends Last-Event-ID; once it gives up (a non-200 answer,
// e.g. a 401 or a restarting server) a new one is opened after a backoff, resuming by `last_id`.
import { parseStreamEvent, STREAM_EVENT_NAMES, type StreamEvent } from './stream-events';

/** The parts of EventSource this client uses (a fake one in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser will not retry this one. */
const CLOSED = 2;

/** The stream's state, for the page's status line. */
export type StreamState =
  | { readonly state: 'connecting' }
  | { readonly state: 'open' }
  /** EventSource is retrying by itself. */
  | { readonly state: 'reconnecting' }
  /** Given up; a new connection is opened in `retryInMs`. */
  | { readonly state: 'closed'; readonly retryInMs: number }
  | { readonly state: 'stopped' };

export interface LiveStreamHandlers {
  onEvent(event: StreamEvent, id: string | null): void;
  /** A frame that did not parse (kept out of the app, shown as a message). */
  onBadEvent(message: string): void;
  onState(state: StreamState): void;
}

export interface LiveStreamOptions {
  readonly url?: string;
  readonly factory?: EventSourceFactory;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** Backoff after a closed stream: doubled from `minRetryMs` up to `maxRetryMs`. */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
}

/** One subscription to the server's event stream; `stop()` ends it. */
export class LiveStream {
  private source: EventSourceLike | null = null;
  private lastId: string | null = null;
  private timer: unknown = null;
  private retryMs: number;
  private stopped = false;
  private readonly url: string;
  private readonly factory: EventSourceFactory;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly minRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(
    private readonly handlers: LiveStreamHandlers,
    opts: LiveStreamOptions = {},
  ) {
    this.url = opts.url ?? '/api/stream';
    this.factory = opts.factory ?? ((url) => new EventSource(url, { withCredentials: true }));
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.minRetryMs = opts.minRetryMs ?? 1000;
    this.maxRetryMs = opts.maxRetryMs ?? 30_000;
    this.retryMs = this.minRetryMs;
    this.open();
  }

  /** The id of the last event received (what a new connection resumes after). */
  get lastEventId(): string | null {
    return this.lastId;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.handlers.onState({ state: 'stopped' });
  }

  private open(): void {
    const url =
      this.lastId === null ? this.url : `${this.url}?last_id=${encodeURIComponent(this.lastId)}`;
    this.handlers.onState({ state: 'connecting' });
    const es = this.factory(url);
    this.source = es;
    es.onopen = () => {
      if (this.source !== es) return;
      this.retryMs = this.minRetryMs;
      this.handlers.onState({ state: 'open' });
    };
    es.onerror = () => {
      if (this.source !== es || this.stopped) return;
      if (es.readyState !== CLOSED) {
        this.handlers.onState({ state: 'reconnecting' });
        return;
      }
      es.close();
      this.source = null;
      const wait = this.retryMs;
      this.retryMs = Math.min(this.maxRetryMs, this.retryMs * 2);
      this.handlers.onState({ state: 'closed', retryInMs: wait });
      this.timer = this.setTimer(() => {
        this.timer = null;
        if (!this.stopped) this.open();
      }, wait);
    };
    for (const name of STREAM_EVENT_NAMES) {
      es.addEventListener(name, (ev) => {
        // `error` also fires for connection errors: those carry no data and are onerror's job.
        if (this.source !== es || typeof ev.data !== 'string') return;
        this.take(name, ev);
      });
    }
  }

  private take(name: string, ev: MessageEvent<string>): void {
    const id = ev.lastEventId === '' ? null : ev.lastEventId;
    if (id !== null) this.lastId = id;
    const parsed = parseStreamEvent(name, ev.data);
    if (parsed.ok) this.handlers.onEvent(parsed.value, id);
    else this.handlers.onBadEvent(parsed.message);
  }
}
