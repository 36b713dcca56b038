import { nsDigits } from './encode-wire';

const MIN_CAPACITY = 256;
/** Buffers kept for reuse (see `release`): enough for the batches that are usually in flight. */
const MAX_SPARES = 4;
const EMPTY = new Uint8Array(0);
// Bytes of the JSON syntax.
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d;
const NEWLINE = 0x0a;

/**
 * Writes wire NDJSON lines (DESIGN §8) as UTF-8 bytes into one growable buffer, field by field:
 *
 *     w.begin('order_update', ts).str('client_order_id', id).num('qty', qty).end();
 *
 * gives `{"type":"order_update","ts_ns":…,"client_order_id":"a1","qty":0.01}` and a newline.
 * Why bytes: the engine prints ~3.5 lines per command, and building them as strings (ropes of
 * template pieces) then joining and UTF-8-encoding each batch cost more than the trading logic.
 * Here each piece is copied once, straight to where stdout reads it, and nothing is left for
 * the GC. Keys are our own snake_case names and are copied as they are; string values are
 * escaped as `JSON.stringify` escapes them (same bytes); numbers are written as `JSON.stringify`
 * writes them (`null` when not finite).
 */
export class WireWriter {
  private _buf: Uint8Array = new Uint8Array(MIN_CAPACITY);
  private _len = 0;
  /** True when the next field opens its object or array (no comma before it). */
  private _first = true;
  /**
   * `{"type":"<type>","ts_ns":<digits>` per type, as bytes, for the time `_headsTs`: most lines
   * of a batch share their millisecond, and this head is a third of a typical line.
   */
  private readonly _heads = new Map<string, Uint8Array>();
  private _headsTs: number | null = null;
  /** Buffers given back by `release`, written into before any fresh memory is allocated. */
  private readonly _spares: Uint8Array[] = [];

  /** Bytes written and not yet taken. */
  get length(): number {
    return this._len;
  }

  /** Starts a line: `{"type":"<type>"`, then `"ts_ns"` (exact nanoseconds) unless `tsMs` is null or not finite. */
  begin(type: string, tsMs: number | null): this {
    this._first = false;
    if (tsMs === null) {
      this._ascii('{"type":"');
      this._ascii(type);
      this._byte(QUOTE);
      return this;
    }
    if (tsMs !== this._headsTs) {
      this._heads.clear();
      this._headsTs = tsMs;
    }
    let head = this._heads.get(type);
    if (head === undefined) {
      const ns = nsDigits(tsMs);
      head = asciiBytes(`{"type":"${type}"${ns === null ? '' : `,"ts_ns":${ns}`}`);
      this._heads.set(type, head);
    }
    this._reserve(head.length);
    this._buf.set(head, this._len);
    this._len += head.length;
    return this;
  }

  /** Ends the line: `}` and a newline. */
  end(): void {
    this._ascii('}\n');
    this._first = true;
  }

  /** A string field. */
  str(key: string, value: string): this {
    this._key(key);
    this._string(value);
    return this;
  }

  /** A string field that may be null. */
  strOrNull(key: string, value: string | null): this {
    this._key(key);
    if (value === null) this._ascii('null');
    else this._string(value);
    return this;
  }

  /** A number field. */
  num(key: string, value: number): this {
    this._key(key);
    this._number(value);
    return this;
  }

  /** A number field that may be null. */
  numOrNull(key: string, value: number | null): this {
    this._key(key);
    if (value === null) this._ascii('null');
    else this._number(value);
    return this;
  }

  /** A boolean field. */
  bool(key: string, value: boolean): this {
    this._key(key);
    this._ascii(value ? 'true' : 'false');
    return this;
  }

  /** A millisecond time as exact integer nanoseconds (`null` when not finite). */
  nanos(key: string, tsMs: number): this {
    this._key(key);
    this._ascii(nsDigits(tsMs) ?? 'null');
    return this;
  }

  /** Opens an array field: `"key":[`. */
  beginArray(key: string): this {
    this._key(key);
    this._byte(OPEN_ARRAY);
    this._first = true;
    return this;
  }

  /** Closes an array. */
  endArray(): this {
    this._byte(CLOSE_ARRAY);
    this._first = false;
    return this;
  }

  /** Opens an object as the next element of an array. */
  beginObject(): this {
    if (!this._first) this._byte(COMMA);
    this._byte(OPEN_OBJECT);
    this._first = true;
    return this;
  }

  /** Closes an object. */
  endObject(): this {
    this._byte(CLOSE_OBJECT);
    this._first = false;
    return this;
  }

  /** A whole line given as text (JSON without a newline), e.g. from `encodeWire`. */
  line(text: string): void {
    this._utf8(text);
    this._byte(NEWLINE);
  }

