import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import type { EngineConfig } from '../engine';
import { KNOWN_INSTRUMENTS } from '../instruments';
import { asset, clientOrderId, type EngineEvent, symbolId, timestampMs } from '../model';
import { NO_RISK_LIMITS } from '../risk';
import { order } from '../testing/engine-fixtures';
import type { MarketUpdate } from '../venue';
import { MemoryWalStore, serializeState, type WalRecord, type WalStore } from '../wal';
import { PaperSession } from './paper-session';

const BTC = symbolId('BTCUSDT');
const T0 = 1_700_000_000_000;
const CONFIG: EngineConfig = {
  accountAsset: asset('USDT'),
  instruments: KNOWN_INSTRUMENTS,
  fees: { makerBps: 2, takerBps: 5 },
  risk: NO_RISK_LIMITS,
  marketProtection: 0.05,
};

const open = async (store: WalStore, clock = new VirtualClock(T0), compactEvery?: number) => {
  const r = await PaperSession.open({
    engine: CONFIG,
    latencyMs: 0,
    deposits: [{ asset: asset('USDT'), amount: 10_000 }],
    store,
    clock,
    ...(compactEvery === undefined ? {} : { compactEvery }),
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const depth = (ts: number, bids: number[], asks: number[], reset = false): MarketUpdate => ({
  kind: 'depth',
  symbol: BTC,
  reset,
  bids,
  asks,
  firstUpdateId: 1,
  lastUpdateId: 1,
  ts: timestampMs(ts),
});
const trade = (ts: number, price: number, qty: number, side: 'BUY' | 'SELL'): MarketUpdate => ({
  kind: 'trade',
  symbol: BTC,
  price,
  qty,
  side,
  ts: timestampMs(ts),
});
const fillsOf = (events: readonly EngineEvent[]) =>
  events.flatMap((e) => (e.type === 'order_filled' ? [[e.qty, e.price, e.liquidity]] : []));

describe('PaperSession', () => {
  it('a new account is credited once; reopening the journal gives the same state', async () => {
    const store = new MemoryWalStore();
    const a = await open(store);
    expect(a.state.balances.get(asset('USDT'))).toEqual({ free: 10_000, locked: 0 });
    const b = await open(store);
    expect(serializeState(b.state)).toEqual(serializeState(a.state));
  });

  it('fills against the book and trades, and a reopened session restores orders, balances and positions exactly', async () => {
    const store = new MemoryWalStore();
    const s = await open(store);
    await s.market(depth(T0, [99, 2, 98, 5], [100, 1, 101, 3], true));
    await s.market(trade(T0 + 1, 99.5, 0.1, 'BUY'));
    const buy = await s.command(order('m1', 'BUY', 1.5, { type: 'MARKET' }));
    expect(fillsOf(buy)).toEqual([
      [1, 100, 'TAKER'],
      [0.5, 101, 'TAKER'],
    ]);
    // A resting sell above the market, behind 3 at 101.
    await s.command(order('l1', 'SELL', 1, { type: 'LIMIT', price: 101 }));
    expect(fillsOf(await s.market(trade(T0 + 2, 101, 2, 'BUY')))).toEqual([]);

    // Crash here: everything acknowledged so far is in the store.
    const r = await open(store, new VirtualClock(T0 + 3));
    expect(serializeState(r.state)).toEqual(serializeState(s.state));
    expect([...r.state.openOrders]).toEqual([clientOrderId('l1')]);
    // The recovered order is back on the venue (at the back of its queue: nothing known ahead
    // without a book) and fills on the next buy trade at its price.
    await r.market(depth(T0 + 3, [99, 2], [101, 3], true));
    const f = await r.market(trade(T0 + 4, 101, 4, 'BUY'));
    expect(fillsOf(f)).toEqual([[1, 101, 'MAKER']]);
    expect(r.state.positions.get(BTC)?.qty).toBeCloseTo(0.5, 12);
  });

  it('journals before it resolves: with a store that never finishes, nothing is acknowledged', async () => {
    const store = new MemoryWalStore();
    await open(store); // the account exists (its deposit is journaled) before the slow store
    const appended: WalRecord[][] = [];
    let release = () => {};
    const gate = new Promise<void>((res) => {
      release = res;
    });
    const slow: WalStore = {
      append: async (records) => {
        appended.push([...records]);
        await gate;
        await store.append(records);
      },
      load: () => store.load(),
      compact: (snap) => store.compact(snap),
      close: () => store.close(),
    };
    const t = await open(slow);
    let acked = false;
    const p = t.command(order('a', 'BUY', 0.01, { type: 'LIMIT', price: 90_000 })).then(() => {
      acked = true;
    });
    await new Promise((res) => setTimeout(res, 5));
    expect(acked).toBe(false);
    expect(appended.flat().map((r) => r.event.type)).toEqual(['order_submitted', 'order_accepted']);
    release();
    await p;
    expect(acked).toBe(true);
  });

  it('snapshots every compactEvery records and recovers from snapshot + tail', async () => {
    const store = new MemoryWalStore();
    const s = await open(store, new VirtualClock(T0), 10);
    await s.market(depth(T0, [99, 100], [100, 100], true));
    for (let i = 0; i < 12; i++) {
      await s.command(order(`b${i}`, 'BUY', 0.1, { type: 'LIMIT', price: 90 + (i % 5) }));
      await s.market(trade(T0 + 1000 * (i + 1), 99.5, 1, 'SELL'));
    }
    expect(store.snapshotLine).not.toBeNull();
    const r = await open(store, new VirtualClock(T0 + 20_000), 10);
    expect(serializeState(r.state)).toEqual(serializeState(s.state));
  });

  it('applyMarket stages without waiting: one flush journals many updates in one write', async () => {
    const store = new MemoryWalStore();
    await open(store);
    const appends: number[] = [];
    const counting: WalStore = {
      append: async (records) => {
        appends.push(records.length);
        await store.append(records);
      },
      load: () => store.load(),
      compact: (snap) => store.compact(snap),
      close: () => store.close(),
    };
    const s = await open(counting);
    await s.command(order('l1', 'BUY', 1, { type: 'LIMIT', price: 99 }));
    appends.length = 0;
    const durableBefore = s.durableSeq;
    const caused: EngineEvent[] = [];
    caused.push(...s.applyMarket(depth(T0, [99, 2], [100, 1], true)));
    for (let i = 1; i <= 5; i++) caused.push(...s.applyMarket(trade(T0 + 1000 * i, 99, 1, 'SELL')));
    // Staged, not durable: the state has moved, the journal has not.
    expect(s.stagedSeq).toBeGreaterThan(durableBefore);
    expect(s.durableSeq).toBe(durableBefore);
    expect(appends).toEqual([]);
    await s.flush();
    expect(s.durableSeq).toBe(s.stagedSeq);
    expect(appends).toHaveLength(1);
    expect(fillsOf(caused)).toEqual([[1, 99, 'MAKER']]);
    const r = await open(store, new VirtualClock(T0 + 10_000));
    expect(serializeState(r.state)).toEqual(serializeState(s.state));
    expect(r.state.orders.get(clientOrderId('l1'))?.executedQty).toBeCloseTo(1, 12);
  });

  it('stage journals events caused elsewhere; nothing staged is lost by a flush that follows', async () => {
    const store = new MemoryWalStore();
    const s = await open(store);
    await s.market(depth(T0, [99, 2], [100, 1], true));
    await s.market(trade(T0 + 1, 99.5, 0.1, 'BUY'));
    s.stage(s.engine.handle(order('x1', 'BUY', 0.5, { type: 'LIMIT', price: 90 })));
    await s.flush();
    const r = await open(store, new VirtualClock(T0 + 2));
    expect([...r.state.openOrders]).toEqual([clientOrderId('x1')]);
    expect(serializeState(r.state)).toEqual(serializeState(s.state));
  });
});
