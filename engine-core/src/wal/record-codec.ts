import { z } from 'zod';
import { describeZodError } from '../engine/state-codec';
import { assert, err, InvariantError, ok, type Result } from '../util';
import { crc32Hex } from '../util/crc32';
import { STATE_EVENT_TYPES, stateEventSchema } from './event-schema';
import type { WalRecord, WalSnapshot } from './wal-store';

// Line format: `<crc32 of json, 8 lower-case hex digits> <json>`, no newline. JSON escapes line
// breaks inside strings, so a line never contains one.

const FRAME = /^[0-9a-f]{8} /;

/**
 * JSON text of `value`; throws (a programmer bug) on a number JSON cannot hold. NaN and ±Infinity
 * would be written as `null` and make the line undecodable, so they are refused at write time,
 * before the host acknowledges anything. `-0` is written as `0` (JSON has no negative zero): an
 * event carrying `-0` replays with `+0`, which only matters to `Object.is`-style comparisons.
 */
function toJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    assert(
      typeof v !== 'number' || Number.isFinite(v),
      `cannot journal ${String(v)} in field ${JSON.stringify(key)}`,
    );
    return v;
  });
}

/** Wraps JSON text in a checksummed line. */
export function frameLine(json: string): string {
  return `${crc32Hex(json)} ${json}`;
}

/**
 * Checks the frame and the checksum of a line and returns its JSON text. A failure here means the
 * bytes are not what was written (torn or corrupted), as opposed to well-formed but wrong content.
 */
export function unframeLine(line: string): Result<string, string> {
  if (!FRAME.test(line)) {
    const start = JSON.stringify(line.slice(0, 16));
    return err(
      `malformed line: expected "<crc32 hex> <json>", got ${start}${line.length > 16 ? '…' : ''}`,
    );
  }
  const stored = line.slice(0, 8);
  const json = line.slice(9);
  const actual = crc32Hex(json);
  if (stored !== actual)
    return err(`checksum mismatch: line says ${stored}, content hashes to ${actual}`);
  return ok(json);
}

function parseJson(json: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(json) as unknown);
  } catch (e) {
    return err(`bad JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const recordSchema = z.object({ seq: z.number().int().min(1), event: stateEventSchema });
const snapshotSchema = z.looseObject({ seq: z.number().int().min(0) });

/** Encodes one WAL record as a line (no trailing newline). Throws on NaN/±Infinity (a bug). */
export function encodeRecord(r: WalRecord): string {
  // Not `assert(cond, message)`: that would build the message for every record.
  if (!(Number.isInteger(r.seq) && r.seq >= 1)) throw new InvariantError(`bad WAL seq ${r.seq}`);
  return frameLine(toJson({ seq: r.seq, event: r.event }));
}

/**
 * Decodes a line written by `encodeRecord`: checks frame and checksum, parses the JSON and
 * validates the record and its event by `type`. Errors say which of these failed and where.
 */
export function decodeRecord(line: string): Result<WalRecord, string> {
  const json = unframeLine(line);
  if (!json.ok) return json;
  const data = parseJson(json.value);
  if (!data.ok) return data;
  const v = data.value;
  if (typeof v === 'object' && v !== null && 'event' in v) {
    const e = v.event;
    if (typeof e === 'object' && e !== null && 'type' in e) {
      if (!(STATE_EVENT_TYPES as readonly unknown[]).includes(e.type)) {
        return err(`bad record: event.type: unknown event type ${JSON.stringify(e.type)}`);
      }
    }
  }
  const parsed = recordSchema.safeParse(v);
  if (!parsed.success) return err(`bad record: ${describeZodError(parsed.error)}`);
  return ok({ seq: parsed.data.seq, event: parsed.data.event });
}

/** Encodes a snapshot as one line (no trailing newline). Throws on NaN/±Infinity (a bug). */
export function encodeSnapshot(s: WalSnapshot): string {
  assert(Number.isInteger(s.seq) && s.seq >= 0, `bad snapshot seq ${s.seq}`);
  assert(s.state !== undefined, 'snapshot without state');
  return frameLine(toJson({ seq: s.seq, state: s.state }));
}

/**
 * Decodes a line written by `encodeSnapshot`. The state stays `unknown`: `deserializeState`
 * validates it.
 */
export function decodeSnapshot(line: string): Result<WalSnapshot, string> {
  const json = unframeLine(line);
  if (!json.ok) return json;
  const data = parseJson(json.value);
  if (!data.ok) return data;
  const parsed = snapshotSchema.safeParse(data.value);
  if (!parsed.success) return err(`bad snapshot: ${describeZodError(parsed.error)}`);
  const state = parsed.data.state;
  if (state === undefined) return err('bad snapshot: state: missing');
  return ok({ seq: parsed.data.seq, state });
}
