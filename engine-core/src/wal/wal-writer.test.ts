import { describe, expect, it } from 'vitest';
import { applyEvent } from '../engine/apply-event';
import { createState, type EngineState } from '../engine/engine-state';
import { serializeState } from '../engine/state-codec';
import { asset, type StateEvent, timestampMs } from '../model';
import { MemoryWalStore } from './memory-wal-store';
import { decodeSnapshot } from './record-codec';
import type { WalContents, WalRecord, WalSnapshot, WalStore } from './wal-store';
import { DEFAULT_COMPACT_EVERY, openWal, WalWriter } from './wal-writer';

const USDT = asset('USDT');
const fresh = (): EngineState => createState(USDT, [], 60_000);
const deposit = (n: number): StateEvent => ({
  type: 'funds_deposited',
  ts: timestampMs(n),
  asset: USDT,
  amount: n,
});

/** Applies events to `state` and stages them, as a host does. */
function step(state: EngineState, writer: WalWriter, ns: number[]): readonly WalRecord[] {
  const events = ns.map(deposit);
  for (const e of events) applyEvent(state, e);
  return writer.stage(events);
}

/** A store whose appends can be held back or made to fail, recording the order of calls. */
class ControlledStore implements WalStore {
  readonly inner = new MemoryWalStore();
  readonly calls: string[] = [];
  failNext: Error | null = null;
  gate: Promise<void> = Promise.resolve();

