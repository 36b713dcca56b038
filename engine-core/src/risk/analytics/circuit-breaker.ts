// A circuit breaker for trading, as a pure reducer: `breakerStep(state, event, config)` gives the
// next state; time only comes in on events (the engine clock), so a replay of the same events
// gives the same states. closed → open (halted, reason kept) → half-open after the cool-down
// (a few probe orders) → closed when every probe succeeds, open again when one fails.
import { assertNever, fmt } from '../../util';

/** Settings; a `null` limit switches that trip off. */
export interface BreakerConfig {
  /** Trip when the realized loss (net of fees) within `lossWindowMs` exceeds this, in currency. */
  readonly maxLoss: number | null;
  readonly lossWindowMs: number;
  /** Trip when failed ÷ decided orders within `errorWindowMs` exceeds this (0..1)… */
  readonly maxErrorRate: number | null;
  readonly errorWindowMs: number;
  /** …once at least this many orders were decided in the window. */
  readonly minOrdersForErrorRate: number;
  /** Trip when no market data came for longer than this, ms. */
  readonly staleAfterMs: number | null;
  /** Time open before probing, ms. */
  readonly coolDownMs: number;
  /** Probe orders allowed while half-open; all must succeed to close. */
  readonly probeOrders: number;
}

/** Why trading was halted, with the numbers. */
export type TripReason =
  | {
      readonly code: 'loss_rate';
      readonly loss: number;
      readonly limit: number;
      readonly windowMs: number;
    }
  | {
      readonly code: 'error_rate';
      readonly failed: number;
      readonly total: number;
      readonly limit: number;
      readonly windowMs: number;
    }
  | { readonly code: 'stale_market'; readonly stalenessMs: number; readonly limit: number }
  | { readonly code: 'probe_failed'; readonly reason: string }
  | { readonly code: 'manual'; readonly note: string };

interface Timed {
  readonly ts: number;
  readonly value: number;
}

/** The breaker. Windows exist only while closed: a trip acts on them and starts afresh. */
export type BreakerState =
  | {
      readonly status: 'closed';
      readonly lastMarketTs: number;
      /** Realized P&L entries (negative = loss) inside the loss window. */
      readonly pnl: readonly Timed[];
      /** Order outcomes inside the error window: 1 failed, 0 succeeded. */
      readonly outcomes: readonly Timed[];
    }
  | {
      readonly status: 'open';
      readonly lastMarketTs: number;
      readonly reason: TripReason;
      readonly openedAt: number;
    }
  | {
      readonly status: 'half_open';
      readonly lastMarketTs: number;
      readonly reason: TripReason;
      readonly probesSent: number;
      readonly probesOk: number;
    };

/** What the breaker hears. `ts` is the engine clock. */
export type BreakerEvent =
  | { readonly type: 'market_data'; readonly ts: number }
  /** Realized P&L of a fill, net of fees (negative = loss). */
  | { readonly type: 'realized_pnl'; readonly ts: number; readonly amount: number }
  /** An order let through (while half-open: a probe). */
  | { readonly type: 'order_sent'; readonly ts: number }
  | { readonly type: 'order_succeeded'; readonly ts: number }
  | { readonly type: 'order_failed'; readonly ts: number; readonly reason: string }
  /** Time passed (staleness and the cool-down are checked on every event anyway). */
  | { readonly type: 'clock'; readonly ts: number }
  | { readonly type: 'trip'; readonly ts: number; readonly note: string }
  | { readonly type: 'reset'; readonly ts: number };

/** A closed breaker; staleness counts from `ts` until the first market data. */
export const initialBreaker = (ts: number): BreakerState => ({
  status: 'closed',
  lastMarketTs: ts,
  pnl: [],
  outcomes: [],
});

