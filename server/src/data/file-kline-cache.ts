import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CANONICAL_HEADER,
  type Candles,
  type KlineCache,
  parseCandleCsv,
} from '../../../engine-core/src/market';

/** Options of `FileKlineCache`. */
export interface FileKlineCacheOptions {
  /** Where repairs are reported (default: a line on stderr). */
  readonly onWarning?: (message: string) => void;
}

const SYMBOL = /^[A-Z0-9]{1,30}$/;
const INTERVAL = /^[0-9]{1,4}[a-zA-Z]{1,2}$/;

/** The canonical CSV rows of `c` (header excluded), each ending in `\n`. */
function csvRows(c: Candles): string {
  const parts: string[] = [];
  for (let i = 0; i < c.length; i++) {
    parts.push(`${c.time[i]},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}\n`);
  }
  return parts.join('');
}

const errorCode = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;

/**
 * A `KlineCache` on disk for Node: one canonical CSV per symbol and interval
 * (`<dir>/BTCUSDT-1h.csv`, header `open_time_ms,open,high,low,close,volume`; numbers printed so
 * that they read back to the same doubles). `put` is atomic (temp file, fsync, rename); `append`
 * adds whole lines with one write and an fsync. A torn last line (a crash mid-append) is cut off
 * with a warning; a file that does not parse is reported and treated as absent, so the next
 * download rewrites it. Not for concurrent writers of the same series.
 */
export class FileKlineCache implements KlineCache {
  readonly dir: string;
  private readonly _warn: (message: string) => void;

  constructor(dir: string, options: FileKlineCacheOptions = {}) {
    this.dir = dir;
    this._warn = options.onWarning ?? ((m) => process.stderr.write(`${m}\n`));
  }

  /** The file of a series; rejects names that could leave the directory. */
  pathOf(symbol: string, interval: string): string {
    if (!SYMBOL.test(symbol) || !INTERVAL.test(interval)) {
      throw new Error(`bad cache key ${JSON.stringify(symbol)} ${JSON.stringify(interval)}`);
    }
    return join(this.dir, `${symbol}-${interval}.csv`);
  }

  async get(symbol: string, interval: string): Promise<Candles | null> {
    const path = this.pathOf(symbol, interval);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return null;
      throw e;
    }
    text = await this._repairTail(path, text);
    if (text.trim() === CANONICAL_HEADER) return null;
    const parsed = parseCandleCsv(text, { fileName: path, symbol, interval });
    if (!parsed.ok) {
      this._warn(`kline cache: ignoring ${parsed.error}`);
      return null;
    }
    return parsed.value.candles;
  }

  async put(symbol: string, interval: string, candles: Candles): Promise<void> {
    const path = this.pathOf(symbol, interval);
    await mkdir(this.dir, { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(`${CANONICAL_HEADER}\n${csvRows(candles)}`, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await syncDir(this.dir);
  }

  async append(symbol: string, interval: string, candles: Candles): Promise<void> {
    if (candles.length === 0) return;
    const path = this.pathOf(symbol, interval);
    const last = await this._lastTime(path);
    if (last === null) return this.put(symbol, interval, candles);
    if (candles.time[0] <= last) {
      throw new Error(
        `append to ${path}: bar ${candles.time[0]} is not after the last one ${last}`,
      );
    }
    const fh = await open(path, 'a');
    try {
      await fh.write(csvRows(candles), null, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** Open time of the last stored row, or null when there is no usable file. */
  private async _lastTime(path: string): Promise<number | null> {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return null;
      throw e;
    }
    if (size === 0) return null;
    const fh = await open(path, 'r');
    let tail: string;
    try {
      const n = Math.min(size, 4096);
      const buf = Buffer.alloc(n);
      await fh.read(buf, 0, n, size - n);
      tail = buf.toString('utf8');
    } finally {
      await fh.close();
    }
    if (!tail.endsWith('\n')) {
      // A torn append: read the whole file once to repair it (rare).
      await this._repairTail(path, await readFile(path, 'utf8'));
      return this._lastTime(path);
    }
    const lines = tail.trimEnd().split('\n');
    const lastLine = lines[lines.length - 1] ?? '';
    const t = Number(lastLine.slice(0, lastLine.indexOf(',')));
    return lastLine.startsWith('open_time_ms') || !Number.isSafeInteger(t) ? null : t;
  }

  /** Cuts a last line without its newline off the file (with a warning); returns the text kept. */
  private async _repairTail(path: string, text: string): Promise<string> {
    if (text.length === 0 || text.endsWith('\n')) return text;
    const keep = text.slice(0, text.lastIndexOf('\n') + 1);
    this._warn(
      `kline cache: ${path}: dropping a torn last line (${text.length - keep.length} chars)`,
    );
    await truncate(path, Buffer.byteLength(keep, 'utf8'));
    return keep;
  }
}

/** fsync of a directory, so that a rename in it survives a crash (best effort off Linux). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  }
}
