import { describe, expect, it, vi } from 'vitest';
import { applyEvent } from '../engine/apply-event';
import { createState, type EngineState } from '../engine/engine-state';
import { serializeState } from '../engine/state-codec';
import { asset, clientOrderId, type StateEvent, symbolId, timestampMs } from '../model';
import { recoverState } from './recover';
import type { WalRecord } from './wal-store';

const USDT = asset('USDT');
const BTCUSDT = symbolId('BTCUSDT');
const fresh = (): EngineState =>
  createState(
    USDT,
    [
      {
        symbol: BTCUSDT,
        base: asset('BTC'),
        quote: USDT,
        tickSize: 0.01,
        lotSize: 0.001,
        minQty: 0.001,
        minNotional: 5,
      },
    ],
    60_000,
  );
const deposit = (n: number): StateEvent => ({
  type: 'funds_deposited',
  ts: timestampMs(n),
  asset: USDT,
  amount: n,
});
const tick = (n: number): StateEvent => ({
  type: 'market_updated',
  ts: timestampMs(n),
  symbol: BTCUSDT,
  price: 100 + n,
});
const EVENTS: StateEvent[] = [deposit(1), tick(2), deposit(3), tick(4), deposit(5)];
const rec = (seq: number): WalRecord => ({ seq, event: EVENTS[seq - 1] as StateEvent });

function applied(n: number): EngineState {
  const s = fresh();
  for (const e of EVENTS.slice(0, n)) applyEvent(s, e);
  return s;
}
const snapshotAt = (n: number) => ({
  seq: n,
  state: JSON.parse(JSON.stringify(serializeState(applied(n)))),
});

const failure = (r: ReturnType<typeof recoverState>): string => (r.ok ? 'ok' : r.error);

describe('recoverState', () => {
  it('starts fresh from an empty WAL', () => {
    const r = recoverState({ snapshot: null, records: [] }, fresh);
    expect(r).toStrictEqual({ ok: true, value: { state: fresh(), lastSeq: 0 } });
  });

  it('folds records over the fresh state', () => {
    const r = recoverState({ snapshot: null, records: [1, 2, 3, 4, 5].map(rec) }, fresh);
    expect(r).toStrictEqual({ ok: true, value: { state: applied(5), lastSeq: 5 } });
  });

  it('folds the later records over the snapshot, without calling fresh', () => {
    const spy = vi.fn(fresh);
    const r = recoverState({ snapshot: snapshotAt(3), records: [4, 5].map(rec) }, spy);
    expect(r).toStrictEqual({ ok: true, value: { state: applied(5), lastSeq: 5 } });
    expect(spy).not.toHaveBeenCalled();
    const bare = recoverState({ snapshot: snapshotAt(5), records: [] }, spy);
    expect(bare).toStrictEqual({ ok: true, value: { state: applied(5), lastSeq: 5 } });
  });

  it('names the seqs of a gap, a repeat, or a record the snapshot already covers', () => {
    const r = (seqs: number[], snap: number | null = null) =>
      failure(
        recoverState(
          { snapshot: snap === null ? null : snapshotAt(snap), records: seqs.map(rec) },
          fresh,
        ),
      );
    expect(r([2, 3])).toBe('WAL gap: seq 1 missing before seq 2');
    expect(r([1, 2, 5])).toBe('WAL gap: seq 3..4 missing before seq 5');
    expect(r([5], 3)).toBe('WAL gap: seq 4 missing before seq 5');
    expect(r([1, 2, 2, 3])).toBe('WAL seq 2 repeated or out of order after seq 2');
    expect(r([1, 3, 2])).toBe('WAL gap: seq 2 missing before seq 3');
    expect(r([3, 4], 3)).toBe('WAL seq 3 repeated or out of order after seq 3');
  });

  it('reports a record the reducer refuses, naming its seq, and returns no state', () => {
    const fill: StateEvent = {
      type: 'order_filled',
      ts: timestampMs(9),
      clientOrderId: clientOrderId('ghost'),
      symbol: BTCUSDT,
      side: 'BUY',
      status: 'FILLED',
      qty: 1,
      price: 100,
      fee: 0,
      feeAsset: USDT,
      liquidity: 'TAKER',
    };
    const r = recoverState(
      { snapshot: null, records: [rec(1), rec(2), { seq: 3, event: fill }] },
      fresh,
    );
    expect(failure(r)).toBe(
      'WAL record seq 3 (order_filled) cannot be applied: event for unknown order ghost',
    );
  });

  it('reports a snapshot that does not deserialize', () => {
    const snap = { seq: 4, state: { ...snapshotAt(4).state, lastTs: 'yesterday' } };
    expect(failure(recoverState({ snapshot: snap, records: [rec(5)] }, fresh))).toBe(
      'snapshot at seq 4: lastTs: expected number, received string',
    );
  });

  it('lets a non-invariant exception (a bug) propagate', () => {
    const broken = { type: 'order_submitted', ts: 1 } as unknown as StateEvent;
    expect(() =>
      recoverState({ snapshot: null, records: [{ seq: 1, event: broken }] }, fresh),
    ).toThrow(TypeError);
  });
});
