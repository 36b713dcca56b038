import type { Side, SymbolId } from '../model';
import { fmt } from '../util';

/**
 * Average share of volume per time-of-day bucket (from past candles, `volumeProfile`): bucket
 * `i` covers `[i × bucketMs, (i + 1) × bucketMs)` of each period (a UTC day by default).
 */
export interface VolumeProfile {
  readonly bucketMs: number;
  readonly periodMs: number;
  /** One share per bucket, summing to 1 (all 0 when the history had no volume). */
  readonly shares: readonly number[];
}

/**
 * How TWAP, VWAP and POV price their children. `market` (the default) takes liquidity every
 * slice. `limit` rests at the touch on the child's own side (best bid for a buy, best ask for a
 * sell; the last price when no book is known) moved `offsetBps` away from the other side
 * (positive: more passive), rounded to the tick in the passive direction. A TWAP/VWAP child is
 * cancelled at the end of its slice and its remainder rolled into the next one; after the last
 * slice the remainder goes as a market child (`finishWithMarket`, default true) or the parent
 * ends `done` with the shortfall stated (`shortfall: 'limit_unfilled'`). A POV limit child rests
 * until it fills, is chased, or the parent ends. With `chase`, on a market update of the symbol
 * (`ExecScheduler.onMarket`), a child the touch has moved away from by more than `chaseTicks`
 * ticks is cancelled and its remainder sent again at the new price, never before it has rested
 * `chaseMinMs` (so a parent replaces at most one child per `chaseMinMs`).
 */
export type ChildOrder =
  | { readonly type: 'market' }
  | {
      readonly type: 'limit';
      /** Bps from the touch away from the other side, in [−100, 1000]; negative leans in. */
      readonly offsetBps: number;
      /** Refused by the venue if it would take liquidity; needs offsetBps ≥ 0. */
      readonly postOnly?: boolean;
      readonly chase: boolean;
      /** Ticks the fresh price may be away before a chase (integer ≥ 1, default 2; chase only). */
      readonly chaseTicks?: number;
      /** Least time a child rests before a chase replaces it, ms (> 0, default 1000; chase only). */
      readonly chaseMinMs?: number;
      /** TWAP/VWAP only: the last slice's remainder goes as a market child (default true). */
      readonly finishWithMarket?: boolean;
    };

/** A limit `ChildOrder`. */
export type LimitChild = Extract<ChildOrder, { type: 'limit' }>;

/** Default `chaseTicks` and `chaseMinMs`. */
export const CHASE_DEFAULTS = { ticks: 2, minMs: 1_000 } as const;

interface ParentBase {
  readonly symbol: SymbolId;
  readonly side: Side;
  /** Total quantity to execute, base asset. */
  readonly qty: number;
}

/** Equal slices over a window; slice k goes at `start + (k + u × timeJitter) × interval`, u ∈ [0, 1). */
export interface TwapSpec extends ParentBase {
  /** How children are priced (default market). */
  readonly child?: ChildOrder;
  readonly algo: 'twap';
  readonly startTs: number;
  readonly durationMs: number;
  readonly slices: number;
  /** Fraction of a slice interval a slice time may move later (0 = exact, < 1 keeps it in its bucket). */
  readonly timeJitter?: number;
  /** Each slice's weight is 1 ± u × sizeJitter (u ∈ [−1, 1]) before normalising to `qty`. */
  readonly sizeJitter?: number;
  readonly seed?: number;
}

/** Slices at the profile's bucket boundaries inside the window, sized by the profile. */
export interface VwapSpec extends ParentBase {
  /** How children are priced (default market). */
  readonly child?: ChildOrder;
  readonly algo: 'vwap';
  readonly startTs: number;
  readonly endTs: number;
  readonly profile: VolumeProfile;
}

/** Participate in a share of the market volume observed since the start. */
export interface PovSpec extends ParentBase {
  /** How children are priced (default market). */
  readonly child?: ChildOrder;
  readonly algo: 'pov';
  /** Target share of market volume, (0, 1]. */
  readonly participation: number;
  /** Send only when executed + working falls below target × (1 − tolerance). */
  readonly tolerance: number;
  readonly minChildQty: number;
  readonly maxChildQty: number;
  /** Stop at this time (what is left stays unfilled); null: run until filled. */
  readonly endTs?: number | null;
}

