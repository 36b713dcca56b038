import type { Asset, SymbolId } from '../../model';
import { type PerpMarginState, perpMarginAt } from './perp-margin';
import { type PortfolioSnapshot, snapshotEquity } from './portfolio-snapshot';

/** Price moves as fractions (−0.2 = down 20 %): per asset, and one move for all others. */
export interface PriceShocks {
  readonly byAsset: ReadonlyMap<Asset, number>;
  readonly others: number;
}

/** The same move for every asset. */
export const uniformShock = (move: number): PriceShocks => ({ byAsset: new Map(), others: move });

/** The move `shocks` gives `asset`. */
export const shockOf = (shocks: PriceShocks, asset: Asset): number =>
  shocks.byAsset.get(asset) ?? shocks.others;

/** One perpetual under a shock: its P&L and margin before and after. */
export interface PerpStress {
  readonly symbol: SymbolId;
  readonly qty: number;
  readonly markBefore: number;
  readonly markAfter: number;
  readonly pnl: number;
  readonly before: PerpMarginState;
  readonly after: PerpMarginState;
}

/** What a shock does to the portfolio. */
export interface StressResult {
  readonly equityBefore: number;
  readonly equityAfter: number;
  readonly pnl: number;
  /** P&L per asset (spot and perps together), worst first. */
  readonly pnlByAsset: readonly { readonly asset: Asset; readonly pnl: number }[];
  readonly perps: readonly PerpStress[];
  /** Perpetuals whose shocked mark is at or past their liquidation price. */
  readonly liquidated: readonly SymbolId[];
}

/**
 * Marks every holding at price × (1 + move) and reports the P&L and each perpetual's margin.
 * P&L is marked to market and not capped at the margin: a position past its liquidation price
 * is listed in `liquidated`, and its loss shows how far past (the engine's liquidation stop
 * fills like any stop, so a gap can lose more than the margin).
 */
export function stressTest(s: PortfolioSnapshot, shocks: PriceShocks): StressResult {
  const byAsset = new Map<Asset, number>();
  const add = (a: Asset, pnl: number) => byAsset.set(a, (byAsset.get(a) ?? 0) + pnl);
  for (const h of s.spot) add(h.asset, h.qty * h.price * shockOf(shocks, h.asset));
  const perps = s.perps.map((p): PerpStress => {
    const markAfter = p.mark * (1 + shockOf(shocks, p.asset));
    const pnl = (markAfter - p.mark) * p.qty;
    add(p.asset, pnl);
    return {
      symbol: p.symbol,
      qty: p.qty,
      markBefore: p.mark,
      markAfter,
      pnl,
      before: perpMarginAt(p, p.mark),
      after: perpMarginAt(p, markAfter),
    };
  });
  let pnl = 0;
  for (const v of byAsset.values()) pnl += v;
  const equityBefore = snapshotEquity(s);
  return {
    equityBefore,
    equityAfter: equityBefore + pnl,
    pnl,
    pnlByAsset: [...byAsset]
      .map(([asset, v]) => ({ asset, pnl: v }))
      .sort((x, y) => x.pnl - y.pnl || (x.asset < y.asset ? -1 : 1)),
    perps,
    liquidated: perps.filter((p) => p.after.liquidated).map((p) => p.symbol),
  };
}