/** The next state. */
export function breakerStep(s: BreakerState, e: BreakerEvent, c: BreakerConfig): BreakerState {
  const marked =
    e.type === 'market_data' ? { ...s, lastMarketTs: Math.max(s.lastMarketTs, e.ts) } : s;
  const t = advance(marked, e.ts, c);
  switch (e.type) {
    case 'market_data':
    case 'clock':
      return t;
    case 'trip':
      return open(t, { code: 'manual', note: e.note }, e.ts);
    case 'reset':
      return { ...initialBreaker(e.ts), lastMarketTs: t.lastMarketTs };
    case 'realized_pnl': {
      if (t.status !== 'closed') return t;
      const pnl = within([...t.pnl, { ts: e.ts, value: e.amount }], e.ts, c.lossWindowMs);
      const next = { ...t, pnl };
      if (c.maxLoss === null) return next;
      let sum = 0;
      for (const p of pnl) sum += p.value;
      return -sum > c.maxLoss
        ? open(
            next,
            { code: 'loss_rate', loss: -sum, limit: c.maxLoss, windowMs: c.lossWindowMs },
            e.ts,
          )
        : next;
    }
    case 'order_sent':
      return t.status === 'half_open' ? { ...t, probesSent: t.probesSent + 1 } : t;
    case 'order_succeeded':
    case 'order_failed': {
      const failed = e.type === 'order_failed';
      if (t.status === 'half_open') {
        if (failed) return open(t, { code: 'probe_failed', reason: e.reason }, e.ts);
        const probesOk = t.probesOk + 1;
        return probesOk >= c.probeOrders
          ? { ...initialBreaker(e.ts), lastMarketTs: t.lastMarketTs }
          : { ...t, probesOk };
      }
      if (t.status !== 'closed') return t;
      const outcomes = within(
        [...t.outcomes, { ts: e.ts, value: failed ? 1 : 0 }],
        e.ts,
        c.errorWindowMs,
      );
      const next = { ...t, outcomes };
      if (c.maxErrorRate === null || outcomes.length < c.minOrdersForErrorRate) return next;
      let nFailed = 0;
      for (const o of outcomes) nFailed += o.value;
      return nFailed / outcomes.length > c.maxErrorRate
        ? open(
            next,
            {
              code: 'error_rate',
              failed: nFailed,
              total: outcomes.length,
              limit: c.maxErrorRate,
              windowMs: c.errorWindowMs,
            },
            e.ts,
          )
        : next;
    }
    default:
      return assertNever(e);
  }
}

/** May an order go now? Closed: yes; open: no; half-open: while probes remain. */
export function breakerAdmits(s: BreakerState, c: BreakerConfig): string | null {
  switch (s.status) {
    case 'closed':
      return null;
    case 'open':
      return `circuit_breaker: open (${tripText(s.reason)})`;
    case 'half_open':
      return s.probesSent < c.probeOrders
        ? null
        : `circuit_breaker: half-open, ${s.probesSent} of ${c.probeOrders} probe orders in flight (${tripText(s.reason)})`;
    default:
      return assertNever(s);
  }
}

/** A trip reason as a message naming the rule and the numbers. */
export function tripText(r: TripReason): string {
  switch (r.code) {
    case 'loss_rate':
      return `loss_rate: realized loss ${fmt(r.loss)} > ${fmt(r.limit)} in ${r.windowMs} ms`;
    case 'error_rate':
      return `error_rate: ${r.failed} of ${r.total} orders failed, ${fmt(r.failed / r.total)} > ${fmt(r.limit)} in ${r.windowMs} ms`;
    case 'stale_market':
      return `stale_market: no market data for ${r.stalenessMs} ms > ${r.limit} ms`;
    case 'probe_failed':
      return `probe_failed: ${r.reason}`;
    case 'manual':
      return `manual: ${r.note}`;
    default:
      return assertNever(r);
  }
}

/** Time passes: staleness trips (or keeps open); the cool-down ends in half-open. */
function advance(s: BreakerState, ts: number, c: BreakerConfig): BreakerState {
  const staleFor = ts - s.lastMarketTs;
  const stale = c.staleAfterMs !== null && staleFor > c.staleAfterMs;
  const staleReason = (): TripReason => ({
    code: 'stale_market',
    stalenessMs: staleFor,
    limit: c.staleAfterMs ?? 0,
  });
  switch (s.status) {
    case 'closed':
    case 'half_open':
      return stale ? open(s, staleReason(), ts) : s;
    case 'open':
      // Probing on stale data proves nothing: stay open until the market is back.
      return !stale && ts >= s.openedAt + c.coolDownMs
        ? {
            status: 'half_open',
            lastMarketTs: s.lastMarketTs,
            reason: s.reason,
            probesSent: 0,
            probesOk: 0,
          }
        : s;
    default:
      return assertNever(s);
  }
}

const open = (s: BreakerState, reason: TripReason, ts: number): BreakerState => ({
  status: 'open',
  lastMarketTs: s.lastMarketTs,
  reason,
  openedAt: ts,
});

/** Entries newer than ts − windowMs (they come in time order). */
function within(xs: readonly Timed[], ts: number, windowMs: number): readonly Timed[] {
  let i = 0;
  while (i < xs.length && (xs[i] as Timed).ts <= ts - windowMs) i++;
  return i === 0 ? xs : xs.slice(i);
}
