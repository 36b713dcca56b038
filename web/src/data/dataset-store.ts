import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import {
  type Candles,
  candlesFromColumns,
  detectGaps,
  SAMPLE_LABEL,
  syntheticSample,
} from '../../../engine-core/src/market';

/** Where a dataset came from. */
export type DatasetSource = 'sample' | 'csv' | 'synthetic' | 'binance';

/** What the Data page lists: everything but the bars. */
export interface DatasetMeta {
  readonly id: string;
  readonly name: string;
  readonly symbol: string;
  readonly interval: string;
  readonly intervalMs: number;
  readonly rows: number;
  /** Open time of the first and last bar (ms). */
  readonly from: number;
  readonly to: number;
  readonly gaps: number;
  readonly source: DatasetSource;
  /** Shown beside the name (the sample says it is synthetic). */
  readonly note: string | null;
  readonly createdAt: number;
}

interface StoredColumns {
  readonly id: string;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

interface DatasetDb extends DBSchema {
  meta: { key: string; value: DatasetMeta };
  columns: { key: string; value: StoredColumns };
}

export const DATASET_DB = 'veloz-datasets';
/** The id of the bundled synthetic sample. */
export const SAMPLE_ID = 'sample';

let dbPromise: Promise<IDBPDatabase<DatasetDb>> | null = null;

function db(): Promise<IDBPDatabase<DatasetDb>> {
  dbPromise ??= openDB<DatasetDb>(DATASET_DB, 1, {
    upgrade(d) {
      d.createObjectStore('meta', { keyPath: 'id' });
      d.createObjectStore('columns', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

/** Closes the connection (tests delete the database between cases). */
export async function closeDatasetDb(): Promise<void> {
  const p = dbPromise;
  dbPromise = null;
  if (p) (await p).close();
}

/** Every dataset, newest first (the sample last). */
export async function listDatasets(): Promise<DatasetMeta[]> {
  const all = await (await db()).getAll('meta');
  return all.sort((a, b) =>
    a.source === 'sample' ? 1 : b.source === 'sample' ? -1 : b.createdAt - a.createdAt,
  );
}

export async function getDatasetMeta(id: string): Promise<DatasetMeta | undefined> {
  return (await db()).get('meta', id);
}

/** The bars of a dataset, or undefined when it does not exist. */
export async function loadCandles(id: string): Promise<Candles | undefined> {
  const d = await db();
  const [meta, cols] = await Promise.all([d.get('meta', id), d.get('columns', id)]);
  if (meta === undefined || cols === undefined) return undefined;
  return candlesFromColumns(meta.symbol, meta.interval, meta.intervalMs, cols);
}

/** Stores bars as a dataset (meta and columns in one transaction); returns its meta. */
export async function saveDataset(
  candles: Candles,
  info: { name: string; source: DatasetSource; note?: string | null; id?: string },
): Promise<DatasetMeta> {
  if (candles.length === 0) throw new Error('a dataset needs at least one bar');
  const id =
    info.id ??
    `${info.source}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const meta: DatasetMeta = {
    id,
    name: info.name,
    symbol: candles.symbol,
    interval: candles.interval,
    intervalMs: candles.intervalMs,
    rows: candles.length,
    from: candles.time[0] as number,
    to: candles.time[candles.length - 1] as number,
    gaps: detectGaps(candles.time, candles.intervalMs, candles.length).length,
    source: info.source,
    note: info.note ?? null,
    createdAt: Date.now(),
  };
  // Exact-length copies: a subarray view would store its whole buffer.
  const cols: StoredColumns = {
    id,
    time: candles.time.slice(),
    open: candles.open.slice(),
    high: candles.high.slice(),
    low: candles.low.slice(),
    close: candles.close.slice(),
    volume: candles.volume.slice(),
  };
  const tx = (await db()).transaction(['meta', 'columns'], 'readwrite');
  await Promise.all([
    tx.objectStore('meta').put(meta),
    tx.objectStore('columns').put(cols),
    tx.done,
  ]);
  return meta;
}

export async function deleteDataset(id: string): Promise<void> {
  const tx = (await db()).transaction(['meta', 'columns'], 'readwrite');
  await Promise.all([
    tx.objectStore('meta').delete(id),
    tx.objectStore('columns').delete(id),
    tx.done,
  ]);
}

/** Puts the bundled synthetic sample in place when it is missing (first start, or deleted). */
export async function ensureSample(): Promise<DatasetMeta> {
  const have = await getDatasetMeta(SAMPLE_ID);
  if (have) return have;
  return saveDataset(syntheticSample(), {
    id: SAMPLE_ID,
    name: 'Sample: SYNTH-BTCUSDT 1h',
    source: 'sample',
    note: SAMPLE_LABEL,
  });
}
