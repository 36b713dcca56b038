import { describe, expect, it } from 'vitest';
import { asset, type StateEvent, symbolId, timestampMs } from '../model';
import { MemoryWalStore } from './memory-wal-store';
import { encodeRecord } from './record-codec';
import type { WalRecord } from './wal-store';

const deposit = (n: number): StateEvent => ({
  type: 'funds_deposited',
  ts: timestampMs(1_000 + n),
  asset: asset('USDT'),
  amount: n,
});
const records = (from: number, to: number): WalRecord[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, event: deposit(from + i) }));

describe('MemoryWalStore', () => {
  it('appends batches as encoded lines and loads them back', async () => {
    const store = new MemoryWalStore();
    await store.append(records(1, 3));
    await store.append([]);
    await store.append(records(4, 4));
    expect(store.appendCount).toBe(2);
    expect(store.lines).toEqual(records(1, 4).map(encodeRecord));
    expect(await store.load()).toStrictEqual({ snapshot: null, records: records(1, 4) });
  });

  it('compacts: stores the snapshot and drops what it covers, keeping the rest byte for byte', async () => {
    const store = new MemoryWalStore();
    await store.append(records(1, 5));
    const kept = store.lines.slice(3);
    await store.compact({ seq: 3, state: { any: 'thing' } });
    expect(store.lines).toEqual(kept);
    expect(await store.load()).toStrictEqual({
      snapshot: { seq: 3, state: { any: 'thing' } },
      records: records(4, 5),
    });
  });

  it('skips records a snapshot covers (a crash between snapshot and truncation)', async () => {
    const store = new MemoryWalStore();
    await store.append(records(1, 5));
    const before = [...store.lines];
    await store.compact({ seq: 4, state: {} });
    const crashed = new MemoryWalStore({ lines: before, snapshotLine: store.snapshotLine });
    expect((await crashed.load()).records).toStrictEqual(records(5, 5));
  });

  it('reports a corrupted line instead of returning it', async () => {
    const store = new MemoryWalStore();
    await store.append(records(1, 3));
    store.lines[1] = (store.lines[1] as string).replace('"amount":2', '"amount":9');
    await expect(store.load()).rejects.toThrow(/^record line 2: checksum mismatch/);
    await expect(store.compact({ seq: 1, state: {} })).rejects.toThrow(/^record line 2: /);
    expect(store.snapshotLine).toBeNull();

    const snap = new MemoryWalStore({ snapshotLine: 'junk' });
    await expect(snap.load()).rejects.toThrow(/^snapshot: malformed line/);
  });

  it('appends nothing from a batch that cannot be encoded', async () => {
    const store = new MemoryWalStore();
    const bad: StateEvent = {
      type: 'market_updated',
      ts: timestampMs(1),
      symbol: symbolId('X'),
      price: Number.NaN,
    };
    await expect(store.append([...records(1, 2), { seq: 3, event: bad }])).rejects.toThrow(
      /cannot journal NaN/,
    );
    expect(store.lines).toEqual([]);
    expect(store.appendCount).toBe(0);
  });

  it('refuses calls once closed; reopen gives a store with the same lines', async () => {
    const store = new MemoryWalStore();
    await store.append(records(1, 2));
    await store.close();
    await expect(store.load()).rejects.toThrow('WAL store is closed');
    await expect(store.append(records(3, 3))).rejects.toThrow('WAL store is closed');
    const again = store.reopen();
    expect((await again.load()).records).toStrictEqual(records(1, 2));
  });
});
