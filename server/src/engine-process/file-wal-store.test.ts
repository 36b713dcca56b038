import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from '../../../engine-core/src/engine/apply-event';
import { createState, type EngineState } from '../../../engine-core/src/engine/engine-state';
import {
  asset,
  clientOrderId,
  type StateEvent,
  symbolId,
  timestampMs,
} from '../../../engine-core/src/model';
import {
  encodeRecord,
  encodeSnapshot,
  frameLine,
  openWal,
  serializeState,
  type WalRecord,
  WalWriter,
} from '../../../engine-core/src/wal';
import { FileWalStore } from './file-wal-store';

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
        lotSize: 0.0001,
        minQty: 0.0001,
        minNotional: 5,
      },
    ],
    60_000,
  );

/** A small trading session: deposit, an order with a reservation, fills, ticks, a cancel. */
function sessionEvents(): StateEvent[] {
  const ts = (n: number) => timestampMs(1_700_000_000_000 + n * 1000);
  const id = (n: number) => clientOrderId(`c${n}`);
  const events: StateEvent[] = [
    { type: 'funds_deposited', ts: ts(0), asset: USDT, amount: 100_000 },
  ];
  for (let n = 1; n <= 4; n++) {
    const price = 50_000 + n * 10;
    events.push(
      { type: 'market_updated', ts: ts(n * 10), symbol: BTCUSDT, price },
      {
        type: 'order_submitted',
        ts: ts(n * 10 + 1),
        request: {
          type: 'LIMIT',
          price,
          clientOrderId: id(n),
          symbol: BTCUSDT,
          side: 'BUY',
          qty: 0.3,
          tif: 'GTC',
          postOnly: false,
          reduceOnly: false,
        },
        seq: n,
        reserved: { asset: USDT, amount: 0.3 * price },
      },
      { type: 'order_accepted', ts: ts(n * 10 + 2), clientOrderId: id(n), venueOrderId: `v${n}` },
      {
        type: 'order_filled',
        ts: ts(n * 10 + 3),
        clientOrderId: id(n),
        symbol: BTCUSDT,
        side: 'BUY',
        status: 'PARTIALLY_FILLED',
        qty: 0.1,
        price,
        fee: 0.1 * price * 0.001,
        feeAsset: USDT,
        liquidity: 'MAKER',
      },
    );
    if (n % 2 === 0) {
      events.push({
        type: 'order_cancelled',
        ts: ts(n * 10 + 4),
        clientOrderId: id(n - 1),
        reason: null,
      });
    }
  }
  return events;
}

const records = (events: readonly StateEvent[], from = 1): WalRecord[] =>
  events.map((event, i) => ({ seq: from + i, event }));

function stateOf(events: readonly StateEvent[]): EngineState {
  const s = fresh();
  for (const e of events) applyEvent(s, e);
  return s;
}

/** Deep equality that also pins the insertion order of every Map and Set. */
function expectSameState(actual: EngineState, expected: EngineState): void {
  expect(actual).toStrictEqual(expected);
  expect(serializeState(actual)).toStrictEqual(serializeState(expected));
}

let dir = '';
let path = '';
let warnings: string[] = [];
const opened: FileWalStore[] = [];

function open(): FileWalStore {
  const r = FileWalStore.open(path, { onWarning: (m) => warnings.push(m) });
  if (!r.ok) throw new Error(r.error);
  opened.push(r.value);
  return r.value;
}

const fileLines = () => readFileSync(path, 'utf8').split('\n');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'veloz-wal-'));
  path = join(dir, 'engine.wal');
  warnings = [];
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FileWalStore: records', () => {
  it('appends one line per record and loads them back after a restart', async () => {
    const events = sessionEvents();
    const store = open();
    await store.append(records(events.slice(0, 3)));
    await store.append([]);
    await store.append(records(events.slice(3), 4));
    await store.close();
    expect(readFileSync(path, 'utf8')).toBe(`${records(events).map(encodeRecord).join('\n')}\n`);

    expect(await open().load()).toStrictEqual({ snapshot: null, records: records(events) });
    expect(warnings).toEqual([]);
  });

  it('writes nothing from a batch holding a record it cannot encode', async () => {
    const store = open();
    await store.append(records(sessionEvents().slice(0, 2)));
    const size = statSync(path).size;
    const bad: StateEvent = {
      type: 'market_updated',
      ts: timestampMs(1),
      symbol: BTCUSDT,
      price: Number.NaN,
    };
    await expect(store.append([{ seq: 3, event: bad }])).rejects.toThrow('cannot journal NaN');
    expect(statSync(path).size).toBe(size);
  });

  it('drops a torn last line (no newline), cuts it off the file, and warns', async () => {
    const events = sessionEvents();
    const store = open();
    await store.append(records(events.slice(0, 3)));
    const good = statSync(path).size;
    appendFileSync(path, encodeRecord({ seq: 4, event: events[3] as StateEvent }).slice(0, 40));

    expect((await store.load()).records).toStrictEqual(records(events.slice(0, 3)));
    expect(statSync(path).size).toBe(good);
    expect(warnings).toEqual([
      `${path}:4: dropped a torn last record (no newline at the end); file cut to ${good} bytes`,
    ]);
    // The repaired file takes appends again.
    await store.append(records(events.slice(3, 5), 4));
    expect((await store.load()).records).toStrictEqual(records(events.slice(0, 5)));
  });

  it('drops a complete last line whose checksum fails (a torn block)', async () => {
    const events = sessionEvents();
    const store = open();
    await store.append(records(events.slice(0, 2)));
    const good = statSync(path).size;
    appendFileSync(
      path,
      `${encodeRecord({ seq: 3, event: events[2] as StateEvent }).replace('"seq":3', '"seq":8')}\n`,
    );
    expect((await store.load()).records).toHaveLength(2);
    expect(statSync(path).size).toBe(good);
    expect(warnings[0]).toMatch(
      new RegExp(`^${path}:3: dropped a torn last record \\(checksum mismatch`),
    );

    appendFileSync(path, '\0\0\0\0\0\0\0\0\0\0\0\0\n'); // zeros of a lost block
    expect((await store.load()).records).toHaveLength(2);
    expect(warnings[1]).toMatch(/:3: dropped a torn last record \(malformed line/);
  });

  it('rejects a corrupted line that is not the last, naming path:line, and changes nothing', async () => {
    const store = open();
    await store.append(records(sessionEvents().slice(0, 4)));
    const lines = fileLines();
    lines[1] = (lines[1] as string).replace('50010', '50011');
    writeFileSync(path, lines.join('\n'));
    const before = readFileSync(path);
    await expect(store.load()).rejects.toThrow(
      new RegExp(`^${path}:2: checksum mismatch: line says`),
    );
    await expect(store.compact({ seq: 1, state: {} })).rejects.toThrow(
      `${path}:2: checksum mismatch`,
    );
    expect(readFileSync(path)).toEqual(before);
    expect(existsSync(`${path}.snapshot`)).toBe(false);
  });

  it('rejects a last line with a good checksum but a bad record: that is not a torn write', async () => {
    const store = open();
    await store.append(records(sessionEvents().slice(0, 2)));
    appendFileSync(path, `${frameLine('{"seq":3,"event":{"type":"funds_deposited"}}')}\n`);
    await expect(store.load()).rejects.toThrow(
      `${path}:3: bad record: event.ts: expected number, received undefined`,
    );
    expect(warnings).toEqual([]);
  });
});

