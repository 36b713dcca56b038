import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { err, ok, type Result } from '../../../engine-core/src/util';
import {
  decodeRecord,
  decodeSnapshot,
  encodeRecord,
  encodeSnapshot,
  unframeLine,
  type WalContents,
  type WalRecord,
  type WalSnapshot,
  type WalStore,
} from '../../../engine-core/src/wal';

/** Options of `FileWalStore.open`. */
export interface FileWalStoreOptions {
  /** Where repairs and lock take-overs are reported (default: a line on stderr). */
  readonly onWarning?: (message: string) => void;
}

/** One line of the records file, with its byte offset. */
interface Line {
  readonly text: string;
  readonly start: number;
  /** False for a last line without its newline: the write was torn. */
  readonly terminated: boolean;
}

/** One decoded line of the records file. */
interface ScannedRecord {
  readonly record: WalRecord;
  readonly text: string;
}

const errorCode = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const defaultWarning = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/**
 * The WAL on disk, for the Node engine process. `path` holds one encoded record per line,
 * append-only; `path.snapshot` the newest snapshot; `path.lock` the pid of the process using the
 * WAL, so that two engines never share one. Every write is fsynced before its promise resolves.
 * After a failed write the store refuses further calls: the file's tail is unknown until the next
 * `load` repairs it.
 */
export class FileWalStore implements WalStore {
  readonly path: string;
  private readonly _snapshotPath: string;
  private readonly _lockPath: string;
  private readonly _warn: (message: string) => void;
  private _fd: number | null;
  private _failure: string | null = null;

  private constructor(path: string, fd: number, warn: (message: string) => void) {
    this.path = path;
    this._snapshotPath = `${path}.snapshot`;
    this._lockPath = `${path}.lock`;
    this._warn = warn;
    this._fd = fd;
  }

  /**
   * Takes the lock and opens (creating if needed) the records file. Fails when another live
   * process holds the lock; a lock left by a process that is gone is taken over with a warning.
   */
  static open(path: string, options: FileWalStoreOptions = {}): Result<FileWalStore, string> {
    const warn = options.onWarning ?? defaultWarning;
    const lock = acquireLock(path, `${path}.lock`, warn);
    if (!lock.ok) return lock;
    try {
      const created = !existsSync(path);
      const fd = openSync(path, 'a');
      if (created) fsyncDir(path);
      return ok(new FileWalStore(path, fd, warn));
    } catch (e) {
      releaseLock(`${path}.lock`);
      return err(`cannot open WAL ${path}: ${errorMessage(e)}`);
    }
  }

