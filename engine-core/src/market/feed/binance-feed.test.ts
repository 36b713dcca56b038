import { describe, expect, it } from 'vitest';
import { type SymbolId, symbolId } from '../../model';
import type { MarketUpdate, StatusUpdate } from '../../venue/market-feed';
import type { HttpGetInit, HttpResponse } from '../http-get';
import { BinanceFeed } from './binance-feed';
import type { BinanceFeedOptions } from './binance-feed-options';
import { BookTracker } from './book-tracker';
import { ManualScheduler } from './manual-scheduler';
import {
  bookTickerJson,
  depthSnapshotJson,
  depthUpdateJson,
  envelope,
  klineJson,
  tradeJson,
} from './testing/binance-wire';
import type { WsHandlers } from './ws-transport';

const BTC = symbolId('BTCUSDT');
const ETH = symbolId('ETHUSDT');

/** Lets promise callbacks run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** An in-memory transport: the test plays the server. */
class FakeSockets {
  readonly opened: { url: string; h: WsHandlers; closed: boolean }[] = [];
  readonly connect = (url: string, h: WsHandlers) => {
    const c = { url, h, closed: false };
    this.opened.push(c);
    return {
      close: () => {
        c.closed = true;
      },
    };
  };
  get last() {
    const c = this.opened[this.opened.length - 1];
    if (c === undefined) throw new Error('no connection');
    return c;
  }
  send(stream: string, data: unknown): void {
    this.last.h.onMessage(envelope(stream, data));
  }
}

/** An HttpGet whose replies the test gives. */
class FakeHttp {
  readonly requests: {
    url: string;
    init: HttpGetInit;
    resolve: (r: HttpResponse) => void;
    reject: (e: Error) => void;
  }[] = [];
  readonly get = (url: string, init: HttpGetInit): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      this.requests.push({ url, init, resolve, reject });
    });
  reply(status: number, body: string, headers: Record<string, string> = {}): void {
    const r = this.requests.shift();
    if (r === undefined) throw new Error('no request pending');
    r.resolve({ status, headers, body });
  }
  fail(e: Error): void {
    const r = this.requests.shift();
    if (r === undefined) throw new Error('no request pending');
    r.reject(e);
  }
}

function setup(extra: Partial<BinanceFeedOptions> = {}) {
  const ws = new FakeSockets();
  const http = new FakeHttp();
  const clock = new ManualScheduler(1_000_000);
  const feed = new BinanceFeed({
    connect: ws.connect,
    http: http.get,
    scheduler: clock,
    random: () => 0.5, // every backoff is ¾ of its cap
    ...extra,
  });
  const got: MarketUpdate[] = [];
  const statuses = () => got.filter((u): u is StatusUpdate => u.kind === 'status');
  return { ws, http, clock, feed, got, statuses };
}

const diff = (U: number, u: number, bids: number[], asks: number[] = [], symbol: SymbolId = BTC) =>
  depthUpdateJson({ symbol, eventTime: 5_000 + u, U, u, bids, asks });

