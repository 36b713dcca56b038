import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ManualScheduler, syntheticSample } from '../../../engine-core/src/market';
import type { MarketFeed } from '../../../engine-core/src/venue';
import type { WalRecord, WalStore } from '../../../engine-core/src/wal';
import { IdbWalStore } from './idb-wal-store';
import type { PaperFeedSpec, PaperView } from './paper-api';
import { PaperRuntime } from './paper-runtime';
import { DEFAULT_PAPER_CONFIG, type PaperRuntimeConfig } from './paper-runtime-config';
import { PaperSettingsStore, settingsDbName } from './paper-settings';

const T0 = Date.UTC(2025, 0, 1);
const CANDLES = syntheticSample({ bars: 200 });
const REPLAY: PaperFeedSpec = {
  source: 'replay',
  symbol: 'BTCUSDT',
  datasetId: 'sample',
  speed: 3_600, // an hour bar per second
};
/** A live feed that never says anything (the tests run offline). */
const SILENT: MarketFeed = { subscribe: () => () => {} };

let dbCount = 0;

interface Rig {
  readonly rt: PaperRuntime;
  readonly views: PaperView[];
  readonly sch: ManualScheduler;
  /** Advances wall time by `ms` in steps of `step`, letting the WAL writes finish after each. */
  run(ms: number, step?: number): Promise<void>;
  last(): PaperView;
}

/** A runtime on IndexedDB database `db` (fake-indexeddb), replaying the sample. */
async function rig(
  db: string,
  options: {
    config?: Partial<PaperRuntimeConfig>;
    sch?: ManualScheduler;
    wrap?: (s: WalStore) => WalStore;
    onView?: (v: PaperView) => void;
  } = {},
): Promise<Rig> {
  const sch = options.sch ?? new ManualScheduler(T0);
  const views: PaperView[] = [];
  const rt = new PaperRuntime(
    { ...DEFAULT_PAPER_CONFIG, defaultFeed: REPLAY, ...options.config },
    {
      openStore: () => (options.wrap ?? ((s) => s))(new IdbWalStore(db)),
      deleteStore: () => deleteDB(db),
      settings: new PaperSettingsStore(settingsDbName(db)),
      scheduler: sch,
      liveFeed: () => SILENT,
      loadCandles: async (id) => (id === 'sample' ? CANDLES : undefined),
      lookupStrategy: async () => undefined,
      onView: (v) => {
        options.onView?.(v);
        views.push(v);
      },
    },
  );
  await rt.start();
  await rt.idle();
  sch.advance(0); // the first view
  const run = async (ms: number, step = 100) => {
    for (let t = 0; t < ms; t += step) {
      sch.advance(step);
      await rt.idle();
    }
  };
  return { rt, views, sch, run, last: () => views[views.length - 1] as PaperView };
}

const freshDb = () => `paper-rt-${++dbCount}`;
const round2 = (x: number) => Math.round(x * 100) / 100;

