import type {
  Asset,
  Balance,
  ClientOrderId,
  Instrument,
  OrderState,
  Position,
  SymbolId,
  TimestampMs,
} from '../model';
import { PinnedMap, PinnedSet } from '../util/pinned-collections';

/** Rolling state that the risk rules read. */
export interface RiskState {
  /** Submission times inside the order-rate window, oldest first. */
  readonly recentOrderTs: number[];
  readonly peakEquity: number;
  /** UTC day (ms at 00:00) that `dayStartEquity` belongs to; -1 before the first mark. */
  readonly day: number;
  readonly dayStartEquity: number;
  /** Why the kill switch tripped, or null while trading is allowed. */
  readonly killSwitch: string | null;
}

/** Everything the engine knows. Changed only by `applyEvent`; rebuilt from the WAL by replay. */
export interface EngineState {
  readonly accountAsset: Asset;
  readonly orderRateWindowMs: number;
  /** Keep filled, cancelled, rejected and expired orders (for queries and duplicate-id checks). */
  readonly keepFinishedOrders: boolean;
  /**
   * Keep the rolling figures the risk rules read (peak and day-start equity, recent submission
   * times). A backtest with every limit off turns this off: it saves an equity pass per fill.
   */
  readonly trackRisk: boolean;
  readonly instruments: ReadonlyMap<SymbolId, Instrument>;
  /** True when some instrument is a perpetual (equity then includes unrealised P&L). */
  readonly hasPerps: boolean;
  /** For each asset, the instrument quoting it in the account asset (how it is valued). */
  readonly valuationSymbols: ReadonlyMap<Asset, SymbolId>;
  readonly orders: Map<ClientOrderId, OrderState>;
  /** Ids of orders not yet in a terminal status, in submission order. */
  readonly openOrders: Set<ClientOrderId>;
  readonly balances: Map<Asset, Balance>;
  readonly positions: Map<SymbolId, Position>;
  readonly marks: Map<SymbolId, number>;
  risk: RiskState;
  nextSeq: number;
  lastTs: TimestampMs;
}

/** Creates an empty state. */
export function createState(
  accountAsset: Asset,
  instruments: readonly Instrument[],
  orderRateWindowMs: number,
  keepFinishedOrders = true,
  trackRisk = true,
): EngineState {
  return {
    accountAsset,
    orderRateWindowMs,
    keepFinishedOrders,
    trackRisk,
    instruments: new Map(instruments.map((i) => [i.symbol, i])),
    hasPerps: instruments.some((i) => i.margin !== undefined),
    valuationSymbols: new Map(
      instruments.filter((i) => i.quote === accountAsset).map((i) => [i.base, i.symbol]),
    ),
    // Pinned: a backtest's order maps go 0 → 1 → 0 per order; a plain Map would reallocate.
    orders: new PinnedMap(),
    openOrders: new PinnedSet(),
    balances: new Map(),
    positions: new Map(),
    marks: new Map(),
    risk: { recentOrderTs: [], peakEquity: 0, day: -1, dayStartEquity: 0, killSwitch: null },
    nextSeq: 1,
    lastTs: 0 as TimestampMs,
  };
}

/** Value of one unit of `asset` in the account asset, or null when no mark is known. */
export function assetPrice(state: EngineState, a: Asset): number | null {
  if (a === state.accountAsset) return 1;
  const sym = state.valuationSymbols.get(a);
  if (sym === undefined) return null;
  const m = state.marks.get(sym);
  return m === undefined ? null : m;
}

/**
 * Equity in the account asset: Σ (free + locked) × mark, plus the unrealised P&L of perpetual
 * positions (their margin is already in the balances). Assets without a mark count as 0.
 */
export function equity(state: EngineState): number {
  let e = 0;
  for (const [a, b] of state.balances) {
    const total = b.free + b.locked;
    if (total === 0) continue;
    const p = assetPrice(state, a);
    if (p !== null) e += total * p;
  }
  if (state.hasPerps) {
    for (const [sym, pos] of state.positions) {
      if (pos.qty === 0 || state.instruments.get(sym)?.margin === undefined) continue;
      const mark = state.marks.get(sym);
      if (mark !== undefined) e += (mark - pos.avgPrice) * pos.qty;
    }
  }
  return e;
}

/** A zero balance. */
export const ZERO_BALANCE: Balance = { free: 0, locked: 0 };
