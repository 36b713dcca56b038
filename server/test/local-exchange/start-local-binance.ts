// A protocol-faithful Binance spot exchange on 127.0.0.1 for tests: the REST subset the adapter
// uses (signed as Binance signs, weighted as Binance weighs), the WebSocket API user-data stream,
// a matching engine with balances, and fault injection through `controls`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults';
import { Ledger } from './ledger';
import { MatchingEngine } from './matching-engine';
import { DEFAULT_RATE_LIMITS, requestWeight, WindowCounter } from './request-weights';
import * as handlers from './rest-handlers';
import { verifySigned } from './signed-request';
import type { AccountSpec, ExError, ExOrder, ExTrade, SymbolSpec } from './types';
import { exchangeInfoJson, type RateLimitSpec } from './wire-format';
import { WsApi } from './ws-api';

export interface LocalBinanceOptions {
  readonly accounts: readonly AccountSpec[];
  readonly symbols: readonly SymbolSpec[];
  /** exchangeInfo's rateLimits, enforced (default: Binance spot's). */
  readonly rateLimits?: readonly RateLimitSpec[];
  /** Fee rates (default 0.001 both, Binance's base tier). */
  readonly fees?: { readonly maker: number; readonly taker: number };
  /** Which notional filter exchangeInfo publishes (Binance moved from MIN_NOTIONAL to NOTIONAL). */
  readonly notionalFilter?: 'NOTIONAL' | 'MIN_NOTIONAL';
}

/** One request as the exchange saw it (for tests). */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly params: URLSearchParams;
  readonly at: number;
  status: number;
  code: number | null;
}

export interface LocalBinanceControls {
  setPrice(symbol: string, px: number): void;
  setLiquidity(symbol: string, qtyPerTick: number | null): void;
  /** The next execution is delivered as `k` trades. */
  fillInPieces(k: number): void;
  setLatency(ms: number): void;
  /** The next `n` requests answer `status`; with `execute` they are carried out first. */
  failNext(n: number, status: 500 | 502 | 503, opts?: { execute?: boolean }): void;
  /** The next `n` requests answer 429 with Retry-After; requests before it passes get 418. */
  rateLimitNext(n: number, retryAfterSec: number): void;
  /** The next `n` matching requests are carried out but answered after `afterMs` or never. */
  loseNextResponses(
    n: number,
    opts?: { method?: string; path?: string; afterMs?: number | null },
  ): void;
  /** Terminates every WebSocket connection now. */
  dropConnections(): void;
  /** While false, WebSocket upgrades are refused (503). */
  setWsAvailable(on: boolean): void;
  /** The exchange's clock runs `ms` ahead of this machine's. */
  setClockSkew(ms: number): void;
  serverTime(): number;
  orders(): readonly Readonly<ExOrder>[];
  trades(apiKey: string, symbol: string): readonly ExTrade[];
  balances(apiKey: string): { asset: string; free: number; locked: number }[];
  readonly requests: readonly LoggedRequest[];
  /** WebSocket connections accepted so far, and those subscribed now. */
  wsAccepted(): number;
  wsSubscribed(): number;
}

export interface LocalBinance {
  readonly restUrl: string;
  /** The WebSocket API base (`ws://127.0.0.1:<port>/ws-api/v3`). */
  readonly wsUrl: string;
  readonly controls: LocalBinanceControls;
  close(): Promise<void>;
}

type Handler = (account: string, p: URLSearchParams, c: handlers.HandlerContext) => handlers.Reply;

const SIGNED: Readonly<Record<string, Handler>> = {
  'POST /api/v3/order': handlers.newOrder,
  'DELETE /api/v3/order': handlers.cancelOrder,
  'GET /api/v3/order': handlers.queryOrder,
  'GET /api/v3/openOrders': handlers.openOrders,
  'GET /api/v3/account': handlers.account,
  'GET /api/v3/myTrades': handlers.myTrades,
};

