import type { ServerResponse } from 'node:http';
import { KEEP_ALIVE_FRAME } from './sse-frame';

/** Stream limits. */
export interface SseHubOptions {
  /** Interval of `: keep-alive` comments, in milliseconds. */
  readonly keepAliveMs: number;
  /**
   * Bytes a client may leave unread in the server's buffer; past it the client is dropped (it
   * resumes by id) rather than buffered without bound.
   */
  readonly maxBufferedBytes: number;
}

/** What the hub tells the outside (metrics). */
export interface SseHubObserver {
  clientsChanged(count: number): void;
  clientDropped(): void;
}

/**
 * The open `/api/stream` responses. One keep-alive timer for all, running only while clients are
 * connected; a client is forgotten when its socket closes, whoever closed it.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly opts: SseHubOptions,
    private readonly observer: SseHubObserver,
  ) {}

  /** Adds a response whose headers are written; sends `first` (backlog or reset) to it. */
  attach(res: ServerResponse, first: string): void {
    this.clients.add(res);
    res.on('close', () => this.remove(res));
    this.observer.clientsChanged(this.clients.size);
    if (first !== '') this.write(res, first);
    if (this.timer === null && this.clients.size > 0) {
      this.timer = setInterval(() => this.broadcast(KEEP_ALIVE_FRAME), this.opts.keepAliveMs);
      this.timer.unref();
    }
  }

  broadcast(frame: string): void {
    for (const res of this.clients) this.write(res, frame);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (server shutdown: open streams would keep `close()` waiting). */
  closeAll(): void {
    for (const res of [...this.clients]) res.end();
    this.stopTimer();
  }

  private write(res: ServerResponse, frame: string): void {
    if (res.destroyed || res.writableEnded) return;
    res.write(frame);
    if (res.writableLength > this.opts.maxBufferedBytes) {
      this.observer.clientDropped();
      res.destroy();
      this.remove(res);
    }
  }

  private remove(res: ServerResponse): void {
    if (!this.clients.delete(res)) return;
    this.observer.clientsChanged(this.clients.size);
    if (this.clients.size === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
