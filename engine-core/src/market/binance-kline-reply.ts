import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { barProblem } from './bar-check';
import { CandleBuilder } from './candle-builder';
import type { Candles } from './candles';
import { intervalOrigin, isAnchoredInterval, msToInterval } from './intervals';
import { parseDecimal } from './parse-decimal';

/** Names of the 12 fields of a Binance kline, in order (GET /api/v3/klines). */
export const BINANCE_KLINE_FIELDS = [
  'open time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close time',
  'quote volume',
  'trades',
  'taker buy base volume',
  'taker buy quote volume',
  'ignore',
] as const;

const isDecimal = (s: string): boolean =>
  s.length > 0 && !Number.isNaN(parseDecimal(s, 0, s.length));
const decimal = z
  .string({ error: 'expected a decimal string' })
  .refine(isDecimal, { error: 'expected a decimal string' });
const ms = z
  .number({ error: 'expected an integer' })
  .refine((n) => Number.isSafeInteger(n) && n >= 0, { error: 'expected an integer ≥ 0' });

/** One kline: `[openTime, "o", "h", "l", "c", "v", closeTime, "qv", trades, "tbb", "tbq", "0"]`. */
const klineSchema = z.tuple(
  [ms, decimal, decimal, decimal, decimal, decimal, ms, decimal, ms, decimal, decimal, z.unknown()],
  { error: 'expected an array of 12 fields' },
);

/** What the klines of one request must satisfy beyond their shape. */
export interface KlineReplyExpectation {
  readonly symbol: string;
  readonly intervalMs: number;
  /** Inclusive bounds of the open times asked for. */
  readonly startTime: number;
  readonly endTime: number;
}

/** Short description of a JSON value, for messages. */
function showJson(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Parses and checks the body of a GET /api/v3/klines reply: a JSON array of 12-field klines with
 * prices and volumes as decimal strings. Beyond the shape, open times must be strictly
 * increasing, on the interval's grid and within `[startTime, endTime]`; each close time within
 * its bar; prices consistent (`barProblem`). An error names the item and the field.
 */
export function parseKlineReply(
  body: string,
  expect: KlineReplyExpectation,
): Result<Candles, string> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return err(`reply is not JSON: ${showJson(body.slice(0, 60))}`);
  }
  if (!Array.isArray(json)) {
    if (typeof json === 'object' && json !== null && 'code' in json && 'msg' in json) {
      return err(`Binance error ${showJson(json.code)}: ${showJson(json.msg)}`);
    }
    return err(`expected a JSON array of klines, got ${showJson(json)}`);
  }
  const step = expect.intervalMs;
  const origin = isAnchoredInterval(step) ? intervalOrigin(step) : null;
  const out = new CandleBuilder(Math.max(16, json.length));
  for (let k = 0; k < json.length; k++) {
    const item: unknown = json[k];
    const parsed = klineSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = typeof issue?.path[0] === 'number' ? issue.path[0] : null;
      const where =
        field === null
          ? ''
          : ` ${BINANCE_KLINE_FIELDS[field] ?? field} (${showJson((item as unknown[])[field])})`;
      return err(`item ${k}${where}: ${issue?.message ?? 'invalid'}; got ${showJson(item)}`);
    }
    const f = parsed.data;
    const t = f[0];
    const [o, h, l, c, v] = [f[1], f[2], f[3], f[4], f[5]].map((s) =>
      parseDecimal(s, 0, s.length),
    ) as [number, number, number, number, number];
    const problem = barProblem(o, h, l, c, v);
    if (problem !== null) return err(`item ${k} (open time ${t}): ${problem}`);
    if (t < expect.startTime || t > expect.endTime) {
      return err(
        `item ${k}: open time ${t} outside the requested ${expect.startTime}..${expect.endTime}`,
      );
    }
    if (out.length > 0 && t <= out.lastTime) {
      return err(`item ${k}: open time ${t} is not after the previous ${out.lastTime}`);
    }
    if (origin !== null && (t - origin) % step !== 0) {
      return err(`item ${k}: open time ${t} is not on the ${msToInterval(step)} grid`);
    }
    const closeTime = f[6];
    if (closeTime < t || closeTime >= t + step) {
      return err(`item ${k}: close time ${closeTime} outside its bar ${t}..${t + step - 1}`);
    }
    out.push(t, o, h, l, c, v);
  }
  return ok(out.build(expect.symbol, msToInterval(step), step));
}
