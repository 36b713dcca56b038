import { describe, expect, it } from 'vitest';
import { symbolId } from '../model';
import { checkAlgoSpec } from './algo-spec';
import {
  foldParentRecords,
  MemoryParentJournalStore,
  ParentJournal,
  readParentJournal,
} from './parent-journal';
import { encodeParentRecord, type ParentRecord } from './parent-record';
import type { ParentId } from './parent-state';

const BTC = symbolId('BTCUSDT');
const ts = 1_700_000_000_000;
const a = 'algo-1' as ParentId;
const b = 'algo-2' as ParentId;
const twap = {
  algo: 'twap',
  symbol: BTC,
  side: 'BUY',
  qty: 1,
  startTs: ts,
  durationMs: 60_000,
  slices: 2,
} as const;
const created = (parentId: ParentId): ParentRecord => ({
  type: 'parent_created',
  ts,
  parentId,
  spec: twap,
});
const numbered = (records: readonly ParentRecord[]) =>
  records.map((record, i) => ({ n: i + 1, record }));
const fold = (records: readonly ParentRecord[]) => foldParentRecords(numbered(records));

describe('foldParentRecords', () => {
  it('leaves each parent in the state of its last record, oldest first', () => {
    const r = fold([
      created(a),
      created(b),
      { type: 'parent_paused', ts: ts + 1, parentId: a },
      { type: 'parent_ended', ts: ts + 2, parentId: b, state: { kind: 'cancelled', reason: 'x' } },
    ]);
    expect(r).toEqual({
      ok: true,
      value: [
        { parentId: a, spec: twap, createdTs: ts, state: { kind: 'paused' }, observed: 0 },
        {
          parentId: b,
          spec: twap,
          createdTs: ts,
          state: { kind: 'cancelled', reason: 'x' },
          observed: 0,
        },
      ],
    });
  });

  it('refuses what the scheduler never journals, naming the record', () => {
    const paused: ParentRecord = { type: 'parent_paused', ts, parentId: a };
    const resumed: ParentRecord = { type: 'parent_resumed', ts, parentId: a };
    const ended: ParentRecord = {
      type: 'parent_ended',
      ts,
      parentId: a,
      state: { kind: 'done', unfilledQty: 0, reason: null },
    };
    const volume: ParentRecord = { type: 'parent_volume', ts, parentId: a, observed: 1 };
    expect(fold([paused])).toEqual({
      ok: false,
      error: 'parent record 1 (parent_paused): unknown parent algo-1',
    });
    expect(fold([created(a), created(a)])).toEqual({
      ok: false,
      error: 'parent record 2 (parent_created): algo-1 already exists',
    });
    expect(fold([created(a), paused, paused])).toEqual({
      ok: false,
      error: 'parent record 3 (parent_paused): algo-1 is paused',
    });
    expect(fold([created(a), resumed])).toEqual({
      ok: false,
      error: 'parent record 2 (parent_resumed): algo-1 is working',
    });
    expect(fold([created(a), ended, resumed])).toEqual({
      ok: false,
      error: 'parent record 3 (parent_resumed): algo-1 is already done',
    });
    expect(fold([created(a), volume])).toEqual({
      ok: false,
      error: 'parent record 2 (parent_volume): algo-1 is twap, not pov',
    });
    expect(
      foldParentRecords([
        { n: 1, record: created(a) },
        { n: 3, record: paused },
      ]),
    ).toEqual({
      ok: false,
      error: 'parent journal: record 3 follows record 1',
    });
    expect(foldParentRecords([{ n: 2, record: created(a) }])).toEqual({
      ok: false,
      error: 'parent journal: record 2 follows record 0',
    });
  });
});

describe('readParentJournal', () => {
  it('names the line that does not decode', () => {
    const lines = numbered([created(a)]).map(encodeParentRecord);
    expect(readParentJournal([...lines, 'torn'])).toEqual({
      ok: false,
      error: 'parent journal line 2: malformed line: expected "<crc32 hex> <json>", got "torn"',
    });
  });
});

describe('ParentJournal', () => {
  it('numbers records after what the store holds and appends them on flush', async () => {
    const store = new MemoryParentJournalStore();
    const first = await ParentJournal.open(store);
    if (!first.ok) throw new Error(first.error);
    expect(first.value.parents).toEqual([]);
    first.value.journal.stage(created(a));
    expect(store.lines).toHaveLength(0);
    expect(first.value.journal.pendingCount).toBe(1);
    await first.value.journal.flush();
    expect(store.lines).toHaveLength(1);

    const again = await ParentJournal.open(store);
    if (!again.ok) throw new Error(again.error);
    expect(again.value.parents.map((p) => p.parentId)).toEqual([a]);
    again.value.journal.stage({ type: 'parent_paused', ts, parentId: a });
    await again.value.journal.flush();
    const read = readParentJournal(store.lines);
    expect(read.ok && read.value.lastN).toBe(2);
    expect(read.ok && read.value.parents[0]?.state).toEqual({ kind: 'paused' });
  });

  it('a record that cannot be encoded throws and takes no number: the journal still opens', async () => {
    const store = new MemoryParentJournalStore();
    const opened = await ParentJournal.open(store);
    if (!opened.ok) throw new Error(opened.error);
    const j = opened.value.journal;
    j.stage(created(a));
    const bad: ParentRecord = {
      type: 'parent_created',
      ts,
      parentId: 'algo-9' as ParentId,
      spec: { ...twap, durationMs: Number.POSITIVE_INFINITY },
    };
    // The scheduler never gets so far: the spec check refuses Infinity (it passes `> 0`).
    expect(checkAlgoSpec(bad.type === 'parent_created' ? bad.spec : twap)).toBe(
      'durationMs must be > 0, got Infinity',
    );
    expect(() => j.stage(bad)).toThrow(/Infinity/);
    j.stage(created(b));
    await j.flush();
    const again = await ParentJournal.open(store);
    if (!again.ok) throw new Error(again.error);
    expect(again.value.parents.map((p) => p.parentId)).toEqual([a, b]);
  });

  it('a store failure breaks the journal: later flushes reject with it', async () => {
    const store = new MemoryParentJournalStore();
    const opened = await ParentJournal.open(store);
    if (!opened.ok) throw new Error(opened.error);
    const j = opened.value.journal;
    store.append = () => Promise.reject(new Error('quota'));
    j.stage(created(a));
    await expect(j.flush()).rejects.toThrow('quota');
    await expect(j.flush()).rejects.toThrow('quota');
  });

  it('refuses to open a store that fails to load or holds a bad record', async () => {
    const store = new MemoryParentJournalStore();
    store.lines.push('00000000 {}');
    const r = await ParentJournal.open(store);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^parent journal line 1: checksum mismatch/);
    store.load = () => Promise.reject(new Error('gone'));
    expect(await ParentJournal.open(store)).toEqual({
      ok: false,
      error: 'cannot load parent journal: gone',
    });
  });
});
