// The live desk's circuit-breaker settings, read from the environment at start-up. A value that
// does not parse is a start-up error naming the variable, never a silent default.
import type { BreakerConfig } from '../../../../engine-core/src/risk';
import type { Env } from './desk-config';

/**
 * The defaults: the error-rate trip on (more than half of at least 5 orders decided within
 * 5 minutes failed), the loss trip off (its limit is in the quote currency, which only the
 * trader knows the scale of), 5 minutes open before 1 probe order. No staleness trip: the desk
 * gets no market data stream of its own.
 */
export const DEFAULT_DESK_BREAKER: BreakerConfig = {
  maxLoss: null,
  lossWindowMs: 3_600_000,
  maxErrorRate: 0.5,
  errorWindowMs: 300_000,
  minOrdersForErrorRate: 5,
  staleAfterMs: null,
  coolDownMs: 300_000,
  probeOrders: 1,
};

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; message: string };

interface NumberRule {
  readonly name: string;
  readonly min: number;
  /** Inclusive upper bound. */
  readonly max: number;
  readonly integer: boolean;
  /** `off` switches the limit off (a `null` value). */
  readonly offAllowed: boolean;
  /** Whether `min` itself is allowed. */
  readonly minInclusive: boolean;
}

function readNumber(env: Env, r: NumberRule, fallback: number | null): Read<number | null> {
  const raw = env[r.name]?.trim();
  if (raw === undefined || raw === '') return { ok: true, value: fallback };
  if (r.offAllowed && raw.toLowerCase() === 'off') return { ok: true, value: null };
  const n = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  const low = r.minInclusive ? n >= r.min : n > r.min;
  if (!Number.isFinite(n) || !low || n > r.max || (r.integer && !Number.isInteger(n))) {
    const kind = r.integer ? 'an integer' : 'a number';
    const range = `${r.minInclusive ? '>=' : '>'} ${r.min}${r.max === Infinity ? '' : ` and <= ${r.max}`}`;
    return {
      ok: false,
      message: `${r.name}: must be ${kind} ${range}${r.offAllowed ? ' or "off"' : ''}, got ${JSON.stringify(raw)}`,
    };
  }
  return { ok: true, value: n };
}

const DAY_MS = 86_400_000;

/**
 * `VELOZ_LIVE_MAX_LOSS` (quote currency, `off`), `VELOZ_LIVE_LOSS_WINDOW_MS`,
 * `VELOZ_LIVE_MAX_ERROR_RATE` (0..1, `off`), `VELOZ_LIVE_ERROR_WINDOW_MS`,
 * `VELOZ_LIVE_ERROR_MIN_ORDERS`, `VELOZ_LIVE_BREAKER_COOL_DOWN_MS`,
 * `VELOZ_LIVE_BREAKER_PROBES`; unset or empty means the default (DEFAULT_DESK_BREAKER).
 */
export function readBreakerConfig(env: Env): Read<BreakerConfig> {
  const d = DEFAULT_DESK_BREAKER;
  const ms = (name: string): NumberRule => ({
    name,
    min: 1,
    max: 7 * DAY_MS,
    integer: true,
    offAllowed: false,
    minInclusive: true,
  });
  const count = (name: string, max: number): NumberRule => ({
    name,
    min: 1,
    max,
    integer: true,
    offAllowed: false,
    minInclusive: true,
  });
  const problems: string[] = [];
  const get = (rule: NumberRule, fallback: number | null): number | null => {
    const r = readNumber(env, rule, fallback);
    if (r.ok) return r.value;
    problems.push(r.message);
    return fallback;
  };
  const limit = (name: string, max: number, minInclusive: boolean): NumberRule => ({
    name,
    min: 0,
    max,
    integer: false,
    offAllowed: true,
    minInclusive,
  });
  const value: BreakerConfig = {
    maxLoss: get(limit('VELOZ_LIVE_MAX_LOSS', Infinity, false), d.maxLoss),
    lossWindowMs: get(ms('VELOZ_LIVE_LOSS_WINDOW_MS'), d.lossWindowMs) as number,
    maxErrorRate: get(limit('VELOZ_LIVE_MAX_ERROR_RATE', 1, true), d.maxErrorRate),
    errorWindowMs: get(ms('VELOZ_LIVE_ERROR_WINDOW_MS'), d.errorWindowMs) as number,
    minOrdersForErrorRate: get(
      count('VELOZ_LIVE_ERROR_MIN_ORDERS', 10_000),
      d.minOrdersForErrorRate,
    ) as number,
    staleAfterMs: null,
    coolDownMs: get(ms('VELOZ_LIVE_BREAKER_COOL_DOWN_MS'), d.coolDownMs) as number,
    probeOrders: get(count('VELOZ_LIVE_BREAKER_PROBES', 100), d.probeOrders) as number,
  };
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, value };
}
