// The user-data stream over Binance's WebSocket API: connect, `userDataStream.subscribe.signature`
// (apiKey + timestamp signed with the secret), hand over order and balance events, and on any
// drop (close, error, refused subscription, terminated stream, silence) reconnect with backoff
// and jitter. After each subscription the owner reconciles before the stream counts as connected.
import type WebSocket from 'ws';
import type { ConnectionState } from '../venue-adapter';
import { type BackoffPolicy, backoffMs } from './backoff';
import { parseWsFrame, type WsFrame } from './parse';
import { signWsParams } from './sign';

export interface UserStreamOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly serverNow: () => number;
  readonly random: () => number;
  readonly reconnect: BackoffPolicy;
  readonly createWebSocket: (url: string) => WebSocket;
  /** No frame and no ping for this long means a dead connection (Binance pings every 20 s). */
  readonly staleAfterMs: number;
}

export interface UserStreamHandlers {
  /** Order and balance events, in the stream's order. */
  onFrame(frame: Extract<WsFrame, { kind: 'execution' | 'account' }>): void;
  /** Runs after every subscription; the stream counts as connected once it resolves. */
  onSubscribed(): Promise<void>;
  onState(state: ConnectionState): void;
  /** A frame that did not parse (it is skipped). */
  onBadFrame(error: string): void;
}

export class UserStream {
  private _ws: WebSocket | null = null;
  private _closed = false;
  private _attempt = 0;
  private _requestSeq = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _started: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly _o: UserStreamOptions,
    private readonly _h: UserStreamHandlers,
  ) {}

  /** Resolves once the first subscription is up and reconciled. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this._started = { resolve, reject };
      this._h.onState({ state: 'connecting' });
      this._connect();
    });
  }

  close(): void {
    this._closed = true;
    if (this._timer) clearTimeout(this._timer);
    this._ws?.terminate();
    this._ws = null;
    this._started?.reject(new Error('user stream closed before it connected'));
    this._started = null;
    this._h.onState({ state: 'closed' });
  }

  private _connect(): void {
    if (this._closed) return;
    const ws = this._o.createWebSocket(this._o.url);
    this._ws = ws;
    const requestId = `veloz-sub-${++this._requestSeq}`;
    let down = false;
    let stale: ReturnType<typeof setTimeout> | null = null;
    const fresh = (): void => {
      if (stale) clearTimeout(stale);
      stale = setTimeout(() => fail('no frame or ping for too long'), this._o.staleAfterMs);
    };
    const fail = (reason: string): void => {
      if (down) return;
      down = true;
      if (stale) clearTimeout(stale);
      ws.removeAllListeners('message');
      ws.terminate();
      if (this._ws === ws) this._ws = null;
      this._reconnectLater(reason);
    };
    ws.on('open', () => {
      fresh();
      const params = { apiKey: this._o.apiKey, timestamp: Math.round(this._o.serverNow()) };
      const signature = signWsParams(params, this._o.apiSecret);
      ws.send(
        JSON.stringify({
          id: requestId,
          method: 'userDataStream.subscribe.signature',
          params: { ...params, signature },
        }),
      );
    });
    ws.on('ping', fresh);
    ws.on('message', (data) => {
      fresh();
      const f = parseWsFrame(String(data));
      if (!f.ok) return this._h.onBadFrame(f.error);
      const frame = f.value;
      switch (frame.kind) {
        case 'response':
          if (frame.id !== requestId) return;
          if (frame.status !== 200) {
            const e = frame.error;
            return fail(
              `subscription refused: ${e ? `Binance ${e.code}: ${e.msg}` : `status ${frame.status}`}`,
            );
          }
          void this._onSubscribed(() => down, fail);
          return;
        case 'terminated':
          return fail('event stream terminated by Binance');
        case 'execution':
        case 'account':
          return this._h.onFrame(frame);
        case 'other':
          return;
      }
    });
    ws.on('error', (e: Error) => fail(`connection error: ${e.message}`));
    ws.on('close', (code: number) => fail(`connection closed (${code})`));
  }

  private async _onSubscribed(
    isDown: () => boolean,
    fail: (reason: string) => void,
  ): Promise<void> {
    try {
      await this._h.onSubscribed();
    } catch (e) {
      fail(`reconciliation failed: ${e instanceof Error ? e.message : 'unknown'}`);
      return;
    }
    if (isDown() || this._closed) return;
    this._attempt = 0;
    this._h.onState({ state: 'connected' });
    this._started?.resolve();
    this._started = null;
  }

  private _reconnectLater(reason: string): void {
    if (this._closed) return;
    this._attempt++;
    this._h.onState({ state: 'reconnecting', attempt: this._attempt, reason });
    const wait = backoffMs(this._attempt - 1, this._o.reconnect, this._o.random);
    this._timer = setTimeout(() => {
      this._timer = null;
      this._connect();
    }, wait);
  }
}
