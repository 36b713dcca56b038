import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, OrderState } from '../model';
import type { AlgoSpec, TwapSpec } from './algo-spec';
import type { ParentId } from './parent-state';
import { type Durable, RecoveryRig } from './testing/recovery-rig';
import { BTC, T0 } from './testing/rigs';

const MIN = 60_000;

const TWAP: TwapSpec = {
  algo: 'twap',
  symbol: BTC,
  side: 'BUY',
  qty: 0.5,
  startTs: T0,
  durationMs: 10 * MIN,
  slices: 10,
};

const submits = (wal: readonly { type: string }[]) =>
  (wal as readonly EngineEvent[]).flatMap((e) =>
    e.type === 'order_submitted' ? [e.request.clientOrderId as string] : [],
  );

/** Runs minute steps from `from` to `to` (inclusive), flushing after each. */
function run(r: RecoveryRig, from: number, to: number, step = MIN) {
  for (let t = from; t <= to; t += step) {
    r.at(t);
    r.flush();
  }
}

describe('ExecScheduler.restore', () => {
  it('a TWAP recovered mid-window places the same children as a run without a crash', () => {
    const ref = RecoveryRig.fresh(T0);
    const id = ref.submit(TWAP);
    run(ref, T0, T0 + 12 * MIN);

    const a = RecoveryRig.fresh(T0);
    a.submit(TWAP);
    run(a, T0, T0 + 4 * MIN);
    const before = a.sched.progress(id);
    const b = RecoveryRig.recover(a.crash(), T0 + 4 * MIN);
    // Listed again with its progress, rebuilt from the children in the WAL.
    expect(b.sched.progress(id)).toEqual(before);
    expect(before?.childrenSent).toBe(5);
    run(b, T0 + 4 * MIN, T0 + 12 * MIN);
    expect(b.childExecuted()).toEqual(ref.childExecuted());
    expect(submits(b.wal)).toEqual(submits(ref.wal));
    const done = b.sched.progress(id);
    expect(done?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    // Exactly the parent's quantity: Σ of the children's executed quantities, computed apart.
    const sum = [...b.childExecuted().values()].reduce((s, q) => s + q, 0);
    expect(done?.filledQty).toBeCloseTo(0.5, 12);
    expect(sum).toBeCloseTo(0.5, 12);
    expect(done?.childrenSent).toBe(10);
  });

  it('a child journaled but not yet filled is adopted, not sent again', () => {
    const a = RecoveryRig.fresh(T0, 100);
    const id = a.submit({ ...TWAP, slices: 2 });
    a.at(T0); // slice 1: a market child, its fill 100 ms away
    a.flush();
    expect(a.sched.progress(id)?.childrenWorking).toBe(1);
    const b = RecoveryRig.recover(a.crash(), T0 + 10, 100);
    const p = b.sched.progress(id);
    expect(p?.childrenSent).toBe(1);
    expect(p?.childrenWorking).toBe(1);
    expect(p?.workingQty).toBeCloseTo(0.25, 12);
    b.at(T0 + 10);
    b.at(T0 + 200);
    b.flush();
    expect(submits(b.wal)).toEqual(['algo-1.1']);
    expect(b.sched.progress(id)?.filledQty).toBeCloseTo(0.25, 12);
    run(b, T0 + 5 * MIN, T0 + 11 * MIN);
    expect(submits(b.wal)).toEqual(['algo-1.1', 'algo-1.2']);
    expect(b.sched.progress(id)?.filledQty).toBeCloseTo(0.5, 12);
    expect(b.sched.progress(id)?.state.kind).toBe('done');
  });

  it('a child lost with the unflushed tail of the WAL is sent again, under the same id', () => {
    const a = RecoveryRig.fresh(T0);
    const id = a.submit(TWAP);
    run(a, T0, T0 + MIN);
    a.at(T0 + 2 * MIN); // slice 3 sent and filled, never made durable
    expect(submits(a.wal)).toContain('algo-1.3');
    const d = a.crash();
    expect(submits(d.wal)).toEqual(['algo-1.1', 'algo-1.2']);
    const b = RecoveryRig.recover(d, T0 + 2 * MIN);
    run(b, T0 + 2 * MIN, T0 + 12 * MIN);
    const ids = submits(b.wal);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(10);
    expect(b.sched.progress(id)?.filledQty).toBeCloseTo(0.5, 12);
  });

  it('paused stays paused, ended parents keep their state, ids go on after the last', () => {
    const a = RecoveryRig.fresh(T0, 100);
    const p1 = a.submit(TWAP);
    const p2 = a.submit({ ...TWAP, qty: 0.2 });
    const p3 = a.submit({ ...TWAP, qty: 0.1, slices: 1 });
    run(a, T0, T0 + 500, 100); // sent, accepted after 100 ms, filled 100 ms later
    expect(a.sched.progress(p3)?.state.kind).toBe('done');
    a.at(T0 + MIN); // second slices of p1 and p2 go, in flight 100 ms
    a.flush();
    expect(a.sched.pause(p1, T0 + MIN).ok).toBe(true);
    expect(a.sched.cancel(p2, T0 + MIN, 'enough').ok).toBe(true);
    // The parent records are durable, the children's cancels are not (a crash between the two).
    a.durableLines = a.lines.length;
    const b = RecoveryRig.recover(a.crash(), T0 + MIN + 10, 100);
    expect(b.sched.progress(p1)?.state).toEqual({ kind: 'paused' });
    expect(b.sched.progress(p2)?.state).toEqual({ kind: 'cancelled', reason: 'enough' });
    expect(b.sched.progress(p3)?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    expect(b.sched.progress(p3)?.filledQty).toBeCloseTo(0.1, 12);
    // Their open children are cancelled at once, as the lost cancels would have been.
    const open = () => [...b.engine.state.openOrders].filter((i) => i.startsWith('algo-'));
    expect(open()).toEqual(['algo-1.2', 'algo-2.2']);
    run(b, T0 + MIN + 10, T0 + MIN + 310, 100);
    expect(open()).toEqual([]);
    // They had reached the venue before the restart, so they filled before the cancel got
    // there: late fills still count in the parents' progress (the sum of their children's).
    const own = (pid: string) =>
      [...b.childExecuted()]
        .filter(([i]) => i.startsWith(`${pid}.`))
        .reduce((s, [, q]) => s + q, 0);
    expect(b.sched.progress(p1)?.filledQty).toBeCloseTo(own(p1), 12);
    expect(b.sched.progress(p2)?.filledQty).toBeCloseTo(own(p2), 12);
    expect(own(p2)).toBeCloseTo(0.04, 12);
    const filled1 = b.sched.progress(p1)?.filledQty;
    run(b, T0 + 2 * MIN, T0 + 20 * MIN);
    expect(b.sched.progress(p1)?.filledQty).toBe(filled1);
    expect(b.sched.submit(TWAP, T0 + 20 * MIN)).toEqual({ ok: true, value: 'algo-4' });
    // Resumed, it catches up and finishes the whole quantity.
    expect(b.sched.resume(p1, T0 + 20 * MIN).ok).toBe(true);
    run(b, T0 + 20 * MIN, T0 + 22 * MIN, 100);
    expect(b.sched.progress(p1)?.filledQty).toBeCloseTo(0.5, 12);
  });

  it('after downtime a TWAP catches up with the slices that came due, then keeps its times', () => {
    const a = RecoveryRig.fresh(T0);
    const id = a.submit(TWAP);
    run(a, T0, T0 + 2 * MIN); // slices 1..3 of 10
    const b = RecoveryRig.recover(a.crash(), T0 + 6 * MIN + 30_000);
    b.at(T0 + 6 * MIN + 30_000); // slices 4..7 are due: one child of 4 × 0.05
    b.flush();
    const wal = b.wal as EngineEvent[];
    const sent = wal.flatMap((e) => (e.type === 'order_submitted' ? [e.request.qty] : []));
    expect(sent).toHaveLength(4);
    expect(sent[3]).toBeCloseTo(0.2, 12);
    run(b, T0 + 7 * MIN, T0 + 10 * MIN);
    expect(b.sched.progress(id)?.childrenSent).toBe(7);
    expect(b.sched.progress(id)?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
  });

  it('after the window is over, the rest goes in one child and the parent then ends', () => {
    const a = RecoveryRig.fresh(T0);
    const id = a.submit(TWAP);
    run(a, T0, T0 + 3 * MIN);
    const b = RecoveryRig.recover(a.crash(), T0 + 60 * MIN);
    b.at(T0 + 60 * MIN);
    b.flush();
    expect(b.sched.progress(id)?.childrenSent).toBe(5);
    expect(b.sched.progress(id)?.filledQty).toBeCloseTo(0.5, 12);
    b.at(T0 + 60 * MIN + 1_000);
    expect(b.sched.progress(id)?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
  });

  it('POV goes on from its volume checkpoint', () => {
    const pov: AlgoSpec = {
      algo: 'pov',
      symbol: BTC,
      side: 'BUY',
      qty: 1,
      participation: 0.1,
      tolerance: 0,
      minChildQty: 0.001,
      maxChildQty: 1,
    };
    const a = RecoveryRig.fresh(T0);
    const id = a.submit(pov);
    a.at(T0);
    a.trade(40_000, 2); // target 0.2
    a.at(T0 + 1);
    a.flush();
    expect(a.sched.progress(id)?.filledQty).toBeCloseTo(0.2, 12);
    const b = RecoveryRig.recover(a.crash(), T0 + 2);
    b.at(T0 + 2);
    b.trade(40_000, 1); // observed 3: target 0.3, so one child of 0.1 more (not 0.1 of 1)
    b.at(T0 + 3);
    expect(b.sched.progress(id)?.filledQty).toBeCloseTo(0.3, 12);
    expect(b.sched.progress(id)?.childrenSent).toBe(2);
  });

  it('a limit child open at the crash is adopted; at its slice end its rest rolls on as usual', () => {
    const spec: TwapSpec = {
      ...TWAP,
      qty: 0.2,
      slices: 2,
      durationMs: 2 * MIN,
      child: { type: 'limit', offsetBps: 1, chase: false },
    };
    const start = (r: RecoveryRig) => {
      const id = r.submit(spec);
      r.at(T0); // child 1: 0.1 at 40 000 × (1 − 1 bp) = 39 996, between the bid and the ask
      r.trade(39_996, 0.04); // 0.04 trades at its price (no queue ahead on its own level)
      r.flush();
      return id;
    };
    const ref = RecoveryRig.fresh(T0);
    const id = start(ref);
    run(ref, T0 + 30_000, T0 + 3 * MIN, 30_000);

    const a = RecoveryRig.fresh(T0);
    start(a);
    const b = RecoveryRig.recover(a.crash(), T0 + 30_000);
    const p = b.sched.progress(id);
    expect(p?.childType).toBe('limit');
    expect(p?.childrenWorking).toBe(1);
    expect(p?.workingQty).toBeCloseTo(0.06, 12);
    expect(p?.filledQty).toBeCloseTo(0.04, 12);
    run(b, T0 + 30_000, T0 + 3 * MIN, 30_000);
    expect(submits(b.wal)).toEqual(['algo-1.1', 'algo-1.2', 'algo-1.3']);
    expect(submits(b.wal)).toEqual(submits(ref.wal));
    expect(b.childExecuted()).toEqual(ref.childExecuted());
    // At slice 2 the adopted child is cancelled with 0.06 left and rolled in: 0.2 − 0.04 = 0.16
    // at the new touch (the last price, 39 996) × (1 − 1 bp) = 39 992.0004 → 39 992.00; unfilled
    // at the window's end, it is cancelled and the 0.16 goes at market.
    const req = (cid: string) => b.engine.state.orders.get(cid as never)?.request;
    expect(b.engine.state.orders.get('algo-1.1' as never)?.status).toBe('CANCELLED');
    expect(req('algo-1.2')).toMatchObject({ type: 'LIMIT', price: 39_992 });
    expect(req('algo-1.2')?.qty).toBeCloseTo(0.16, 12);
    expect(req('algo-1.3')).toMatchObject({ type: 'MARKET' });
    expect(req('algo-1.3')?.qty).toBeCloseTo(0.16, 12);
    const done = b.sched.progress(id);
    expect(done?.filledQty).toBeCloseTo(0.2, 12);
    expect(done?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
  });

  it('refuses to restore into a scheduler that already has parents', () => {
    const a = RecoveryRig.fresh(T0);
    a.submit(TWAP);
    expect(a.sched.restore([], T0)).toEqual({
      ok: false,
      error: 'restore: the scheduler already has parents',
    });
  });
});

// ---- property: random commands and time, a crash at a random point, then recovery -----------

type Cmd =
  | { readonly kind: 'submit'; readonly spec: AlgoSpec }
  | { readonly kind: 'pause' | 'resume' | 'cancel'; readonly parent: number }
  | { readonly kind: 'time'; readonly ms: number }
  | { readonly kind: 'trade'; readonly price: number; readonly qty: number };

const specArb: fc.Arbitrary<AlgoSpec> = fc.oneof(
  fc
    .record({
      slices: fc.integer({ min: 1, max: 8 }),
      dur: fc.integer({ min: 1, max: 20 }),
      qty: fc.integer({ min: 1, max: 400 }),
      seed: fc.integer({ min: 1, max: 1_000 }),
    })
    .map(
      ({ slices, dur, qty, seed }): AlgoSpec => ({
        algo: 'twap',
        symbol: BTC,
        side: 'BUY',
        qty: qty / 1000,
        startTs: 0, // set to the submission time
        durationMs: dur * MIN,
        slices,
        timeJitter: 0.5,
        sizeJitter: 0.3,
        seed,
      }),
    ),
  {
    // TWAPs with passive children, weighted up so that many runs rest, roll and fill them.
    weight: 3,
    arbitrary: fc
      .record({
        slices: fc.integer({ min: 1, max: 6 }),
        dur: fc.integer({ min: 1, max: 20 }),
        qty: fc.integer({ min: 1, max: 400 }),
        offsetBps: fc.integer({ min: 0, max: 3 }),
        chase: fc.boolean(),
        finishWithMarket: fc.boolean(),
      })
      .map(
        ({ slices, dur, qty, offsetBps, chase, finishWithMarket }): AlgoSpec => ({
          algo: 'twap',
          symbol: BTC,
          side: 'BUY',
          qty: qty / 1000,
          startTs: 0, // set to the submission time
          durationMs: dur * MIN,
          slices,
          child: chase
            ? {
                type: 'limit',
                offsetBps,
                chase,
                chaseTicks: 1,
                chaseMinMs: 20_000,
                finishWithMarket,
              }
            : { type: 'limit', offsetBps, chase, finishWithMarket },
        }),
      ),
  },
  fc.integer({ min: 1, max: 400 }).map(
    (qty): AlgoSpec => ({
      algo: 'pov',
      symbol: BTC,
      side: 'SELL',
      qty: qty / 1000,
      participation: 0.2,
      tolerance: 0.1,
      minChildQty: 0.001,
      maxChildQty: 0.05,
    }),
  ),
  fc.integer({ min: 1, max: 100 }).map(
    (qty): AlgoSpec => ({
      algo: 'iceberg',
      symbol: BTC,
      side: 'BUY',
      qty: qty / 1000,
      price: 40_001, // marketable: each clip takes the ask at once
      visibleQty: 0.02,
    }),
  ),
);

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 2, arbitrary: specArb.map((spec): Cmd => ({ kind: 'submit', spec })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('pause' as const, 'resume' as const, 'cancel' as const),
      parent: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.integer({ min: 1, max: 5 * MIN }).map((ms): Cmd => ({ kind: 'time', ms })),
  },
  {
    weight: 3,
    // Trades at the ask, and below it: through or at passive buys' prices (which fill them).
    arbitrary: fc
      .record({
        q: fc.integer({ min: 1, max: 50 }),
        price: fc.constantFrom(40_000, 39_996, 39_990, 39_970),
      })
      .map(({ q, price }): Cmd => ({ kind: 'trade', price, qty: q / 10 })),
  },
);

/** Applies one command at the rig's time (each ends durable, as the host acknowledges it). */
function apply(r: RecoveryRig, c: Cmd): void {
  const now = r.clock.now();
  switch (c.kind) {
    case 'submit':
      r.submit(c.spec.algo === 'twap' ? { ...c.spec, startTs: now } : c.spec);
      r.at(now);
      break;
    case 'pause':
    case 'resume':
    case 'cancel':
      r.sched[c.kind](`algo-${c.parent}` as ParentId, now);
      break;
    case 'time':
      r.at(now + c.ms);
      break;
    case 'trade':
      r.trade(c.price, c.qty);
      break;
  }
}

describe('recovery property', () => {
  it('property: a crash anywhere, then recovery, ends with the same fills as no crash', () => {
    fc.assert(
      fc.property(
        fc.array(cmdArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.boolean(),
        (cmds, crashAt, torn) => {
          // No venue latency: a market child is matched and reported in one batch. (With
          // latency the paper venue restores an accepted, not yet reported market order as
          // resting, and a resting market order never fills: see the report. The in-flight,
          // not-accepted case is the 'adopted, not sent again' test above.)
          const latency = 0;
          const k = crashAt % (cmds.length + 1);
          const ref = RecoveryRig.fresh(T0, latency);
          for (const c of cmds) {
            apply(ref, c);
            ref.flush();
          }
          let r = RecoveryRig.fresh(T0, latency);
          for (const [i, c] of cmds.entries()) {
            if (i === k) {
              // Torn: the last step's effects are lost when it was only time passing (nothing
              // was acknowledged); otherwise everything acknowledged is durable.
              const d: Durable = r.crash();
              r = RecoveryRig.recover(d, r.clock.now(), latency);
              r.at(r.clock.now()); // the host drives at once after restoring
            }
            apply(r, c);
            if (!(torn && i === k - 1 && c.kind === 'time')) r.flush();
          }
          if (k === cmds.length) r = RecoveryRig.recover(r.crash(), r.clock.now(), latency);
          // Both run on for an hour of a still market (TWAP windows here are at most 20 min).
          for (const x of [ref, r]) {
            const from: number = x.clock.now();
            for (let t = from; t <= from + 60 * MIN; t += 30_000) {
              x.at(t);
              x.flush();
            }
          }
          const figures = (x: RecoveryRig) =>
            x.sched
              .all()
              .map((p) => ({ id: p.parentId, state: p.state.kind, sent: p.childrenSent }));
          expect(figures(r)).toEqual(figures(ref));
          // The same children with the same executed quantities: nothing placed twice.
          expect(r.childExecuted()).toEqual(ref.childExecuted());
          for (const p of ref.sched.all()) {
            const q = r.sched.progress(p.parentId);
            expect(q?.filledQty).toBeCloseTo(p.filledQty, 12);
            // Cross-check: the parent's figure is the sum of its children's, computed apart.
            const own = [...r.engine.state.orders.values()]
              .filter((o: OrderState) => o.request.clientOrderId.startsWith(`${p.parentId}.`))
              .reduce((s, o) => s + o.executedQty, 0);
            expect(q?.filledQty).toBeCloseTo(own, 12);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