  /**
   * Returns the bytes written so far and starts a new buffer: the caller may hand them to I/O
   * that reads them later, and then give them back with `release`. The next buffer is a released
   * one, or a fresh one as large as this batch was.
   */
  take(): Uint8Array {
    if (this._len === 0) return EMPTY; // keep the buffer: polls often find nothing to print
    const out = this._buf.subarray(0, this._len);
    this._buf = this._spares.pop() ?? new Uint8Array(Math.max(MIN_CAPACITY, this._len));
    this._len = 0;
    return out;
  }

  /**
   * Gives back bytes returned by `take` once nothing reads them any more (the write completed),
   * so that later batches reuse their memory: at ~1.5 MiB per batch, fresh buffers cost the
   * engine a page fault per 4 KiB. Give each batch back once at most.
   */
  release(bytes: Uint8Array): void {
    if (bytes === EMPTY || this._spares.length >= MAX_SPARES) return;
    this._spares.push(new Uint8Array(bytes.buffer));
  }

  /** Returns the lines written so far as strings (without newlines) and clears them. */
  takeLines(): string[] {
    const text = decodeUtf8(this._buf, this._len);
    this._len = 0;
    if (text === '') return [];
    return text.slice(0, -1).split('\n');
  }

  /** `,"key":` (no comma for the first field of an object); one bounds check for all of it. */
  private _key(key: string): void {
    const n = key.length;
    this._reserve(n + 4);
    const buf = this._buf;
    let at = this._len;
    if (this._first) this._first = false;
    else buf[at++] = COMMA;
    buf[at++] = QUOTE;
    for (let i = 0; i < n; i++) buf[at++] = key.charCodeAt(i);
    buf[at++] = QUOTE;
    buf[at++] = COLON;
    this._len = at;
  }

  private _number(v: number): void {
    this._ascii(Number.isFinite(v) ? `${v}` : 'null');
  }

  /**
   * A JSON string. Printable ASCII other than `"` and `\` (ids, symbols, statuses: nearly every
   * value) is copied as it is scanned; on any other character the value is rewritten through
   * `JSON.stringify`, which escapes what JSON needs and well-forms lone surrogates.
   */
  private _string(s: string): void {
    const n = s.length;
    this._reserve(n + 2);
    const buf = this._buf;
    const start = this._len;
    let at = start;
    buf[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) {
        this._len = start;
        this._utf8(JSON.stringify(s));
        return;
      }
      buf[at++] = c;
    }
    buf[at++] = QUOTE;
    this._len = at;
  }

  /** Copies a string known to be ASCII (keys, number digits, literals). */
  private _ascii(s: string): void {
    const n = s.length;
    this._reserve(n);
    const buf = this._buf;
    let at = this._len;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this._len = at;
  }

  /** Any string as UTF-8 (a lone surrogate becomes U+FFFD, as TextEncoder writes it). */
  private _utf8(s: string): void {
    const n = s.length;
    this._reserve(n * 3);
    const buf = this._buf;
    let at = this._len;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[at++] = c;
        continue;
      }
      if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
            buf[at++] = 0xf0 | (c >> 18);
            buf[at++] = 0x80 | ((c >> 12) & 0x3f);
            buf[at++] = 0x80 | ((c >> 6) & 0x3f);
            buf[at++] = 0x80 | (c & 0x3f);
            continue;
          }
          c = 0xfffd;
        }
        buf[at++] = 0xe0 | (c >> 12);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
      }
      buf[at++] = 0x80 | (c & 0x3f);
    }
    this._len = at;
  }

  private _byte(b: number): void {
    this._reserve(1);
    this._buf[this._len++] = b;
  }

  private _reserve(n: number): void {
    if (this._len + n <= this._buf.length) return;
    const bigger = new Uint8Array(Math.max(this._buf.length * 2, this._len + n));
    bigger.set(this._buf.subarray(0, this._len));
    this._buf = bigger;
  }
}

/** The bytes of an ASCII string. */
function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Decodes well-formed UTF-8 (as `WireWriter` writes it) to a string. Not on the hot path. */
function decodeUtf8(buf: Uint8Array, end: number): string {
  const byte = (i: number): number => (buf[i] as number) & 0x3f; // a continuation byte's bits
  let out = '';
  const units: number[] = [];
  for (let i = 0; i < end; ) {
    const b = buf[i] as number;
    if (b < 0x80) {
      units.push(b);
      i += 1;
    } else if (b < 0xe0) {
      units.push(((b & 0x1f) << 6) | byte(i + 1));
      i += 2;
    } else if (b < 0xf0) {
      units.push(((b & 0x0f) << 12) | (byte(i + 1) << 6) | byte(i + 2));
      i += 3;
    } else {
      const c = ((b & 0x07) << 18) | (byte(i + 1) << 12) | (byte(i + 2) << 6) | byte(i + 3);
      units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
      i += 4;
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}
