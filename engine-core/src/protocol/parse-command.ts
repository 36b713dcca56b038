import type { EngineCommand } from '../model/commands';
import { err, ok, type Result } from '../util/result';
import { parseHotLine } from './parse-hot-line';
import { parseJsonCommand } from './parse-json';
import { parseTextCommand } from './parse-text';
import { firstNonSpace, tokenize, utf8Length } from './tokenize';

/** Longest command line accepted, in UTF-8 bytes (64 KiB). */
export const MAX_LINE_BYTES = 64 * 1024;

const CHAR_BRACE = 123; // '{'
const CHAR_BRACKET = 91; // '['
const CHAR_HASH = 35; // '#'

/**
 * Parses one line of engine input (DESIGN §8), text or JSON (a line whose first non-blank
 * character is `{` or `[`). Returns `ok(null)` for blank lines and comments (first non-blank `#`),
 * `ok(command)` for a valid command, and `err(message)` otherwise. Never throws, whatever the
 * input; lines longer than 64 KiB are refused with `line too long`.
 */
export function parseCommand(line: string): Result<EngineCommand | null, string> {
  // A UTF-16 unit is at most 3 UTF-8 bytes: count bytes only when the length is ambiguous.
  if (line.length > MAX_LINE_BYTES) return err('line too long');
  if (line.length > MAX_LINE_BYTES / 3 && utf8Length(line) > MAX_LINE_BYTES) {
    return err('line too long');
  }
  const hot = parseHotLine(line);
  if (hot !== null) return ok(hot);
  const start = firstNonSpace(line);
  if (start === line.length) return ok(null);
  const first = line.charCodeAt(start);
  if (first === CHAR_HASH) return ok(null);
  if (first === CHAR_BRACE || first === CHAR_BRACKET) return parseJsonCommand(line);
  return parseTextCommand(tokenize(line));
}
