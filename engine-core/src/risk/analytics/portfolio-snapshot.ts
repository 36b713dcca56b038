import { assetPrice, type EngineState } from '../../engine/engine-state';
import type { Asset, PerpMargin, SymbolId } from '../../model';

/** An asset held outright (spot), valued at its price in the account currency. */
export interface SpotHolding {
  readonly asset: Asset;
  readonly qty: number;
  readonly price: number;
}

/** A perpetual position (linear, quote = account currency, isolated margin) at its mark. */
export interface PerpHolding {
  readonly symbol: SymbolId;
  /** The base asset it gives exposure to. */
  readonly asset: Asset;
  /** Signed: > 0 long, < 0 short. */
  readonly qty: number;
  readonly avgPrice: number;
  readonly mark: number;
  readonly margin: PerpMargin;
}

/** Something held that cannot be valued in the account currency (no mark, other quote). */
export interface UnpricedHolding {
  readonly kind: 'asset' | 'perp';
  readonly name: string;
  readonly qty: number;
}

/**
 * The portfolio as the risk analytics see it: plain data taken from the engine state once, so
 * stress tests, exposure and VaR run on the same numbers without touching the engine.
 */
export interface PortfolioSnapshot {
  readonly accountAsset: Asset;
  /** Account-currency balance, free + locked (perp margin posted is in it). */
  readonly cash: number;
  readonly spot: readonly SpotHolding[];
  readonly perps: readonly PerpHolding[];
  readonly unpriced: readonly UnpricedHolding[];
}

/** Takes the snapshot of an engine state (balances, positions, marks). */
export function snapshotOf(state: Readonly<EngineState>): PortfolioSnapshot {
  const spot: SpotHolding[] = [];
  const perps: PerpHolding[] = [];
  const unpriced: UnpricedHolding[] = [];
  let cash = 0;
  for (const [a, b] of state.balances) {
    const qty = b.free + b.locked;
    if (a === state.accountAsset) cash = qty;
    else if (qty !== 0) {
      const price = assetPrice(state, a);
      if (price === null) unpriced.push({ kind: 'asset', name: a, qty });
      else spot.push({ asset: a, qty, price });
    }
  }
  for (const [sym, pos] of state.positions) {
    const inst = state.instruments.get(sym);
    if (pos.qty === 0 || inst?.margin === undefined) continue;
    const mark = state.marks.get(sym);
    if (mark === undefined || inst.quote !== state.accountAsset) {
      unpriced.push({ kind: 'perp', name: sym, qty: pos.qty });
      continue;
    }
    perps.push({
      symbol: sym,
      asset: inst.base,
      qty: pos.qty,
      avgPrice: pos.avgPrice,
      mark,
      margin: inst.margin,
    });
  }
  return { accountAsset: state.accountAsset, cash, spot, perps, unpriced };
}

/** Equity of a snapshot: cash + Σ spot qty × price + Σ perp unrealised P&L (as `equity()`). */
export function snapshotEquity(s: PortfolioSnapshot): number {
  let e = s.cash;
  for (const h of s.spot) e += h.qty * h.price;
  for (const p of s.perps) e += (p.mark - p.avgPrice) * p.qty;
  return e;
}
