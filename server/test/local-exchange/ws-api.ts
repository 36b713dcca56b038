// The user-data part of Binance's WebSocket API (`/ws-api/v3`): `userDataStream.subscribe.signature`
// (signed with the API key's secret, params sorted by name), `userDataStream.unsubscribe`,
// `session.subscriptions`, `ping`, `time`. Events go out as `{subscriptionId, event}`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { verifyWsSigned } from './signed-request';
import type { ExchangeEvent, ExError } from './types';
import { userEventJson } from './wire-format';

interface Session {
  nextId: number;
  /** subscriptionId → account (API key). */
  readonly subs: Map<number, string>;
}

export class WsApi {
  private readonly _wss = new WebSocketServer({ noServer: true });
  private readonly _sessions = new Map<WebSocket, Session>();
  private _accepted = 0;

  constructor(
    private readonly _secrets: ReadonlyMap<string, string>,
    private readonly _now: () => number,
  ) {}

  /** Connections accepted so far. */
  get accepted(): number {
    return this._accepted;
  }

  /** Sessions with at least one subscription. */
  subscribedSessions(): number {
    return [...this._sessions.values()].filter((s) => s.subs.size > 0).length;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this._wss.handleUpgrade(req, socket, head, (ws) => {
      this._accepted++;
      const session: Session = { nextId: 0, subs: new Map() };
      this._sessions.set(ws, session);
      ws.on('message', (data) => this._onMessage(ws, session, String(data)));
      // Binance's WebSocket API pings every 20 s.
      const ping = setInterval(() => ws.ping(), 20_000);
      ping.unref();
      ws.on('close', () => {
        clearInterval(ping);
        this._sessions.delete(ws);
      });
      ws.on('error', () => this._sessions.delete(ws));
    });
  }

  /** Sends an exchange event to every subscription of its account. */
  publish(e: ExchangeEvent): void {
    const event = JSON.stringify(userEventJson(e));
    for (const [ws, s] of this._sessions) {
      for (const [id, account] of s.subs) {
        if (account === e.account) ws.send(`{"subscriptionId":${id},"event":${event}}`);
      }
    }
  }

  /** Drops every connection without a close frame (as a network failure would). */
  dropAll(): void {
    for (const ws of this._sessions.keys()) ws.terminate();
    this._sessions.clear();
  }

  close(): void {
    this.dropAll();
    this._wss.close();
  }

  private _onMessage(ws: WebSocket, s: Session, text: string): void {
    let msg: { id?: unknown; method?: unknown; params?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      ws.send(JSON.stringify({ id: null, status: 400, error: { code: -2, msg: 'Invalid JSON' } }));
      return;
    }
    const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? msg.id : null;
    const params =
      typeof msg.params === 'object' && msg.params !== null
        ? (msg.params as Record<string, unknown>)
        : {};
    const ok = (result: unknown): void => ws.send(JSON.stringify({ id, status: 200, result }));
    const err = (e: ExError): void =>
      ws.send(JSON.stringify({ id, status: e.status, error: { code: e.code, msg: e.msg } }));
    switch (msg.method) {
      case 'userDataStream.subscribe.signature': {
        const auth = verifyWsSigned(params, this._secrets, this._now());
        if (!auth.ok) return err(auth.error);
        for (const [sid, account] of s.subs) if (account === auth.apiKey) s.subs.delete(sid);
        const sid = s.nextId++;
        s.subs.set(sid, auth.apiKey);
        return ok({ subscriptionId: sid });
      }
      case 'userDataStream.unsubscribe': {
        const sid = params.subscriptionId;
        if (typeof sid === 'number') s.subs.delete(sid);
        else s.subs.clear();
        return ok({});
      }
      case 'session.subscriptions':
        return ok([...s.subs.keys()].map((subscriptionId) => ({ subscriptionId })));
      case 'ping':
        return ok({});
      case 'time':
        return ok({ serverTime: this._now() });
      default:
        return err({
          status: 400,
          code: -1100,
          msg: "Illegal characters found in parameter 'method'.",
        });
    }
  }
}
