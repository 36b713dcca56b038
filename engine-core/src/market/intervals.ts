import { err, ok, type Result } from '../util/result';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Binance's kline intervals of fixed length (the monthly `1M` is not one). */
export const KLINE_INTERVALS = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
  '3d',
  '1w',
] as const;

/** One of Binance's fixed-length kline intervals. */
export type KlineInterval = (typeof KLINE_INTERVALS)[number];

/** Milliseconds per unit letter of an interval label. */
const UNIT_MS: Readonly<Record<string, number>> = {
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
};

/** The Monday 1970-01-05 00:00 UTC: weekly bars start on Mondays, as Binance's do. */
export const WEEK_ORIGIN_MS = 4 * DAY;

/** True when `s` is one of Binance's fixed-length kline intervals. */
export function isKlineInterval(s: string): s is KlineInterval {
  return (KLINE_INTERVALS as readonly string[]).includes(s);
}

/** The length of a Binance kline interval in milliseconds (`'1h'` → 3 600 000). */
export function intervalToMs(interval: KlineInterval): number {
  return parseIntervalDigits(interval) ?? 0;
}

/** Parses `<n><s|m|h|d|w>` (and `<n>ms`); `undefined` for anything else. */
function parseIntervalDigits(s: string): number | undefined {
  const m = /^([1-9][0-9]{0,8})(ms|s|m|h|d|w)$/.exec(s);
  if (m === null) return undefined;
  const unit = m[2] === 'ms' ? 1 : (UNIT_MS[m[2] ?? ''] ?? 0);
  return Number(m[1]) * unit;
}

/**
 * Parses an interval label: Binance's (`'1m'`, `'4h'`, `'1w'`) or any `<n><unit>` with unit
 * `ms`, `s`, `m`, `h`, `d` or `w` (`'2m'`, `'90s'`). Months are refused: their length varies.
 */
export function parseInterval(s: string): Result<number, string> {
  const ms = parseIntervalDigits(s.trim());
  if (ms === undefined || !Number.isSafeInteger(ms)) {
    return err(`unknown interval "${s}" (expected e.g. 1m, 5m, 1h, 4h, 1d, 1w)`);
  }
  return ok(ms);
}

/**
 * The label of an interval length: the largest unit that divides it exactly
 * (3 600 000 → `'1h'`, 259 200 000 → `'3d'`, 90 000 → `'90s'`), so Binance's intervals get
 * Binance's labels.
 */
export function msToInterval(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] ?? 0;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * Where the bars of a step are anchored: Monday 1970-01-05 for whole weeks (Binance's weekly
 * bars), the Unix epoch otherwise. Bar open times are `origin + k × step`.
 */
export function intervalOrigin(stepMs: number): number {
  return stepMs % WEEK === 0 ? WEEK_ORIGIN_MS : 0;
}

/**
 * True when bars of `stepMs` have fixed UTC open times: the step divides a day (`1m` … `1d`) or
 * is whole weeks. Other steps (`3d`, `7m`) are checked against the series' first bar instead.
 */
export function isAnchoredInterval(stepMs: number): boolean {
  return DAY % stepMs === 0 || stepMs % WEEK === 0;
}

/** The open time of the bar of `stepMs` that contains `t` (UTC, anchored at `intervalOrigin`). */
export function bucketStart(t: number, stepMs: number): number {
  const origin = intervalOrigin(stepMs);
  return origin + Math.floor((t - origin) / stepMs) * stepMs;
}