describe('PaperRuntime over IndexedDB (fake) and a replay on virtual time', () => {
  it('a new account: the replay marks prices, a ticket order fills, views follow', async () => {
    const { rt, run, last } = await rig(freshDb());
    await run(3_000);
    const v = last();
    expect(v.status).toBe('running');
    expect(v.feed).toEqual(REPLAY);
    expect(v.lastPrice).not.toBeNull();
    expect(v.candles.length).toBeGreaterThan(1);
    expect(v.candleInterval).toBe('1h');
    expect(v.balances).toEqual([{ asset: 'USDT', free: 10_000, locked: 0 }]);
    const buy = await rt.submit({
      side: 'BUY',
      type: 'MARKET',
      qty: 0.01,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect(buy).toEqual({ ok: true, clientOrderId: 't1' });
    await run(1_000);
    const after = last();
    expect(after.fills.map((f) => [f.clientOrderId, f.qty, f.liquidity])).toEqual([
      ['t1', 0.01, 'TAKER'],
    ]);
    expect(after.positions.map((p) => [p.symbol, p.qty])).toEqual([['BTCUSDT', 0.01]]);
    expect(after.log.some((l) => l.text.startsWith('t1 filled'))).toBe(true);
    await rt.close();
  });

  it('refusals come back with the engine’s reason; malformed tickets are refused at the door', async () => {
    const { rt, run } = await rig(freshDb());
    await run(2_000);
    const tiny = await rt.submit({
      side: 'BUY',
      type: 'LIMIT',
      price: 40_000,
      qty: 0.00001,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect(tiny.ok).toBe(false);
    expect(tiny.ok ? '' : tiny.error).toMatch(/notional/);
    const bad = await rt.submit({ side: 'BUY', type: 'LIMIT', qty: 1 } as never);
    expect(bad).toEqual({ ok: false, error: 'price: must be a number > 0' });
    const unknown = await rt.cancel('nope');
    expect(unknown.ok).toBe(false);
    await rt.close();
  });

  it('a reopened account (after a crash: the first runtime is dropped, not closed) is the same, and the replay goes on where it stopped', async () => {
    const db = freshDb();
    const a = await rig(db);
    await a.run(3_000);
    const price = a.last().lastPrice as number;
    const ok1 = await a.rt.submit({
      side: 'BUY',
      type: 'LIMIT',
      price: round2(price * 0.995),
      qty: 0.02,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    const ok2 = await a.rt.submit({
      side: 'BUY',
      type: 'MARKET',
      qty: 0.01,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect([ok1.ok, ok2.ok]).toEqual([true, true]);
    await a.run(20_000);
    const before = await a.rt.inspect();
    const viewBefore = a.last();
    // The first runtime's timers stop with its scheduler; a second one opens the same databases.
    const b = await rig(db, { sch: new ManualScheduler(a.sch.now() + 60_000) });
    const recovered = await b.rt.inspect();
    expect(recovered.orders).toEqual(before.orders);
    expect(recovered.balances).toEqual(before.balances);
    expect(recovered.durableSeq).toBe(before.durableSeq);
    const v = b.last();
    expect(v.fills).toEqual(viewBefore.fills);
    expect(v.openOrders).toEqual(viewBefore.openOrders);
    expect(v.log.at(-1)?.text).toMatch(/^account recovered: 2 orders/);
    expect(v.feedMessage).toMatch(/resumed/);
    // The replay resumes after the last journaled event: marks go on strictly later in time
    // (no trade is played twice), and the chart has the bars before the resume point.
    await b.run(2_000);
    expect((await b.rt.inspect()).durableSeq).toBeGreaterThan(before.durableSeq + 4);
    const log = await new IdbWalStore(db).load();
    expect(log.snapshot).toBeNull();
    const markTimes = log.records.flatMap((r) =>
      r.event.type === 'market_updated' ? [r.event.ts] : [],
    );
    for (let i = 1; i < markTimes.length; i++)
      expect(markTimes[i] as number).toBeGreaterThan(markTimes[i - 1] as number);
    expect(b.last().candles.length).toBeGreaterThan(20);
    // Ticket ids go on after the recovered ones.
    const next = await b.rt.submit({
      side: 'SELL',
      type: 'MARKET',
      qty: 0.005,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    expect(next).toEqual({ ok: true, clientOrderId: 't3' });
    await b.rt.close();
  });

  it('publishes only what is durable: every view’s orders are in the WAL when it is published', async () => {
    const db = freshDb();
    let committed = 0;
    const durable: WalRecord[] = [];
    const wrap = (inner: WalStore): WalStore => ({
      append: async (records) => {
        await inner.append(records);
        durable.push(...records);
        committed = records[records.length - 1]?.seq ?? committed;
      },
      load: () => inner.load(),
      compact: (snap) => inner.compact(snap),
      close: () => inner.close(),
    });
    const seen: number[] = [];
    const problems: string[] = [];
    const r = await rig(db, {
      wrap,
      onView: (v) => {
        seen.push(v.durableSeq);
        if (v.durableSeq > committed) problems.push(`view at seq ${v.durableSeq} > ${committed}`);
        const submitted = new Set(
          durable.flatMap((x) =>
            x.event.type === 'order_submitted' ? [x.event.request.clientOrderId] : [],
          ),
        );
        for (const o of v.openOrders)
          if (!submitted.has(o.clientOrderId as never))
            problems.push(`${o.clientOrderId} shown, not durable`);
      },
    });
    await r.run(2_000);
    const price = r.last().lastPrice as number;
    const pending = [];
    for (let i = 0; i < 10; i++) {
      pending.push(
        r.rt.submit({
          side: 'BUY',
          type: 'LIMIT',
          price: round2(price * (0.99 - i * 0.001)),
          qty: 0.001,
          tif: 'GTC',
          postOnly: false,
          reduceOnly: false,
        }),
      );
      r.sch.advance(50);
    }
    await Promise.all(pending);
    await r.run(5_000);
    expect(problems).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
    await r.rt.close();
  });

  it('snapshots and compaction: a reopened account rebuilds fills from the snapshot (merged) and the tail (exact)', async () => {
    const db = freshDb();
    const a = await rig(db, { config: { compactEvery: 20 } });
    await a.run(2_000);
    for (let i = 0; i < 6; i++) {
      const r = await a.rt.submit({
        side: i % 2 === 0 ? 'BUY' : 'SELL',
        type: 'MARKET',
        qty: 0.01,
        tif: 'GTC',
        postOnly: false,
        reduceOnly: false,
      });
      expect(r.ok).toBe(true);
      await a.run(3_000);
    }
    const before = await a.rt.inspect();
    const b = await rig(db, { config: { compactEvery: 20 }, sch: new ManualScheduler(T0 + 1e9) });
    expect((await b.rt.inspect()).orders).toEqual(before.orders);
    const fills = b.last().fills;
    // Every order's fills add up to what it executed, merged or not.
    for (const o of before.orders) {
      const mine = fills.filter((f) => f.clientOrderId === o.request.clientOrderId);
      const qty = mine.reduce((s, f) => s + f.qty, 0);
      const fee = mine.reduce((s, f) => s + f.fee, 0);
      expect(qty).toBeCloseTo(o.executedQty, 12);
      expect(fee).toBeCloseTo(o.fees, 12);
    }
    expect(fills.some((f) => f.merged === true)).toBe(true);
    await b.rt.close();
  });

  it('a feed change is acknowledged once stored; an unknown dataset is refused and the feed runs on', async () => {
    const db = freshDb();
    const a = await rig(db);
    await a.run(1_000);
    const bad = await a.rt.setFeed({ ...REPLAY, datasetId: 'gone' } as PaperFeedSpec);
    expect(bad).toEqual({ ok: false, error: 'no dataset "gone"' });
    expect(a.rt.view().feed).toEqual(REPLAY);
    const faster = await a.rt.setFeed({ ...REPLAY, speed: 36_000 } as PaperFeedSpec);
    expect(faster.ok).toBe(true);
    expect(a.rt.view().feedMessage).toMatch(/36000×/);
    const live = await a.rt.setFeed({ source: 'binance', symbol: 'ETHUSDT' });
    expect(live.ok).toBe(true);
    await a.rt.close();
    const b = await rig(db);
    expect(b.rt.view().feed).toEqual({ source: 'binance', symbol: 'ETHUSDT' });
    await b.rt.close();
  });

  it('a strategy attached is stored, re-attached after a reload, and its order ids go on', async () => {
    const db = freshDb();
    const a = await rig(db);
    await a.run(1_000);
    const spec = { kind: 'builtin', name: 'sma-cross', params: { fast: 2, slow: 5 } } as const;
    expect(await a.rt.attachStrategy(spec)).toEqual({ ok: true, clientOrderId: null });
    await a.run(60_000, 500);
    const ids = (await a.rt.inspect()).orders.map((o) => o.request.clientOrderId);
    expect(ids.some((id) => id.startsWith('st-'))).toBe(true);
    const b = await rig(db, { sch: new ManualScheduler(T0 + 1e9) });
    expect(b.last().strategy).toEqual({ spec, running: true, failure: null });
    await b.run(60_000, 500);
    const all = (await b.rt.inspect()).orders.map((o) => o.request.clientOrderId);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(ids.length);
    expect(b.last().log.some((l) => l.kind === 'duplicate_order_rejected')).toBe(false);
    expect(await b.rt.detachStrategy()).toEqual({ ok: true, clientOrderId: null });
    expect(b.rt.view().strategy).toBeNull();
    expect(b.rt.view().openOrders.filter((o) => o.clientOrderId.startsWith('st-'))).toEqual([]);
    await b.rt.close();
    const c = await rig(db);
    expect(c.rt.view().strategy).toBeNull();
    await c.rt.close();
  });

  it('an unknown strategy is refused; reset wipes the account and starts again with the cash', async () => {
    const db = freshDb();
    const a = await rig(db);
    await a.run(1_000);
    const r = await a.rt.attachStrategy({ kind: 'builtin', name: 'nope', params: {} });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/unknown strategy "nope"/);
    await a.rt.submit({
      side: 'BUY',
      type: 'MARKET',
      qty: 0.01,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    });
    await a.run(1_000);
    expect(await a.rt.resetAccount(2_500)).toEqual({ ok: true, clientOrderId: null });
    await a.rt.idle();
    const v = a.rt.view();
    expect(v.balances).toEqual([{ asset: 'USDT', free: 2_500, locked: 0 }]);
    expect(v.fills).toEqual([]);
    expect((await a.rt.inspect()).orders).toEqual([]);
    await a.rt.close();
  });

  it('a cancel is acknowledged once the order’s end is durable; a reopened account has it cancelled', async () => {
    const db = freshDb();
    const a = await rig(db);
    await a.run(2_000);
    const price = a.last().lastPrice as number;
    const limit = {
      side: 'BUY',
      type: 'LIMIT',
      price: round2(price * 0.95),
      qty: 0.01,
      tif: 'GTC',
      postOnly: false,
      reduceOnly: false,
    } as const;
    expect(await a.rt.submit(limit)).toEqual({ ok: true, clientOrderId: 't1' });
    let answer: unknown = null;
    const cancelled = a.rt.cancel('t1').then((r) => {
      answer = r;
    });
    await a.rt.idle();
    // The venue's report comes after the latency (market time): no answer before it is journaled.
    expect(answer).toBeNull();
    expect((await a.rt.inspect()).orders[0]?.status).not.toBe('CANCELLED');
    await a.run(100);
    await cancelled;
    expect(answer).toEqual({ ok: true, clientOrderId: 't1' });
    const b = await rig(db, { sch: new ManualScheduler(T0 + 1e9) });
    expect((await b.rt.inspect()).orders.map((o) => [o.request.clientOrderId, o.status])).toEqual([
      ['t1', 'CANCELLED'],
    ]);
    expect(await b.rt.cancel('t1')).toEqual({ ok: false, error: 't1 is already cancelled' });
    await b.rt.close();
  });
});
