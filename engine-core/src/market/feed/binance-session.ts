import { type SymbolId, timestampMs } from '../../model';
import type { FeedStatus, MarketUpdate } from '../../venue/market-feed';
import { backoffDelay } from './backoff';
import type { ResolvedBinanceFeedOptions } from './binance-feed-options';
import { type BinanceStreamSet, binanceStreamNames, combinedStreamUrl } from './binance-streams';
import { DepthChannel } from './depth-channel';
import { parseBinanceStreamMessage } from './parse-binance-stream';
import type { TimerHandle } from './scheduler';
import type { WsConnection } from './ws-transport';

/**
 * One subscription of a `BinanceFeed`: a combined-stream connection for its symbols and streams,
 * reopened after a loss with exponential backoff and jitter (the attempt count starts over once
 * a message arrives), closed and reopened when nothing arrived for `staleAfterMs`, and one
 * `DepthChannel` per symbol when the depth stream is on.
 */
export class BinanceSession {
  readonly depth = new Map<SymbolId, DepthChannel>();
  /** Connections opened so far. */
  connects = 0;
  private readonly _o: ResolvedBinanceFeedOptions;
  private readonly _symbols: ReadonlySet<string>;
  private readonly _url: string;
  private readonly _onUpdate: (u: MarketUpdate) => void;
  private _conn: WsConnection | null = null;
  /** Bumped whenever a connection is given up: its late callbacks are ignored. */
  private _gen = 0;
  private _attempt = 0;
  private _healthy = false;
  private _lastMessageAt = 0;
  private _staleTimer: TimerHandle | null = null;
  private _reconnectTimer: TimerHandle | null = null;
  private _stopped = false;

  constructor(
    o: ResolvedBinanceFeedOptions,
    symbols: readonly SymbolId[],
    streams: BinanceStreamSet,
    onUpdate: (u: MarketUpdate) => void,
  ) {
    this._o = o;
    this._symbols = new Set(symbols);
    this._onUpdate = onUpdate;
    this._url = combinedStreamUrl(o.wsUrl, binanceStreamNames(symbols, streams, o.depthSpeedMs));
    if (streams.depth === true) {
      for (const symbol of symbols) {
        this.depth.set(
          symbol,
          new DepthChannel({
            symbol,
            http: o.http,
            scheduler: o.scheduler,
            random: o.random,
            restUrl: o.restUrl,
            limit: o.depthLimit,
            timeoutMs: o.snapshotTimeoutMs,
            backoff: o.snapshotBackoff,
            maxBuffered: o.maxBufferedDiffs,
            emit: onUpdate,
          }),
        );
      }
    }
  }

  /** The stream URL it connects to. */
  get url(): string {
    return this._url;
  }

  /** Opens the connection. */
  start(): void {
    this._connect();
  }

  /** Closes everything; no update is delivered afterwards. */
  stop(): void {
    if (this._stopped) return;
    this._stopped = true;
    this._gen++;
    this._clearTimers();
    for (const ch of this.depth.values()) ch.reset();
    const conn = this._conn;
    this._conn = null;
    conn?.close();
  }

  private _connect(): void {
    const gen = ++this._gen;
    const o = this._o;
    this._healthy = false;
    this._lastMessageAt = o.scheduler.now();
    this.connects++;
    let error = '';
    this._conn = o.connect(this._url, {
      onOpen: () => {
        if (gen !== this._gen) return;
        this._lastMessageAt = o.scheduler.now();
        this._status(null, 'connected', `connected to ${this._url}`);
      },
      onMessage: (text) => {
        if (gen === this._gen) this._onMessage(text);
      },
      onError: (message) => {
        error = message;
      },
      onClose: (code, reason) => {
        if (gen !== this._gen) return;
        const why = error !== '' ? error : reason !== '' ? reason : 'closed';
        this._lost(`connection closed (${code}: ${why})`);
      },
    });
    this._armStaleTimer();
  }

  private _onMessage(text: string): void {
    const now = this._o.scheduler.now();
    this._lastMessageAt = now;
    if (!this._healthy) {
      this._healthy = true;
      this._attempt = 0;
    }
    const r = parseBinanceStreamMessage(text, now);
    if (!r.ok) {
      this._status(null, 'error', r.error);
      return;
    }
    const u = r.value;
    if (u.kind === 'status') {
      this._onUpdate(u);
      this._giveUp('reconnecting after the server shutdown notice');
      return;
    }
    if (!this._symbols.has(u.symbol)) return;
    if (u.kind === 'depth') {
      this.depth.get(u.symbol)?.onDiff(u);
      return;
    }
    this._onUpdate(u);
  }

  /** Drops the current connection (stale, shutdown notice) and schedules the next. */
  private _giveUp(why: string): void {
    const conn = this._conn;
    this._lost(why);
    conn?.close();
  }

  /** The connection is gone: reset the books, say so, and schedule a reconnect. */
  private _lost(why: string): void {
    this._gen++;
    this._conn = null;
    this._clearTimers();
    for (const ch of this.depth.values()) ch.reset();
    const o = this._o;
    const delay = backoffDelay(this._attempt++, o.reconnectBackoff, o.random);
    this._status(null, 'disconnected', `${why}; reconnecting in ${delay} ms`);
    this._reconnectTimer = o.scheduler.setTimer(() => {
      this._reconnectTimer = null;
      if (!this._stopped) this._connect();
    }, delay);
  }

  /** Fires when `staleAfterMs` have passed since the last message, unless one came meanwhile. */
  private _armStaleTimer(): void {
    const o = this._o;
    const due = this._lastMessageAt + o.staleAfterMs - o.scheduler.now();
    this._staleTimer = o.scheduler.setTimer(
      () => {
        this._staleTimer = null;
        const silent = o.scheduler.now() - this._lastMessageAt;
        if (silent >= o.staleAfterMs) {
          this._status(null, 'stale', `no message for ${silent} ms`);
          this._giveUp(`stale for ${silent} ms`);
        } else {
          this._armStaleTimer();
        }
      },
      Math.max(0, due),
    );
  }

  private _clearTimers(): void {
    const s = this._o.scheduler;
    if (this._staleTimer !== null) s.clearTimer(this._staleTimer);
    if (this._reconnectTimer !== null) s.clearTimer(this._reconnectTimer);
    this._staleTimer = null;
    this._reconnectTimer = null;
  }

  private _status(symbol: SymbolId | null, status: FeedStatus, message: string): void {
    this._onUpdate({
      kind: 'status',
      symbol,
      status,
      message,
      ts: timestampMs(this._o.scheduler.now()),
    });
  }
}