  /** Appends the batch with one write and one fsync. Encoding happens first: a bad record writes nothing. */
  async append(records: readonly WalRecord[]): Promise<void> {
    const fd = this._ensureOpen();
    if (records.length === 0) return;
    const data = Buffer.from(`${records.map(encodeRecord).join('\n')}\n`, 'utf8');
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } catch (e) {
      this._failure = `append failed: ${errorMessage(e)}`;
      throw e;
    }
  }

  /**
   * Reads the snapshot and the records after it. A torn last line (no newline, or a checksum that
   * does not match) was never acknowledged: it is dropped and cut off the file, with a warning.
   * Any other bad line rejects with `path:line: reason`, since it held acknowledged data. Records
   * the snapshot covers (left by a crash between snapshot and truncation) are skipped.
   */
  async load(): Promise<WalContents> {
    this._ensureOpen();
    const snapshot = this._readSnapshot();
    const records = this._scan()
      .map((s) => s.record)
      .filter((r) => snapshot === null || r.seq > snapshot.seq);
    return { snapshot, records };
  }

  /**
   * Stores the snapshot (temp file, fsync, rename, fsync of the directory), then rewrites the
   * records file with only the records after it, the same way. Kept lines are copied byte for
   * byte. A bad line (other than a torn last one) rejects before anything is written.
   */
  async compact(snapshot: WalSnapshot): Promise<void> {
    this._ensureOpen();
    try {
      const line = encodeSnapshot(snapshot);
      const kept = this._scan().filter((s) => s.record.seq > snapshot.seq);
      writeDurably(this._snapshotPath, `${line}\n`);
      // A crash here leaves records the snapshot covers; `load` skips them.
      writeDurably(this.path, kept.map((s) => `${s.text}\n`).join(''));
      // The old descriptor points at the replaced file: reopen on the new one.
      if (this._fd !== null) closeSync(this._fd);
      this._fd = null;
      this._fd = openSync(this.path, 'a');
    } catch (e) {
      this._failure = `compaction failed: ${errorMessage(e)}`;
      throw e;
    }
  }

  /** Closes the file and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this._fd !== null) {
      closeSync(this._fd);
      this._fd = null;
      releaseLock(this._lockPath);
    }
    this._failure ??= 'closed';
  }

  private _ensureOpen(): number {
    if (this._failure !== null || this._fd === null) {
      throw new Error(`WAL ${this.path} is unusable: ${this._failure ?? 'closed'}`);
    }
    return this._fd;
  }

  private _readSnapshot(): WalSnapshot | null {
    let text: string;
    try {
      text = readFileSync(this._snapshotPath, 'utf8');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return null;
      throw e;
    }
    const s = decodeSnapshot(text.endsWith('\n') ? text.slice(0, -1) : text);
    if (!s.ok) throw new Error(`${this._snapshotPath}:1: ${s.error}`);
    return s.value;
  }

  /** Decodes every line, repairing a torn last line; throws `path:line: reason` otherwise. */
  private _scan(): ScannedRecord[] {
    const lines = splitLines(readFileSync(this.path));
    const out: ScannedRecord[] = [];
    for (const [i, line] of lines.entries()) {
      if (i === lines.length - 1) {
        const frame = unframeLine(line.text);
        if (!line.terminated || !frame.ok) {
          const why = !line.terminated || frame.ok ? 'no newline at the end' : frame.error;
          this._truncate(line.start);
          this._warn(
            `${this.path}:${i + 1}: dropped a torn last record (${why}); file cut to ${line.start} bytes`,
          );
          break;
        }
      }
      const r = decodeRecord(line.text);
      if (!r.ok) throw new Error(`${this.path}:${i + 1}: ${r.error}`);
      out.push({ record: r.value, text: line.text });
    }
    return out;
  }

  private _truncate(size: number): void {
    const fd = this._ensureOpen();
    ftruncateSync(fd, size);
    fsyncSync(fd);
  }
}

/** Splits file bytes into lines, keeping each line's byte offset. */
function splitLines(buf: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    lines.push({ text: buf.toString('utf8', start, end), start, terminated: nl !== -1 });
    start = end + 1;
  }
  return lines;
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  // One call in practice; loop in case the OS accepts fewer bytes than asked.
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/** Replaces `path` atomically and durably: temp file, fsync, rename, fsync of the directory. */
function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(path);
}

/** Makes a rename or a new file in `path`'s directory durable (POSIX; Windows can't open directories). */
function fsyncDir(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) !== 'ESRCH'; // EPERM: alive, owned by another user
  }
}

/** The pid in a lock file; null when unreadable as one; 'gone' when the file vanished. */
function readLockPid(lockPath: string): number | null | 'gone' {
  try {
    const text = readFileSync(lockPath, 'utf8').trim();
    return /^[1-9]\d*$/.test(text) ? Number(text) : null;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return 'gone';
    throw e;
  }
}

function acquireLock(
  path: string,
  lockPath: string,
  warn: (message: string) => void,
): Result<void, string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return ok(undefined);
    } catch (e) {
      if (errorCode(e) !== 'EEXIST')
        return err(`cannot create lock ${lockPath}: ${errorMessage(e)}`);
    }
    const pid = readLockPid(lockPath);
    if (pid === 'gone') continue;
    if (pid === null) {
      return err(`lock ${lockPath} holds no pid; if no engine uses ${path}, delete the lock file`);
    }
    if (isAlive(pid)) {
      const who = pid === process.pid ? 'this process' : `process ${pid}`;
      return err(`WAL ${path} is in use by ${who} (lock ${lockPath}); stop that engine first`);
    }
    warn(`${lockPath}: taking over the lock of process ${pid}, which is no longer running`);
    try {
      unlinkSync(lockPath);
    } catch (e) {
      if (errorCode(e) !== 'ENOENT')
        return err(`cannot remove stale lock ${lockPath}: ${errorMessage(e)}`);
    }
  }
  return err(`cannot take lock ${lockPath}: other processes keep racing for it`);
}

/** Removes the lock file if it is still ours. */
function releaseLock(lockPath: string): void {
  if (readLockPid(lockPath) === process.pid) unlinkSync(lockPath);
}