  async append(records: readonly WalRecord[]): Promise<void> {
    this.calls.push(`append ${records.map((r) => r.seq).join(',')}`);
    await this.gate;
    if (this.failNext !== null) throw this.failNext;
    await this.inner.append(records);
  }
  load(): Promise<WalContents> {
    return this.inner.load();
  }
  async compact(snapshot: WalSnapshot): Promise<void> {
    this.calls.push(`compact ${snapshot.seq}`);
    await this.inner.compact(snapshot);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('WalWriter', () => {
  it('numbers events after the last recovered seq and appends each flush as one batch', async () => {
    const store = new MemoryWalStore();
    const writer = new WalWriter(store, 0);
    const state = fresh();
    expect(step(state, writer, [1, 2]).map((r) => r.seq)).toEqual([1, 2]);
    expect(step(state, writer, [3]).map((r) => r.seq)).toEqual([3]);
    expect(writer.pendingCount).toBe(3);
    expect(writer.durableSeq).toBe(0);
    await writer.flush();
    await writer.flush();
    expect(store.appendCount).toBe(1);
    expect(writer).toMatchObject({ lastSeq: 3, durableSeq: 3, pendingCount: 0 });
    expect((await store.load()).records.map((r) => r.seq)).toEqual([1, 2, 3]);

    const resumed = new WalWriter(store, 3);
    expect(resumed.stage([deposit(4)])[0]?.seq).toBe(4);
  });

  it('snapshots once compactEvery records were appended, and counts again from there', async () => {
    const store = new MemoryWalStore();
    const writer = new WalWriter(store, 0, { compactEvery: 3 });
    const state = fresh();
    step(state, writer, [1, 2]);
    await writer.flush();
    expect(await writer.maybeCompact(state)).toBe(false);
    step(state, writer, [3]);
    await writer.flush();
    expect(await writer.maybeCompact(state)).toBe(true);
    expect(store.lines).toEqual([]);
    const snap = decodeSnapshot(store.snapshotLine ?? '');
    expect(snap.ok && snap.value.seq).toBe(3);
    expect(snap.ok && snap.value.state).toEqual(JSON.parse(JSON.stringify(serializeState(state))));
    step(state, writer, [4, 5]);
    await writer.flush();
    expect(await writer.maybeCompact(state)).toBe(false);
    expect(store.lines).toHaveLength(2);
    expect(DEFAULT_COMPACT_EVERY).toBe(10_000);
  });

  it('flushes staged records before it stores a snapshot that covers them', async () => {
    const store = new ControlledStore();
    const writer = new WalWriter(store, 0, { compactEvery: 2 });
    const state = fresh();
    step(state, writer, [1, 2]);
    await writer.flush();
    step(state, writer, [3]); // applied and staged, not flushed
    expect(await writer.maybeCompact(state)).toBe(true);
    expect(store.calls).toEqual(['append 1,2', 'append 3', 'compact 3']);
    expect(writer.durableSeq).toBe(3);
  });

  it('runs store operations one at a time, in call order', async () => {
    const store = new ControlledStore();
    let open: () => void = () => {};
    store.gate = new Promise((resolve) => {
      open = resolve;
    });
    const writer = new WalWriter(store, 0);
    const state = fresh();
    step(state, writer, [1]);
    const first = writer.flush();
    step(state, writer, [2]);
    const second = writer.flush();
    const idle = writer.flush();
    await Promise.resolve();
    expect(store.calls).toEqual(['append 1']);
    open();
    await Promise.all([first, second, idle]);
    expect(store.calls).toEqual(['append 1', 'append 2']);
    expect(writer.durableSeq).toBe(2);
  });

  it('breaks for good after a store failure', async () => {
    const store = new ControlledStore();
    const writer = new WalWriter(store, 0, { compactEvery: 1 });
    const state = fresh();
    step(state, writer, [1]);
    await writer.flush();
    store.failNext = new Error('disk full');
    step(state, writer, [2]);
    await expect(writer.flush()).rejects.toThrow('disk full');
    store.failNext = null;
    step(state, writer, [3]);
    await expect(writer.flush()).rejects.toThrow('disk full');
    await expect(writer.flush()).rejects.toThrow('disk full');
    await expect(writer.maybeCompact(state)).rejects.toThrow('disk full');
    expect(store.calls).toEqual(['append 1', 'append 2']);
    expect(writer.durableSeq).toBe(1);
  });

  it('refuses impossible starting points', () => {
    const store = new MemoryWalStore();
    expect(() => new WalWriter(store, -1)).toThrow('bad lastSeq -1');
    expect(() => new WalWriter(store, 2, { compactEvery: 0 })).toThrow('bad compactEvery 0');
    expect(() => new WalWriter(store, 2, { snapshotSeq: 3 })).toThrow('bad snapshotSeq 3');
  });
});

describe('openWal', () => {
  it('opens an empty store on a fresh state and reopens what was written', async () => {
    const store = new MemoryWalStore();
    const first = await openWal(store, fresh);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.state).toStrictEqual(fresh());
    expect(first.value.writer.lastSeq).toBe(0);
    step(first.value.state, first.value.writer, [1, 2, 3]);
    await first.value.writer.flush();

    const second = await openWal(store.reopen(), fresh);
    if (!second.ok) throw new Error(second.error);
    expect(second.value.state).toStrictEqual(first.value.state);
    expect(second.value.writer.lastSeq).toBe(3);
  });

  it('counts records already after the snapshot toward the next compaction', async () => {
    const store = new MemoryWalStore();
    const writer = new WalWriter(store, 0, { compactEvery: 100 });
    const state = fresh();
    step(state, writer, [1, 2, 3, 4]);
    await writer.flush();
    const opened = await openWal(store, fresh, { compactEvery: 4 });
    if (!opened.ok) throw new Error(opened.error);
    expect(await opened.value.writer.maybeCompact(opened.value.state)).toBe(true);
    expect(store.lines).toEqual([]);
  });

  it('returns an error value for a store that does not load or a WAL that does not replay', async () => {
    const store = new MemoryWalStore();
    await store.append([{ seq: 1, event: deposit(1) }]);
    await store.append([{ seq: 3, event: deposit(3) }]);
    expect(await openWal(store, fresh)).toStrictEqual({
      ok: false,
      error: 'cannot recover WAL: WAL gap: seq 2 missing before seq 3',
    });
    store.lines[0] = `0${(store.lines[0] as string).slice(1)}`;
    const r = await openWal(store, fresh);
    expect(r.ok ? '' : r.error).toMatch(/^cannot load WAL: record line 1: checksum mismatch/);
  });
});
