import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import {
  type Candles,
  candlesFromColumns,
  concatCandles,
  type KlineCache,
} from '../../../engine-core/src/market';

/** One stored run of bars: a page as it arrived, or a merge of pages. */
interface KlineChunk {
  /** `SYMBOL:interval`. */
  readonly series: string;
  /** Open time of the first and last bar. */
  readonly start: number;
  readonly end: number;
  readonly symbol: string;
  readonly interval: string;
  readonly intervalMs: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

interface KlineDb extends DBSchema {
  chunks: { key: [string, number]; value: KlineChunk };
}

const STORE = 'chunks';
/** Above this many chunks a series is merged into one on the next append. */
const MAX_CHUNKS = 256;

const seriesKey = (symbol: string, interval: string): string => `${symbol}:${interval}`;
const rangeOf = (series: string): IDBKeyRange =>
  IDBKeyRange.bound([series, Number.NEGATIVE_INFINITY], [series, Number.POSITIVE_INFINITY]);

/** A stored chunk of `c`, with exact-length copies (a view would store its whole buffer). */
function toChunk(series: string, c: Candles): KlineChunk {
  return {
    series,
    start: c.time[0],
    end: c.time[c.length - 1],
    symbol: c.symbol,
    interval: c.interval,
    intervalMs: c.intervalMs,
    time: c.time.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}

const fromChunk = (k: KlineChunk): Candles =>
  candlesFromColumns(k.symbol, k.interval, k.intervalMs, k);

/**
 * A `KlineCache` in the browser's IndexedDB (through `idb`). Each `append` adds one chunk of
 * `Float64Array` columns keyed by `[series, first open time]`, so storing a page costs the page,
 * not the series; `get` joins the chunks in key order, and a series of more than 256 chunks is
 * merged into one. `put` replaces all chunks of the series in one transaction.
 */
export class IdbKlineCache implements KlineCache {
  private readonly _db: Promise<IDBPDatabase<KlineDb>>;

  constructor(dbName = 'veloz-klines') {
    this._db = openDB<KlineDb>(dbName, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: ['series', 'start'] });
      },
    });
  }

  async get(symbol: string, interval: string): Promise<Candles | null> {
    const db = await this._db;
    const chunks = await db.getAll(STORE, rangeOf(seriesKey(symbol, interval)));
    if (chunks.length === 0) return null;
    return concatCandles(...chunks.map(fromChunk));
  }

  async put(symbol: string, interval: string, candles: Candles): Promise<void> {
    const series = seriesKey(symbol, interval);
    const db = await this._db;
    const tx = db.transaction(STORE, 'readwrite');
    await tx.store.delete(rangeOf(series));
    if (candles.length > 0) await tx.store.put(toChunk(series, candles));
    await tx.done;
  }

  async append(symbol: string, interval: string, candles: Candles): Promise<void> {
    if (candles.length === 0) return;
    const series = seriesKey(symbol, interval);
    const db = await this._db;
    const tx = db.transaction(STORE, 'readwrite');
    const last = await tx.store.openCursor(rangeOf(series), 'prev');
    if (last !== null && candles.time[0] <= last.value.end) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(
        `append to ${series}: bar ${candles.time[0]} is not after the last one ${last.value.end}`,
      );
    }
    if ((await tx.store.count(rangeOf(series))) >= MAX_CHUNKS) {
      const all = await tx.store.getAll(rangeOf(series));
      await tx.store.delete(rangeOf(series));
      await tx.store.put(toChunk(series, concatCandles(...all.map(fromChunk), candles)));
    } else {
      await tx.store.put(toChunk(series, candles));
    }
    await tx.done;
  }

  /** Closes the database connection. */
  async close(): Promise<void> {
    (await this._db).close();
  }
}