/** One limit child of at most `visibleQty` at a time; the next goes when it ends. */
export interface IcebergSpec extends ParentBase {
  readonly algo: 'iceberg';
  readonly price: number;
  readonly visibleQty: number;
  /** Each refresh shows visibleQty × (1 − u × sizeVariance), u ∈ [0, 1): never more than visible. */
  readonly sizeVariance?: number;
  readonly seed?: number;
}

/** What a parent order asks for: one of the execution algorithms. */
export type AlgoSpec = TwapSpec | VwapSpec | PovSpec | IcebergSpec;

/** The `algo` tags. */
export type AlgoKind = AlgoSpec['algo'];

/** Checks a limit child's fields for `algo`; the reason names the field and value, or null. */
export function checkChildOrder(algo: AlgoKind, c: ChildOrder | undefined): string | null {
  if (c === undefined || c.type === 'market') return null;
  if (algo === 'iceberg') return 'child: an iceberg prices its own limit children (price)';
  const { offsetBps: off, chaseTicks: ticks, chaseMinMs: minMs } = c;
  if (!(Number.isFinite(off) && off >= -100 && off <= 1000))
    return `child.offsetBps must be in [-100, 1000], got ${fmt(off)}`;
  if (c.postOnly === true && off < 0)
    return `child.postOnly needs offsetBps ≥ 0 (a negative offset may cross), got ${fmt(off)}`;
  if (!c.chase && (ticks !== undefined || minMs !== undefined))
    return 'child.chaseTicks and child.chaseMinMs need chase on';
  if (ticks !== undefined && !(Number.isInteger(ticks) && ticks >= 1))
    return `child.chaseTicks must be an integer ≥ 1, got ${fmt(ticks)}`;
  if (minMs !== undefined && !(Number.isFinite(minMs) && minMs > 0))
    return `child.chaseMinMs must be > 0, got ${fmt(minMs)}`;
  if (algo === 'pov' && c.finishWithMarket !== undefined)
    return 'child.finishWithMarket is for twap and vwap (pov has no last slice)';
  return null;
}

const inUnit = (x: number | undefined) => x === undefined || (x >= 0 && x <= 1);
/** A finite number above 0 (Infinity passes `> 0` and cannot be journaled). */
const positive = (x: number) => Number.isFinite(x) && x > 0;

/** Checks a spec's numbers; the reason names the field and value, or null when it may run. */
export function checkAlgoSpec(s: AlgoSpec): string | null {
  if (!positive(s.qty)) return `qty must be > 0, got ${fmt(s.qty)}`;
  const child = checkChildOrder(s.algo, (s as { readonly child?: ChildOrder }).child);
  if (child !== null) return child;
  switch (s.algo) {
    case 'twap':
      if (!Number.isInteger(s.slices) || s.slices < 1)
        return `slices must be an integer ≥ 1, got ${s.slices}`;
      if (!positive(s.durationMs)) return `durationMs must be > 0, got ${s.durationMs}`;
      if (!inUnit(s.sizeJitter)) return `sizeJitter must be in [0, 1], got ${s.sizeJitter}`;
      if (!(s.timeJitter === undefined || (s.timeJitter >= 0 && s.timeJitter < 1)))
        return `timeJitter must be in [0, 1), got ${s.timeJitter}`;
      return null;
    case 'vwap':
      if (!(Number.isFinite(s.endTs) && s.endTs > s.startTs)) return `endTs must be after startTs`;
      if (!(s.profile.bucketMs > 0) || s.profile.periodMs % s.profile.bucketMs !== 0)
        return 'profile: bucketMs must be > 0 and divide periodMs';
      if (s.profile.shares.length !== s.profile.periodMs / s.profile.bucketMs)
        return 'profile: one share per bucket';
      return null;
    case 'pov':
      if (!(s.participation > 0 && s.participation <= 1))
        return `participation must be in (0, 1], got ${s.participation}`;
      if (!(s.tolerance >= 0 && s.tolerance < 1))
        return `tolerance must be in [0, 1), got ${s.tolerance}`;
      if (!positive(s.minChildQty) || !(positive(s.maxChildQty) && s.maxChildQty >= s.minChildQty))
        return 'minChildQty must be > 0 and ≤ maxChildQty';
      return null;
    case 'iceberg':
      if (!positive(s.price)) return `price must be > 0, got ${fmt(s.price)}`;
      if (!positive(s.visibleQty)) return `visibleQty must be > 0, got ${fmt(s.visibleQty)}`;
      if (!(s.sizeVariance === undefined || (s.sizeVariance >= 0 && s.sizeVariance < 1)))
        return `sizeVariance must be in [0, 1), got ${s.sizeVariance}`;
      return null;
  }
}
