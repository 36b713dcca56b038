import { describe, expect, it } from 'vitest';
import { parseCandleCsv } from '../../../../engine-core/src/market';
import { summarizeParse } from '../../data/csv-import-session';
import type { DatasetMeta } from '../../data/dataset-store';
import {
  datasetNameOf,
  IDLE,
  type ImportState,
  importNote,
  importProblem,
  importReducer,
} from './import-state';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function parsed(fileName: string, badRows = 0) {
  const lines = ['open_time_ms,open,high,low,close,volume'];
  for (let i = 0; i < 10; i++) lines.push(`${T0 + i * H},10,12,9,11,1`);
  for (let i = 0; i < badRows; i++) lines.push('bad');
  const r = parseCandleCsv(lines.join('\n'), { fileName, skipBadRows: true });
  if (!r.ok) throw new Error(r.error);
  return summarizeParse(fileName, r.value);
}

const file = (name: string) => Object.assign(new Blob(['x']), { name });

describe('importReducer', () => {
  it('walks pick → parse → edit → save', () => {
    const f = file('data/binance-btcusdt-1h.csv');
    let s: ImportState = importReducer(IDLE, { type: 'start', file: f, skipBadRows: false });
    expect(s).toMatchObject({ phase: 'parsing', done: 0, total: 1 });
    s = importReducer(s, { type: 'progress', done: 1, total: 1 });
    expect(s).toMatchObject({ phase: 'parsing', done: 1 });
    s = importReducer(s, { type: 'parsed', result: parsed(f.name) });
    expect(s).toMatchObject({ phase: 'ready', name: 'binance-btcusdt-1h', symbol: 'BTCUSDT' });
    s = importReducer(s, { type: 'edit', symbol: 'ethusdt' });
    expect(s).toMatchObject({ symbol: 'ETHUSDT', name: 'binance-btcusdt-1h' });
    s = importReducer(s, { type: 'save' });
    expect(s.phase).toBe('saving');
    s = importReducer(s, { type: 'save_failed', error: 'quota' });
    expect(s).toMatchObject({ phase: 'ready', saveError: 'quota' });
    s = importReducer(s, { type: 'save' });
    const meta = { id: 'x', name: 'n' } as DatasetMeta;
    expect(importReducer(s, { type: 'saved', meta })).toEqual({ phase: 'idle', saved: meta });
  });

  it('does not save without a symbol or a name', () => {
    let s: ImportState = importReducer(IDLE, {
      type: 'start',
      file: file('x.csv'),
      skipBadRows: false,
    });
    s = importReducer(s, { type: 'parsed', result: parsed('x.csv') });
    expect(s).toMatchObject({ phase: 'ready', symbol: '' });
    expect(importReducer(s, { type: 'save' })).toBe(s);
    expect(importProblem({ name: 'x', symbol: '' })?.field).toBe('symbol');
    expect(importProblem({ name: ' ', symbol: 'BTCUSDT' })?.field).toBe('name');
    expect(importProblem({ name: 'x', symbol: 'BTC USDT' })?.field).toBe('symbol');
    expect(importProblem({ name: 'x', symbol: 'BTC-PERP' })).toBeNull();
  });

  it('keeps a failure with its mode, and ignores late actions', () => {
    let s: ImportState = importReducer(IDLE, {
      type: 'start',
      file: file('b.csv'),
      skipBadRows: false,
    });
    s = importReducer(s, { type: 'parse_failed', error: 'b.csv:3: bad' });
    expect(s).toMatchObject({ phase: 'failed', skipBadRows: false, error: 'b.csv:3: bad' });
    expect(importReducer(s, { type: 'progress', done: 5, total: 5 })).toBe(s);
    expect(importReducer(s, { type: 'parsed', result: parsed('b.csv') })).toBe(s);
    expect(importReducer(IDLE, { type: 'saved', meta: {} as DatasetMeta })).toBe(IDLE);
    expect(importReducer(s, { type: 'reset' })).toBe(IDLE);
  });
});

describe('import helpers', () => {
  it('names a dataset after its file', () => {
    expect(datasetNameOf('C:\\data\\BTCUSDT-1h-2024.CSV')).toBe('BTCUSDT-1h-2024');
    expect(datasetNameOf('prices.txt')).toBe('prices');
    expect(datasetNameOf('.csv')).toBe('.csv');
  });

  it('notes skipped rows', () => {
    expect(importNote(parsed('a.csv'))).toBeNull();
    expect(importNote(parsed('a.csv', 1))).toBe('1 bad row skipped on import');
    expect(importNote(parsed('a.csv', 3))).toBe('3 bad rows skipped on import');
    expect(importNote({ skippedCount: 12345 })).toBe('12,345 bad rows skipped on import');
  });
});