describe('FileWalStore: compaction', () => {
  it('recovers the same state after compaction and a restart', async () => {
    const events = sessionEvents();
    const store = open();
    const writer = new WalWriter(store, 0, { compactEvery: 7 });
    const live = fresh();
    let compactions = 0;
    for (const e of events) {
      applyEvent(live, e);
      writer.stage([e]);
      await writer.flush();
      if (await writer.maybeCompact(live)) compactions++;
    }
    expect(compactions).toBe(Math.floor(events.length / 7));
    await store.close();

    const lastSnap = compactions * 7;
    expect(fileLines().length - 1).toBe(events.length - lastSnap);
    expect(readdirSync(dir).sort()).toEqual(['engine.wal', 'engine.wal.snapshot']);

    const reopened = await openWal(open(), fresh);
    if (!reopened.ok) throw new Error(reopened.error);
    expectSameState(reopened.value.state, live);
    expectSameState(reopened.value.state, stateOf(events));
    expect(reopened.value.writer.lastSeq).toBe(events.length);
  });

  it('skips records a snapshot covers after a crash between snapshot and truncation', async () => {
    const events = sessionEvents();
    const store = open();
    await store.append(records(events));
    // The crash: the snapshot at seq 6 was renamed into place, the records file not yet rewritten.
    const snap = { seq: 6, state: serializeState(stateOf(events.slice(0, 6))) };
    writeFileSync(`${path}.snapshot`, `${encodeSnapshot(snap)}\n`);

    const contents = await store.load();
    expect(contents.snapshot?.seq).toBe(6);
    expect(contents.records).toStrictEqual(records(events.slice(6), 7));
    await store.close();

    const reopened = await openWal(open(), fresh);
    if (!reopened.ok) throw new Error(reopened.error);
    expectSameState(reopened.value.state, stateOf(events));
  });

  it('rejects a damaged snapshot, naming its path', async () => {
    const store = open();
    writeFileSync(
      `${path}.snapshot`,
      `${encodeSnapshot({ seq: 2, state: {} }).replace('"seq":2', '"seq":3')}\n`,
    );
    await expect(store.load()).rejects.toThrow(`${path}.snapshot:1: checksum mismatch`);
  });
});

describe('FileWalStore: lock', () => {
  it('refuses a second store on a WAL in use, until the first closes', async () => {
    const first = open();
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    const second = FileWalStore.open(path);
    expect(second).toStrictEqual({
      ok: false,
      error: `WAL ${path} is in use by this process (lock ${path}.lock); stop that engine first`,
    });
    await first.close();
    await first.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    await expect(first.load()).rejects.toThrow(`WAL ${path} is unusable: closed`);
    open();
  });

  it('refuses a lock held by another live process', () => {
    writeFileSync(`${path}.lock`, `${process.ppid}\n`);
    const r = FileWalStore.open(path);
    expect(r.ok ? '' : r.error).toBe(
      `WAL ${path} is in use by process ${process.ppid} (lock ${path}.lock); stop that engine first`,
    );
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over the lock of a process that is gone, with a warning', async () => {
    const child = spawnSync(process.execPath, ['-e', '']);
    const deadPid = child.pid as number;
    writeFileSync(`${path}.lock`, `${deadPid}\n`);
    const store = open();
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(warnings).toEqual([
      `${path}.lock: taking over the lock of process ${deadPid}, which is no longer running`,
    ]);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses a lock file without a pid', () => {
    writeFileSync(`${path}.lock`, '');
    const r = FileWalStore.open(path);
    expect(r.ok ? '' : r.error).toBe(
      `lock ${path}.lock holds no pid; if no engine uses ${path}, delete the lock file`,
    );
  });

  it('reports a directory it cannot use', () => {
    const r = FileWalStore.open(join(dir, 'missing', 'engine.wal'));
    expect(r.ok ? '' : r.error).toMatch(/^cannot create lock .*missing\/engine\.wal\.lock: ENOENT/);
  });
});
