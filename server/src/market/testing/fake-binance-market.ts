import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  bookTickerJson,
  depthSnapshotJson,
  depthUpdateJson,
  envelope,
  tradeJson,
} from '../../../../engine-core/src/market/feed/testing/binance-wire';
import { SyntheticDepth } from '../../../../engine-core/src/market/feed/testing/synthetic-depth';

/** Options of `startFakeBinanceMarket`. */
export interface FakeBinanceMarketOptions {
  /** Symbols served (upper case); each gets its own synthetic book. */
  readonly symbols: readonly string[];
  readonly seed?: number;
  /** Levels per side (default 300). */
  readonly levels?: number;
  /** Levels per side in a snapshot when the request gives no `limit` (Binance: 100). */
  readonly defaultLimit?: number;
}

/** A running fake. */
export interface FakeBinanceMarket {
  /** `ws://127.0.0.1:<port>` (the feed's `wsUrl`). */
  readonly wsUrl: string;
  /** `http://127.0.0.1:<port>` (the feed's `restUrl`). */
  readonly restUrl: string;
  /** Stream connections accepted so far. */
  readonly connections: number;
  /** Clients connected now. */
  readonly clients: number;
  /** Depth snapshot requests served. */
  readonly snapshots: number;
  /** The exchange's book of `symbol`, flat `[price, qty, …]` best first, and its update id. */
  book(symbol: string): { bids: number[]; asks: number[]; updateId: number };
  /** Moves every book by `n` diffs (each sent to subscribers), with a trade and book ticker each. */
  step(n?: number): void;
  /** The next diff of every book changes it without being sent: a gap for the clients. */
  skipNextDiff(): void;
  /** Drops every client connection (TCP reset, no close frame). */
  dropConnections(): void;
  /** While on, nothing is sent (the books still move): the clients go stale. */
  silence(on: boolean): void;
  /** Stops the server. */
  close(): Promise<void>;
}

interface Market {
  readonly gen: SyntheticDepth;
  updateId: number;
  tradeId: number;
}

/**
 * Binance's public market data on 127.0.0.1 (a free port), for tests: `GET /api/v3/depth` and the
 * WebSocket streams (`/stream?streams=…` combined, `/ws/<stream>` raw) of `<symbol>@depth`,
 * `@depth@100ms`, `@trade` and `@bookTicker`, in the real message layouts. Books are synthetic
 * (`SyntheticDepth`) and move only on `step`, so tests are deterministic; faults: a skipped diff
 * (gap), dropped connections, silence (staleness).
 */
export async function startFakeBinanceMarket(
  o: FakeBinanceMarketOptions,
): Promise<FakeBinanceMarket> {
  const markets = new Map<string, Market>();
  o.symbols.forEach((s, i) => {
    markets.set(s, {
      gen: new SyntheticDepth({ seed: (o.seed ?? 1) + i, levels: o.levels ?? 300 }),
      updateId: 1_000,
      tradeId: 0,
    });
  });
  const subs = new Map<WebSocket, { streams: Set<string>; combined: boolean }>();
  let connections = 0;
  let snapshots = 0;
  let skip = false;
  let silent = false;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || url.pathname !== '/api/v3/depth') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"code":-1,"msg":"not found"}');
      return;
    }
    const m = markets.get(url.searchParams.get('symbol') ?? '');
    if (m === undefined) {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"code":-1121,"msg":"Invalid symbol."}');
      return;
    }
    snapshots++;
    const limit = Number(url.searchParams.get('limit') ?? o.defaultLimit ?? 100);
    const body = depthSnapshotJson(
      m.updateId,
      m.gen.levels('bid', limit),
      m.gen.levels('ask', limit),
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };

  const server = createServer(handle);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let streams: string[];
    let combined: boolean;
    if (url.pathname === '/stream') {
      streams = (url.searchParams.get('streams') ?? '').split('/').filter((s) => s !== '');
      combined = true;
    } else if (url.pathname.startsWith('/ws/')) {
      streams = [url.pathname.slice(4)];
      combined = false;
    } else {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections++;
      subs.set(ws, { streams: new Set(streams), combined });
      ws.on('close', () => subs.delete(ws));
      ws.on('error', () => subs.delete(ws));
    });
  });

  const send = (stream: string, data: Record<string, unknown>): void => {
    if (silent) return;
    for (const [ws, sub] of subs) {
      if (!sub.streams.has(stream) || ws.readyState !== WebSocket.OPEN) continue;
      ws.send(sub.combined ? envelope(stream, data) : JSON.stringify(data));
    }
  };

  const stepOnce = (): void => {
    const time = Date.now(); // event times on the wall clock, as Binance's
    for (const [symbol, m] of markets) {
      const s = symbol.toLowerCase();
      const d = m.gen.nextDiff();
      const U = m.updateId + 1;
      m.updateId += 1 + (m.tradeId % 3); // a diff may span several update ids
      if (skip) continue;
      const data = depthUpdateJson({
        symbol,
        eventTime: time,
        U,
        u: m.updateId,
        bids: d.bids,
        asks: d.asks,
      });
      send(`${s}@depth@100ms`, data);
      send(`${s}@depth`, data);
      const bid = m.gen.levels('bid', 1);
      const ask = m.gen.levels('ask', 1);
      m.tradeId++;
      send(
        `${s}@trade`,
        tradeJson({
          symbol,
          id: m.tradeId,
          price: ask[0] as number,
          qty: 0.01,
          time,
          buyerIsMaker: m.tradeId % 2 === 0,
        }),
      );
      send(
        `${s}@bookTicker`,
        bookTickerJson({
          symbol,
          updateId: m.updateId,
          bidPrice: bid[0] as number,
          bidQty: bid[1] as number,
          askPrice: ask[0] as number,
          askQty: ask[1] as number,
        }),
      );
    }
    skip = false;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    restUrl: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get clients() {
      return subs.size;
    },
    get snapshots() {
      return snapshots;
    },
    book(symbol) {
      const m = markets.get(symbol);
      if (m === undefined) throw new Error(`unknown symbol ${symbol}`);
      return { bids: m.gen.levels('bid'), asks: m.gen.levels('ask'), updateId: m.updateId };
    },
    step(n = 1) {
      for (let i = 0; i < n; i++) stepOnce();
    },
    skipNextDiff() {
      skip = true;
    },
    dropConnections() {
      for (const ws of subs.keys()) ws.terminate();
      subs.clear();
    },
    silence(on) {
      silent = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of subs.keys()) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