describe('BinanceFeed', () => {
  it('opens one combined stream on the real endpoint by default and reports connected', () => {
    const { ws, feed, got } = setup();
    feed.subscribeStreams(
      [BTC, ETH],
      { trade: true, bookTicker: true, depth: true, klines: ['1m'] },
      (u) => got.push(u),
    );
    expect(ws.last.url).toBe(
      'wss://stream.binance.com:9443/stream?streams=btcusdt@trade/btcusdt@bookTicker/btcusdt@depth@100ms/btcusdt@kline_1m/ethusdt@trade/ethusdt@bookTicker/ethusdt@depth@100ms/ethusdt@kline_1m',
    );
    ws.last.h.onOpen();
    expect(got).toEqual([
      {
        kind: 'status',
        symbol: null,
        status: 'connected',
        message: `connected to ${ws.last.url}`,
        ts: 1_000_000,
      },
    ]);
  });

  it('passes trades, book tickers and klines of its symbols through', () => {
    const { ws, feed, got } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    got.length = 0;
    ws.send(
      'btcusdt@trade',
      tradeJson({
        symbol: 'BTCUSDT',
        id: 1,
        price: 50_000.5,
        qty: 0.25,
        time: 77,
        buyerIsMaker: false,
      }),
    );
    ws.send(
      'ethusdt@trade',
      tradeJson({ symbol: 'ETHUSDT', id: 2, price: 3000, qty: 1, time: 78, buyerIsMaker: true }),
    );
    ws.send(
      'btcusdt@bookTicker',
      bookTickerJson({
        symbol: 'BTCUSDT',
        updateId: 9,
        bidPrice: 50_000,
        bidQty: 1,
        askPrice: 50_001,
        askQty: 2,
      }),
    );
    ws.send(
      'btcusdt@kline_1m',
      klineJson({
        symbol: 'BTCUSDT',
        eventTime: 90,
        interval: '1m',
        intervalMs: 60_000,
        time: 60_000,
        open: 1,
        high: 3,
        low: 0.5,
        close: 2,
        volume: 10,
        closed: true,
      }),
    );
    expect(got).toEqual([
      { kind: 'trade', symbol: BTC, price: 50_000.5, qty: 0.25, side: 'BUY', ts: 77 },
      {
        kind: 'book_ticker',
        symbol: BTC,
        bidPrice: 50_000,
        bidQty: 1,
        askPrice: 50_001,
        askQty: 2,
        updateId: 9,
        ts: 1_000_000,
      },
      {
        kind: 'kline',
        symbol: BTC,
        interval: '1m',
        bar: { time: 60_000, open: 1, high: 3, low: 0.5, close: 2, volume: 10 },
        closed: true,
        ts: 90,
      },
    ]);
  });

  it('buffers diffs, fetches one snapshot after the first, then emits the rebuilt book and the diffs', async () => {
    const { ws, http, feed, got, statuses } = setup({ restUrl: 'http://127.0.0.1:9/' });
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(95, 99, [99, 1]));
    ws.send('btcusdt@depth@100ms', diff(100, 104, [98, 2], [102, 1]));
    expect(http.requests.map((r) => r.url)).toEqual([
      'http://127.0.0.1:9/api/v3/depth?symbol=BTCUSDT&limit=1000',
    ]);
    expect(http.requests[0]?.init.timeoutMs).toBe(10_000);
    expect(feed.book(BTC)).toBeNull();
    http.reply(200, depthSnapshotJson(101, [100, 1, 99, 5], [101, 3]));
    await settle();
    expect(statuses().map((s) => [s.status, s.message])).toEqual([
      ['connected', expect.any(String)],
      ['resynced', 'book rebuilt from snapshot 101 and 1 buffered diffs'],
    ]);
    const reset = got.find((u) => u.kind === 'depth');
    expect(reset).toEqual({
      kind: 'depth',
      symbol: BTC,
      reset: true,
      bids: [100, 1, 99, 5, 98, 2],
      asks: [101, 3, 102, 1],
      firstUpdateId: 104,
      lastUpdateId: 104,
      ts: 1_000_000,
    });
    ws.send('btcusdt@depth@100ms', diff(105, 106, [100, 0]));
    expect(got[got.length - 1]).toMatchObject({
      kind: 'depth',
      reset: false,
      firstUpdateId: 105,
      lastUpdateId: 106,
      bids: [100, 0],
    });
    const book = feed.book(BTC);
    expect(book?.levels('bid')).toEqual([99, 5, 98, 2]);
    expect(book?.updateId).toBe(106);
  });

  it('resyncs on a gap: gap status, a new snapshot, resynced', async () => {
    const { ws, http, feed, got, statuses } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(11, 12, [99, 1]));
    http.reply(200, depthSnapshotJson(10, [100, 1], [101, 1]));
    await settle();
    ws.send('btcusdt@depth@100ms', diff(15, 16, [97, 1])); // 13..14 lost
    expect(statuses().map((s) => s.status)).toEqual(['connected', 'resynced', 'gap']);
    expect(statuses()[2]?.message).toBe('diff 15..16 does not follow 12; fetching a new snapshot');
    expect(feed.book(BTC)).toBeNull();
    expect(http.requests).toHaveLength(1);
    ws.send('btcusdt@depth@100ms', diff(17, 17, [96, 1]));
    http.reply(200, depthSnapshotJson(15, [100, 2, 99, 1], [101, 1]));
    await settle();
    expect(statuses().map((s) => s.status)).toEqual(['connected', 'resynced', 'gap', 'resynced']);
    expect(feed.book(BTC)?.levels('bid')).toEqual([100, 2, 99, 1, 97, 1, 96, 1]);
    // A consumer that only sees the emitted updates rebuilds the same book.
    ws.send('btcusdt@depth@100ms', diff(18, 19, [100, 0, 95, 4], [101, 2]));
    const tracker = new BookTracker();
    for (const u of got) tracker.onUpdate(u);
    expect(tracker.book(BTC)?.levels('bid')).toEqual(feed.book(BTC)?.levels('bid'));
    expect(tracker.book(BTC)?.levels('ask')).toEqual([101, 2]);
    expect(tracker.book(BTC)?.updateId).toBe(19);
  });

  it('retries a failed snapshot after a backoff, honouring Retry-After', async () => {
    const { ws, http, clock, feed, got, statuses } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(11, 12, [99, 1]));
    http.reply(500, 'oops');
    await settle();
    expect(statuses()[1]).toMatchObject({
      status: 'error',
      message: 'depth snapshot HTTP 500: oops',
    });
    clock.advance(749);
    expect(http.requests).toHaveLength(0);
    clock.advance(1); // first retry: ¾ of 1000 ms
    expect(http.requests).toHaveLength(1);
    http.reply(429, '{"code":-1003}', { 'retry-after': '3' });
    await settle();
    clock.advance(2_999);
    expect(http.requests).toHaveLength(0);
    clock.advance(1); // Retry-After 3 s beats the 1500 ms backoff
    expect(http.requests).toHaveLength(1);
    http.reply(200, '{"lastUpdateId":"x"}');
    await settle();
    expect(statuses()[3]?.message).toBe(
      'depth snapshot lastUpdateId: expected an integer ≥ 0, got "x"',
    );
    clock.advance(3_000); // ¾ of 4000 ms
    http.fail(new Error('timeout after 10000 ms'));
    await settle();
    expect(statuses()[4]?.message).toBe('depth snapshot: timeout after 10000 ms');
    clock.advance(6_000);
    http.reply(200, depthSnapshotJson(11, [100, 1], [101, 1]));
    await settle();
    expect(statuses()[5]?.status).toBe('resynced');
    expect(feed.book(BTC)?.levels('bid')).toEqual([100, 1, 99, 1]);
  });

  it('fetches another snapshot when one is older than the buffered diffs', async () => {
    const { ws, http, clock, feed, got } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(20, 22, [99, 1]));
    http.reply(200, depthSnapshotJson(10, [100, 1], [101, 1]));
    await settle();
    expect(feed.book(BTC)).toBeNull();
    clock.advance(750);
    http.reply(200, depthSnapshotJson(21, [100, 1], [101, 1]));
    await settle();
    expect(feed.book(BTC)?.updateId).toBe(22);
  });

  it('reconnects with exponential backoff and jitter, and resyncs the book after it', async () => {
    const { ws, http, clock, feed, got, statuses } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(11, 12, [99, 1]));
    http.reply(200, depthSnapshotJson(10, [100, 1], [101, 1]));
    await settle();
    expect(feed.book(BTC)).not.toBeNull();
    ws.last.h.onError('ECONNRESET');
    ws.last.h.onClose(1006, '');
    expect(feed.book(BTC)).toBeNull();
    expect(statuses().at(-1)?.message).toBe(
      'connection closed (1006: ECONNRESET); reconnecting in 375 ms',
    );
    // Attempts without any message double the cap: 375, 750, 1500 ms (¾ of 500, 1000, 2000).
    for (const wait of [375, 750, 1500]) {
      const before = ws.opened.length;
      clock.advance(wait - 1);
      expect(ws.opened).toHaveLength(before);
      clock.advance(1);
      expect(ws.opened).toHaveLength(before + 1);
      expect(ws.last.url).toBe(ws.opened[0]?.url);
      if (wait < 1500) ws.last.h.onClose(1006, 'refused');
    }
    // A message resets the attempts; the depth stream resyncs from a new snapshot.
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(30, 31, [98, 1]));
    http.reply(200, depthSnapshotJson(30, [100, 1], [101, 1]));
    await settle();
    expect(feed.book(BTC)?.levels('bid')).toEqual([100, 1, 98, 1]);
    ws.last.h.onClose(1000, 'bye');
    expect(statuses().at(-1)?.message).toBe(
      'connection closed (1000: bye); reconnecting in 375 ms',
    );
  });

  it('caps the reconnect delay', () => {
    const { ws, clock, feed } = setup({ reconnectBackoff: { baseMs: 1000, maxMs: 4000 } });
    const got: MarketUpdate[] = [];
    feed.subscribe([BTC], (u) => got.push(u));
    const delays: string[] = [];
    for (let i = 0; i < 5; i++) {
      ws.last.h.onClose(1006, '');
      delays.push((got.at(-1) as StatusUpdate).message.replace(/.*in /, ''));
      clock.runUntilIdle(1);
    }
    expect(delays).toEqual(['750 ms', '1500 ms', '3000 ms', '3000 ms', '3000 ms']);
  });

  it('reports stale after staleAfterMs of silence, then reconnects', () => {
    const { ws, clock, feed, got, statuses } = setup({ staleAfterMs: 5_000 });
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    clock.advance(3_000);
    ws.send(
      'btcusdt@trade',
      tradeJson({ symbol: 'BTCUSDT', id: 1, price: 1, qty: 1, time: 1, buyerIsMaker: true }),
    );
    clock.advance(4_999); // 4999 ms after the trade: still fresh
    expect(statuses().map((s) => s.status)).toEqual(['connected']);
    clock.advance(1);
    expect(statuses().map((s) => [s.status, s.message, s.ts])).toEqual([
      ['connected', expect.any(String), 1_000_000],
      ['stale', 'no message for 5000 ms', 1_008_000],
      ['disconnected', 'stale for 5000 ms; reconnecting in 375 ms', 1_008_000],
    ]);
    expect(ws.opened[0]?.closed).toBe(true);
    // The old socket's late close is ignored; the new one opens after the backoff.
    ws.opened[0]?.h.onClose(1000, '');
    clock.advance(375);
    expect(ws.opened).toHaveLength(2);
    expect(statuses()).toHaveLength(3);
  });

  it('turns a malformed message into an error status and carries on', () => {
    const { ws, feed, got, statuses } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onMessage(
      '{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT","p":"1","q":"-2"}}',
    );
    ws.last.h.onMessage('garbage');
    ws.send(
      'btcusdt@trade',
      tradeJson({ symbol: 'BTCUSDT', id: 1, price: 1, qty: 1, time: 1, buyerIsMaker: true }),
    );
    expect(statuses().map((s) => s.message)).toEqual([
      'stream btcusdt@trade: trade q: expected a decimal string > 0, got "-2"',
      'not JSON: "garbage"',
    ]);
    expect(got.at(-1)?.kind).toBe('trade');
  });

  it('drops the connection on the server shutdown notice and reconnects', () => {
    const { ws, clock, feed, got, statuses } = setup();
    feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.last.h.onMessage('{"e":"serverShutdown","E":1}');
    expect(statuses().map((s) => s.status)).toEqual(['connected', 'disconnected', 'disconnected']);
    expect(ws.opened[0]?.closed).toBe(true);
    clock.advance(375);
    expect(ws.opened).toHaveLength(2);
  });

  it('stops: closes the socket, cancels timers and delivers nothing more', async () => {
    const { ws, http, clock, feed, got } = setup();
    const stop = feed.subscribe([BTC], (u) => got.push(u));
    ws.last.h.onOpen();
    ws.send('btcusdt@depth@100ms', diff(11, 12, [99, 1]));
    stop();
    expect(ws.last.closed).toBe(true);
    const n = got.length;
    http.reply(200, depthSnapshotJson(10, [100, 1], [101, 1]));
    await settle();
    ws.last.h.onMessage(
      envelope(
        'btcusdt@trade',
        tradeJson({ symbol: 'BTCUSDT', id: 1, price: 1, qty: 1, time: 1, buyerIsMaker: true }),
      ),
    );
    ws.last.h.onClose(1000, '');
    clock.advance(120_000);
    expect(got).toHaveLength(n);
    expect(clock.pending).toBe(0);
    expect(ws.opened).toHaveLength(1);
    expect(feed.book(BTC)).toBeNull();
  });
});
