import { afterEach, describe, expect, it } from 'vitest';
import {
  BookTracker,
  encodeMarketUpdatesNdjson,
  ManualScheduler,
  type MarketUpdate,
  parseMarketUpdatesNdjson,
  ReplayFeed,
  type StatusUpdate,
  symbolId,
} from '../../../engine-core/src';
import { createNodeBinanceFeed, type NodeBinanceFeedOptions } from './node-binance-feed';
import { type FakeBinanceMarket, startFakeBinanceMarket } from './testing/fake-binance-market';

// BinanceFeed + the Node transport (ws, fetch, wall time) against the fake Binance on 127.0.0.1.
// Waits poll for a state with a generous cap that only catches hangs; nothing asserts on time.

const BTC = symbolId('BTCUSDT');
const ETH = symbolId('ETHUSDT');

async function waitFor(what: string, cond: () => boolean, capMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > capMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function start(options: NodeBinanceFeedOptions = {}) {
  const fake = await startFakeBinanceMarket({
    symbols: ['BTCUSDT', 'ETHUSDT'],
    seed: 7,
    levels: 300,
  });
  const feed = createNodeBinanceFeed({
    wsUrl: fake.wsUrl,
    restUrl: fake.restUrl,
    staleAfterMs: 60_000,
    reconnectBackoff: { baseMs: 20, maxMs: 200 },
    snapshotBackoff: { baseMs: 20, maxMs: 200 },
    ...options,
  });
  const got: MarketUpdate[] = [];
  const stop = feed.subscribe([BTC, ETH], (u) => got.push(u));
  cleanup.push(async () => {
    stop();
    await fake.close();
  });
  const statuses = (status: string, symbol?: string) =>
    got.filter(
      (u): u is StatusUpdate =>
        u.kind === 'status' && u.status === status && (symbol === undefined || u.symbol === symbol),
    );
  return { fake, feed, got, statuses };
}

/** Steps the fake until both books are synced, then until the client caught up; compares them. */
async function expectSameBooks(
  fake: FakeBinanceMarket,
  feed: ReturnType<typeof createNodeBinanceFeed>,
) {
  await waitFor('both books in sync', () => {
    if (feed.book(BTC) === null || feed.book(ETH) === null) fake.step(1);
    return feed.book(BTC) !== null && feed.book(ETH) !== null;
  });
  fake.step(100);
  for (const s of [BTC, ETH]) {
    const truth = fake.book(s);
    await waitFor(
      `${s} at update ${truth.updateId}`,
      () => feed.book(s)?.updateId === truth.updateId,
    );
    expect(feed.book(s)?.levels('bid')).toEqual(truth.bids);
    expect(feed.book(s)?.levels('ask')).toEqual(truth.asks);
  }
}

describe('BinanceFeed over ws against the fake Binance', () => {
  it('rebuilds the exchange book from the snapshot plus the diff stream, and passes trades on', async () => {
    const { fake, feed, got, statuses } = await start();
    await waitFor('a connection', () => fake.clients === 1);
    await expectSameBooks(fake, feed);
    expect(statuses('resynced', BTC)).toHaveLength(1);
    expect(statuses('gap')).toHaveLength(0);
    // A consumer of the updates alone rebuilds the same books.
    const tracker = new BookTracker();
    for (const u of got) tracker.onUpdate(u);
    expect(tracker.book(BTC)?.levels('bid')).toEqual(fake.book(BTC).bids);
    expect(tracker.book(ETH)?.levels('ask')).toEqual(fake.book(ETH).asks);
    // Recorded as NDJSON and replayed offline, the updates rebuild the same books too.
    const recorded = parseMarketUpdatesNdjson(encodeMarketUpdatesNdjson(got));
    if (!recorded.ok) throw new Error(recorded.error);
    const clock = new ManualScheduler();
    const replay = new ReplayFeed({
      updates: recorded.value,
      scheduler: clock,
      speed: Number.POSITIVE_INFINITY,
    });
    const replayed = new BookTracker();
    replay.subscribe([BTC, ETH], (u) => replayed.onUpdate(u));
    clock.runUntilIdle();
    expect(replayed.book(BTC)?.levels('bid')).toEqual(fake.book(BTC).bids);
    expect(replayed.book(ETH)?.levels('ask')).toEqual(fake.book(ETH).asks);
    // Every step sent one trade per symbol while connected.
    const trades = got.filter((u) => u.kind === 'trade' && u.symbol === BTC);
    expect(trades.length).toBeGreaterThan(100);
    expect(got.filter((u) => u.kind === 'book_ticker' && u.symbol === ETH)).toHaveLength(
      got.filter((u) => u.kind === 'trade' && u.symbol === ETH).length,
    );
  });

  it('detects a skipped diff, resyncs from a new snapshot, and matches again', async () => {
    const { fake, feed, statuses } = await start();
    await waitFor('a connection', () => fake.clients === 1);
    await expectSameBooks(fake, feed);
    const snapshotsBefore = fake.snapshots;
    fake.skipNextDiff();
    fake.step(3);
    await waitFor('gap statuses', () => statuses('gap').length === 2);
    expect(statuses('gap', BTC)[0]?.message).toMatch(
      /^diff \d+\.\.\d+ does not follow \d+; fetching a new snapshot$/,
    );
    await expectSameBooks(fake, feed);
    expect(statuses('resynced', BTC)).toHaveLength(2);
    expect(fake.snapshots).toBe(snapshotsBefore + 2);
  });

  it('reconnects after the connection drops and resyncs', async () => {
    const { fake, feed, statuses } = await start();
    await waitFor('a connection', () => fake.clients === 1);
    await expectSameBooks(fake, feed);
    fake.dropConnections();
    await waitFor('disconnected', () => statuses('disconnected').length === 1);
    expect(statuses('disconnected')[0]?.message).toMatch(
      /^connection closed \(1006: .*\); reconnecting in \d+ ms$/,
    );
    expect(feed.book(BTC)).toBeNull();
    await waitFor('a second connection', () => fake.connections === 2 && fake.clients === 1);
    await expectSameBooks(fake, feed);
    expect(statuses('connected')).toHaveLength(2);
    expect(statuses('resynced', ETH)).toHaveLength(2);
  });

  it('reports stale when the server goes silent, then reconnects and resyncs', async () => {
    const { fake, feed, statuses } = await start({ staleAfterMs: 400 });
    await waitFor('a connection', () => fake.clients === 1);
    await expectSameBooks(fake, feed);
    fake.silence(true);
    fake.step(5); // the books move, nothing is sent
    await waitFor('stale', () => statuses('stale').length === 1);
    const silentMs = Number(
      /no message for (\d+) ms/.exec(statuses('stale')[0]?.message ?? '')?.[1],
    );
    expect(silentMs).toBeGreaterThanOrEqual(400);
    await waitFor('a second connection', () => fake.connections === 2);
    fake.silence(false);
    await expectSameBooks(fake, feed);
  });
});
