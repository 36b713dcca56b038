import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ManualScheduler, syntheticSample } from '../../../engine-core/src/market';
import { IdbParentJournalStore, parentJournalDbName } from './idb-parent-journal-store';
import { IdbWalStore } from './idb-wal-store';
import type { PaperFeedSpec, PaperView } from './paper-api';
import { PaperRuntime } from './paper-runtime';
import { DEFAULT_PAPER_CONFIG } from './paper-runtime-config';
import { PaperSettingsStore, settingsDbName } from './paper-settings';

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const CANDLES = syntheticSample({ bars: 300 });
const REPLAY: PaperFeedSpec = {
  source: 'replay',
  symbol: 'BTCUSDT',
  datasetId: 'sample',
  speed: 3_600, // an hour of market a second
};
let dbCount = 0;

async function rig(
  db = `paper-algo-${++dbCount}`,
  fees: { makerBps: number; takerBps: number } = DEFAULT_PAPER_CONFIG.fees,
) {
  const sch = new ManualScheduler(T0);
  const views: PaperView[] = [];
  const rt = new PaperRuntime(
    { ...DEFAULT_PAPER_CONFIG, defaultFeed: REPLAY, fees },
    {
      openStore: () => new IdbWalStore(db),
      openAlgoStore: () => new IdbParentJournalStore(parentJournalDbName(db)),
      deleteStore: async () => {
        await deleteDB(db);
        await deleteDB(parentJournalDbName(db));
      },
      settings: new PaperSettingsStore(settingsDbName(db)),
      scheduler: sch,
      liveFeed: () => ({ subscribe: () => () => {} }),
      loadCandles: async (id) => (id === 'sample' ? CANDLES : undefined),
      lookupStrategy: async () => undefined,
      onView: (v) => views.push(v),
    },
  );
  await rt.start();
  await rt.idle();
  const run = async (ms: number, step = 100) => {
    for (let t = 0; t < ms; t += step) {
      sch.advance(step);
      await rt.idle();
    }
  };
  return { rt, run, last: () => rt.view() };
}

const childFills = (v: PaperView, parent: string) =>
  v.fills.filter((f) => f.clientOrderId.startsWith(`${parent}.`));