/** exchangeInfo's `symbol` / `symbols` (a JSON array) filter; every symbol when absent. */
function wanted(p: URLSearchParams): { has(s: string): boolean } {
  const one = p.get('symbol');
  if (one) return new Set([one]);
  const many = p.get('symbols');
  if (!many) return { has: () => true };
  try {
    const list: unknown = JSON.parse(many);
    return new Set(Array.isArray(list) ? list.map(String) : []);
  } catch {
    return new Set();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startLocalBinance(o: LocalBinanceOptions): Promise<LocalBinance> {
  const faults = new Faults();
  const now = (): number => Date.now() + faults.clockSkewMs;
  const secrets = new Map(o.accounts.map((a) => [a.apiKey, a.apiSecret]));
  const fees = o.fees ?? { maker: 0.001, taker: 0.001 };
  const ledger = new Ledger();
  for (const a of o.accounts) ledger.open(a.apiKey, a.balances);
  const wsApi = new WsApi(secrets, now);
  const engine = new MatchingEngine(o.symbols, ledger, now, fees, (e) => wsApi.publish(e));
  const ctx: handlers.HandlerContext = { engine, ledger, fees, now };
  const limits = o.rateLimits ?? DEFAULT_RATE_LIMITS;
  const weightCounters = limits
    .filter((l) => l.rateLimitType === 'REQUEST_WEIGHT')
    .map((l) => new WindowCounter(l));
  const orderCounters = new Map<string, WindowCounter[]>();
  const orderLimits = limits.filter((l) => l.rateLimitType === 'ORDERS');
  const requests: LoggedRequest[] = [];
  const held = new Set<ServerResponse>();
  let backoffUntil = 0;

  const send = (
    res: ServerResponse,
    entry: LoggedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    entry.status = status;
    const code = (body as { code?: unknown } | null)?.code;
    entry.code = status >= 400 && typeof code === 'number' ? code : null;
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const sendError = (res: ServerResponse, entry: LoggedRequest, e: ExError, h = {}): void =>
    send(res, entry, e.status, { code: e.code, msg: e.msg }, h);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const query = url.search.startsWith('?') ? url.search.slice(1) : '';
    const body = await readBody(req);
    const params = new URLSearchParams(query);
    for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
    params.delete('signature');
    const entry: LoggedRequest = { method, path, params, at: now(), status: 0, code: null };
    requests.push(entry);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);

    const t = now();
    if (t < backoffUntil) {
      // Not waiting out a 429's Retry-After is what gets an IP banned (418).
      const retryAfter = Math.ceil((backoffUntil - t) / 1000);
      return sendError(
        res,
        entry,
        {
          status: 418,
          code: -1003,
          msg: `Way too many requests; IP(127.0.0.1) banned until ${backoffUntil}. Please use the websocket for live updates to avoid bans.`,
        },
        { 'Retry-After': String(retryAfter) },
      );
    }
    const injected429 = faults.takeRateLimit();
    if (injected429 !== null) {
      backoffUntil = t + injected429 * 1000;
      return sendError(
        res,
        entry,
        {
          status: 429,
          code: -1003,
          msg: 'Too many requests; current limit of IP(127.0.0.1) request weight is 6000 per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
        },
        { 'Retry-After': String(injected429) },
      );
    }
    const fault5xx = faults.takeServerError();
    const internal: ExError = {
      status: fault5xx?.status ?? 500,
      code: -1001,
      msg: 'Internal error; unable to process your request. Please try again.',
    };
    if (fault5xx && !fault5xx.execute) return sendError(res, entry, internal);

    // Weight: counted for every request; over the limit → 429 until the window ends.
    const weight = requestWeight(method, path, params);
    const headers: Record<string, string> = {};
    for (const c of weightCounters) {
      const used = c.add(t, weight);
      headers[`X-MBX-USED-WEIGHT-${c.suffix}`] = String(used);
      if (used > c.spec.limit) {
        const retryAfter = Math.ceil(c.msLeft(t) / 1000);
        backoffUntil = t + c.msLeft(t);
        return sendError(
          res,
          entry,
          {
            status: 429,
            code: -1003,
            msg: `Too many requests; current limit of IP(127.0.0.1) request weight is ${c.spec.limit} per ${c.spec.intervalNum} ${c.spec.interval}. Please use WebSocket Streams for live updates to avoid polling the API.`,
          },
          { ...headers, 'Retry-After': String(retryAfter) },
        );
      }
    }

    const route = `${method} ${path}`;
    let reply: handlers.Reply;
    if (route === 'GET /api/v3/ping') reply = { ok: true, body: {} };
    else if (route === 'GET /api/v3/time') reply = { ok: true, body: { serverTime: t } };
    else if (route === 'GET /api/v3/exchangeInfo')
      reply = {
        ok: true,
        body: exchangeInfoJson(
          engine.specs().filter((s) => wanted(params).has(s.symbol)),
          limits,
          t,
          o.notionalFilter ?? 'NOTIONAL',
        ),
      };
    else if (path === '/api/v3/userDataStream') {
      // Binance retired the spot listenKey flow: the endpoint answers 410 Gone.
      entry.status = 410;
      res.writeHead(410, { 'content-type': 'text/html' });
      res.end('<html><head><title>410 Gone</title></head><body><h1>410 Gone</h1></body></html>');
      return;
    } else {
      const handler = SIGNED[route];
      if (!handler) {
        entry.status = 404;
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body><h2>404 Not found</h2></body></html>');
        return;
      }
      const auth = verifySigned(
        { query, body, apiKey: req.headers['x-mbx-apikey'] as string | undefined },
        secrets,
        t,
      );
      if (!auth.ok) return sendError(res, entry, auth.error, headers);
      if (route === 'POST /api/v3/order') {
        let counters = orderCounters.get(auth.apiKey);
        if (!counters) {
          counters = orderLimits.map((l) => new WindowCounter(l));
          orderCounters.set(auth.apiKey, counters);
        }
        for (const c of counters) {
          const n = c.add(t, 1);
          headers[`X-MBX-ORDER-COUNT-${c.suffix}`] = String(n);
          if (n > c.spec.limit) {
            return sendError(
              res,
              entry,
              {
                status: 429,
                code: -1015,
                msg: `Too many new orders; current limit is ${c.spec.limit} orders per ${c.spec.intervalNum} ${c.spec.interval}.`,
              },
              headers,
            );
          }
        }
      }
      reply = handler(auth.apiKey, auth.params, ctx);
    }
    if (fault5xx) return sendError(res, entry, internal);
    const delay = faults.takeLost(method, path);
    if (delay !== undefined) {
      entry.status = -1;
      held.add(res);
      if (delay === null) return;
      await sleep(delay);
      held.delete(res);
      if (res.destroyed) return;
    }
    if (reply.ok) send(res, entry, 200, reply.body, headers);
    else sendError(res, entry, reply.error, headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: -1000, msg: `local exchange bug: ${String(e)}` }));
      }
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/ws-api/v3' || !faults.wsAvailable) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wsApi.upgrade(req, socket, head);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const controls: LocalBinanceControls = {
    setPrice: (s, px) => engine.setPrice(s, px),
    setLiquidity: (s, q) => engine.setLiquidity(s, q),
    fillInPieces: (k) => engine.fillInPieces(k),
    setLatency: (ms) => {
      faults.latencyMs = ms;
    },
    failNext: (n, status, opts) => faults.failNext(n, status, opts?.execute ?? false),
    rateLimitNext: (n, sec) => faults.rateLimitNext(n, sec),
    loseNextResponses: (n, opts) =>
      faults.loseNext(
        n,
        opts?.method ?? 'POST',
        opts?.path ?? '/api/v3/order',
        opts?.afterMs ?? null,
      ),
    dropConnections: () => wsApi.dropAll(),
    setWsAvailable: (on) => {
      faults.wsAvailable = on;
    },
    setClockSkew: (ms) => {
      faults.clockSkewMs = ms;
    },
    serverTime: now,
    orders: () => engine.allOrders(),
    trades: (apiKey, symbol) => engine.trades(apiKey, symbol, { limit: 1_000_000 }),
    balances: (apiKey) => ledger.balances(apiKey),
    requests,
    wsAccepted: () => wsApi.accepted,
    wsSubscribed: () => wsApi.subscribedSessions(),
  };

  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws-api/v3`,
    controls,
    close: async () => {
      for (const r of held) r.destroy();
      wsApi.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