describe('algo orders in the paper worker', () => {
  it('a TWAP with limit children rests off the book, fills as MAKER and completes its quantity', async () => {
    const { rt, run, last } = await rig(undefined, { makerBps: 2, takerBps: 10 });
    await run(2_000);
    const r = await rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.05,
      durationMs: 5 * HOUR,
      slices: 5,
      child: { type: 'limit', offsetBps: 1, chase: false, finishWithMarket: true },
    });
    expect(r).toEqual({ ok: true, clientOrderId: 'algo-1' });
    await run(8_000);
    const v = last();
    const p = v.algos?.[0];
    expect(p?.childType).toBe('limit');
    expect(p?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    const fills = childFills(v, 'algo-1');
    const qty = fills.reduce((s, f) => s + f.qty, 0);
    expect(qty).toBeCloseTo(0.05, 12);
    expect(p?.filledQty).toBeCloseTo(qty, 12);
    const maker = fills.filter((f) => f.liquidity === 'MAKER');
    expect(maker.length).toBeGreaterThan(0);
    // Each fee by hand at its own rate: maker 2 bps, taker 10 bps of price × qty.
    for (const f of fills)
      expect(f.fee).toBeCloseTo((f.price * f.qty * (f.liquidity === 'MAKER' ? 2 : 10)) / 1e4, 9);
    expect(p?.fees).toBeCloseTo(
      fills.reduce((s, f) => s + f.fee, 0),
      9,
    );
    // A maker fill is at its child's limit price: on the tick (0.01).
    for (const f of maker)
      expect(Math.abs(f.price * 100 - Math.round(f.price * 100))).toBeLessThan(1e-6);
  });

  it('a TWAP sends its slices on the replay’s clock and finishes; its average is its fills’', async () => {
    const { rt, run, last } = await rig();
    await run(2_000);
    const r = await rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.05,
      durationMs: 5 * HOUR,
      slices: 5,
    });
    expect(r).toEqual({ ok: true, clientOrderId: 'algo-1' });
    await run(8_000);
    const v = last();
    const p = v.algos?.[0];
    expect(p?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    expect(p?.childrenSent).toBe(5);
    expect(p?.childrenWorking).toBe(0);
    // Independently: the children's fills in the account (journaled like any order).
    const fills = childFills(v, 'algo-1');
    const qty = fills.reduce((s, f) => s + f.qty, 0);
    const quote = fills.reduce((s, f) => s + f.qty * f.price, 0);
    expect(qty).toBeCloseTo(0.05, 12);
    expect(p?.filledQty).toBeCloseTo(qty, 12);
    expect(p?.avgPrice).toBeCloseTo(quote / qty, 6);
    // Five slices an hour apart (market time), the first at the start.
    const times = [...new Set(fills.map((f) => f.clientOrderId))].map(
      (id) => fills.find((f) => f.clientOrderId === id)?.ts as number,
    );
    expect(times).toHaveLength(5);
    for (let k = 1; k < 5; k++)
      expect((times[k] as number) - (times[k - 1] as number)).toBeGreaterThanOrEqual(HOUR - 60_000);
    expect(v.positions.find((x) => x.symbol === 'BTCUSDT')?.qty).toBeCloseTo(0.05, 12);
    await rt.close();
  });

  it('cancel stops a TWAP: no child after it; pause and resume are refused when they do not apply', async () => {
    const { rt, run, last } = await rig();
    await run(2_000);
    await rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.1,
      durationMs: 100 * HOUR,
      slices: 10,
    });
    await run(1_000);
    expect(await rt.controlAlgo('algo-1', 'resume')).toEqual({
      ok: false,
      error: 'parent algo-1 is working',
    });
    expect(await rt.controlAlgo('algo-1', 'pause')).toEqual({ ok: true, clientOrderId: 'algo-1' });
    expect(last().algos?.[0]?.state.kind).toBe('paused');
    expect((await rt.controlAlgo('algo-1', 'resume')).ok).toBe(true);
    const sent = last().algos?.[0]?.childrenSent ?? 0;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(await rt.controlAlgo('algo-1', 'cancel')).toEqual({ ok: true, clientOrderId: 'algo-1' });
    await run(30_000, 500);
    const p = last().algos?.[0];
    expect(p?.state).toEqual({ kind: 'cancelled', reason: null });
    expect(p?.childrenSent).toBe(sent);
    expect(childFills(last(), 'algo-1').reduce((s, f) => s + f.qty, 0)).toBeCloseTo(
      p?.filledQty ?? -1,
      12,
    );
    expect(p?.filledQty).toBeLessThan(0.1);
    await rt.close();
  });

  it('a bad spec is refused with engine-core’s reason; an iceberg rests one visible child', async () => {
    const { rt, run, last } = await rig();
    await run(2_000);
    expect(
      await rt.submitAlgo({ algo: 'twap', side: 'BUY', qty: 0.01, durationMs: HOUR, slices: 0 }),
    ).toEqual({ ok: false, error: 'twap: slices must be an integer ≥ 1, got 0' });
    const px = Math.floor((last().lastPrice as number) * 0.95);
    const r = await rt.submitAlgo({
      algo: 'iceberg',
      side: 'BUY',
      qty: 0.01,
      price: px,
      visibleQty: 0.002,
    });
    expect(r.ok).toBe(true);
    await run(500);
    const open = last().openOrders.filter((o) => o.clientOrderId.startsWith('algo-1.'));
    expect(open.map((o) => [o.qty, o.price])).toEqual([[0.002, px]]);
    await rt.close();
  });

  it('VWAP over five hours and POV on the replay’s trades both fill, as their children’s fills say', async () => {
    const { rt, run, last } = await rig();
    await run(30_000, 500); // a day of bars first: the VWAP profile has volume in every bucket
    const vwap = await rt.submitAlgo({
      algo: 'vwap',
      side: 'BUY',
      qty: 0.02,
      durationMs: 5 * HOUR,
    });
    const pov = await rt.submitAlgo({
      algo: 'pov',
      side: 'BUY',
      qty: 0.01,
      participation: 0.5,
      maxChildQty: 0.002,
    });
    expect([vwap, pov]).toEqual([
      { ok: true, clientOrderId: 'algo-1' },
      { ok: true, clientOrderId: 'algo-2' },
    ]);
    await run(10_000);
    const v = last();
    for (const p of v.algos ?? []) {
      const fills = childFills(v, p.parentId);
      expect(p.filledQty).toBeCloseTo(
        fills.reduce((s, f) => s + f.qty, 0),
        12,
      );
      expect(p.filledQty).toBeGreaterThan(0);
      expect(p.filledQty).toBeLessThanOrEqual(p.qty + 1e-12);
    }
    expect(v.algos?.[0]?.state.kind).toBe('done');
    // POV children never exceed their cap.
    const povFills = childFills(v, 'algo-2');
    const perChild = new Map<string, number>();
    for (const f of povFills)
      perChild.set(f.clientOrderId, (perChild.get(f.clientOrderId) ?? 0) + f.qty);
    for (const q of perChild.values()) expect(q).toBeLessThanOrEqual(0.002 + 1e-12);
    await rt.close();
  });

  it('after a crash a TWAP is rebuilt from the journals and finishes its exact quantity, each child once', async () => {
    const db = `paper-algo-${++dbCount}`;
    const a = await rig(db);
    await a.run(2_000);
    await a.rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.05,
      durationMs: 5 * HOUR,
      slices: 5,
    });
    await a.run(2_500); // two and a half hours of market: three slices
    const before = a.last().algos?.[0];
    expect(before?.childrenSent).toBe(3);
    // A crash: the first runtime is dropped without closing (its timers never run again), and a
    // second one opens the same databases, as a reloaded tab does.
    const b = await rig(db);
    const p = b.last().algos?.[0];
    expect(p?.parentId).toBe('algo-1');
    expect(p?.state).toEqual({ kind: 'working' });
    expect(p?.childrenSent).toBe(3);
    expect(p?.filledQty).toBeCloseTo(before?.filledQty ?? -1, 12);
    await b.run(6_000);
    const v = b.last();
    const done = v.algos?.[0];
    expect(done?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    expect(done?.childrenSent).toBe(5);
    const fills = childFills(v, 'algo-1');
    const perChild = new Map<string, number>();
    for (const f of fills)
      perChild.set(f.clientOrderId, (perChild.get(f.clientOrderId) ?? 0) + f.qty);
    expect([...perChild.keys()].sort()).toEqual([
      'algo-1.1',
      'algo-1.2',
      'algo-1.3',
      'algo-1.4',
      'algo-1.5',
    ]);
    for (const q of perChild.values()) expect(q).toBeCloseTo(0.01, 12);
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(0.05, 12);
    expect(done?.filledQty).toBeCloseTo(0.05, 12);
    // A parent submitted after the restart takes the next id.
    expect(
      await b.rt.submitAlgo({ algo: 'twap', side: 'BUY', qty: 0.01, durationMs: HOUR, slices: 1 }),
    ).toEqual({ ok: true, clientOrderId: 'algo-2' });
    await b.rt.close();
  });

  it('a feed on another symbol holds a working parent (paused in memory) until its symbol is back', async () => {
    const a = await rig();
    await a.run(2_000);
    await a.rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.03,
      durationMs: 3 * HOUR,
      slices: 3,
    });
    await a.run(1_500);
    const sent = a.last().algos?.[0]?.childrenSent ?? -1;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(3);
    expect((await a.rt.setFeed({ ...REPLAY, symbol: 'ETHUSDT' })).ok).toBe(true);
    await a.run(5_000);
    const held = a.last().algos?.[0];
    expect(held?.state).toEqual({ kind: 'paused' });
    expect(held?.childrenSent).toBe(sent);
    expect(childFills(a.last(), 'algo-1').length).toBeLessThanOrEqual(sent);
    // Back on BTCUSDT: the journal still says working, so it goes on and completes.
    expect((await a.rt.setFeed(REPLAY)).ok).toBe(true);
    await a.run(6_000);
    const done = a.last().algos?.[0];
    expect(done?.state.kind).toBe('done');
    expect(done?.filledQty).toBeCloseTo(0.03, 12);
    await a.rt.close();
  });

  it('paused and cancelled parents come back as they were; a reset forgets them', async () => {
    const db = `paper-algo-${++dbCount}`;
    const a = await rig(db);
    await a.run(2_000);
    await a.rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.02,
      durationMs: 10 * HOUR,
      slices: 10,
    });
    await a.rt.submitAlgo({
      algo: 'twap',
      side: 'BUY',
      qty: 0.02,
      durationMs: 10 * HOUR,
      slices: 10,
    });
    await a.run(1_500);
    expect((await a.rt.controlAlgo('algo-1', 'pause')).ok).toBe(true);
    expect((await a.rt.controlAlgo('algo-2', 'cancel')).ok).toBe(true);
    const before = a.last().algos ?? [];
    await a.rt.close();
    const b = await rig(db);
    const after = b.last().algos ?? [];
    expect(after.map((p) => [p.parentId, p.state, p.childrenSent])).toEqual(
      before.map((p) => [p.parentId, p.state, p.childrenSent]),
    );
    await b.run(5_000);
    expect(b.last().algos?.map((p) => p.childrenSent)).toEqual(before.map((p) => p.childrenSent));
    expect((await b.rt.controlAlgo('algo-1', 'resume')).ok).toBe(true);
    expect(b.last().algos?.[0]?.state.kind).toBe('working');
    expect((await b.rt.resetAccount(10_000)).ok).toBe(true);
    expect(b.last().algos).toEqual([]);
    await b.rt.close();
  });
});
