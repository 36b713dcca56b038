import type { Asset } from '../../model';
import type { PortfolioSnapshot, UnpricedHolding } from './portfolio-snapshot';
import { snapshotEquity } from './portfolio-snapshot';

/** Exposure to one asset, in the account currency. */
export interface AssetExposure {
  readonly asset: Asset;
  /** Value of the long holdings (spot balances, long perps), ≥ 0. */
  readonly long: number;
  /** Value of the short holdings (short perps), as a positive number. */
  readonly short: number;
  /** long − short. */
  readonly net: number;
  /** long + short. */
  readonly gross: number;
}

/** Exposure of the whole portfolio. */
export interface PortfolioExposure {
  /** Every asset other than the account currency, largest gross first. */
  readonly byAsset: readonly AssetExposure[];
  readonly gross: number;
  readonly net: number;
  readonly equity: number;
  /** gross ÷ equity and net ÷ equity; NaN when equity ≤ 0. */
  readonly grossLeverage: number;
  readonly netLeverage: number;
  /** Holdings left out because they have no value in the account currency. */
  readonly unpriced: readonly UnpricedHolding[];
}

/**
 * Gross and net exposure by asset: spot balances at their price, perpetuals at qty × mark
 * (their margin is cash, not exposure). A spot holding and a perp in the same asset net out.
 */
export function exposureOf(s: PortfolioSnapshot): PortfolioExposure {
  const legs = new Map<Asset, { long: number; short: number }>();
  const add = (a: Asset, value: number) => {
    const leg = legs.get(a) ?? { long: 0, short: 0 };
    if (value >= 0) leg.long += value;
    else leg.short -= value;
    legs.set(a, leg);
  };
  for (const h of s.spot) add(h.asset, h.qty * h.price);
  for (const p of s.perps) add(p.asset, p.qty * p.mark);
  const byAsset = [...legs]
    .map(([asset, { long, short }]) => ({
      asset,
      long,
      short,
      net: long - short,
      gross: long + short,
    }))
    .sort((x, y) => y.gross - x.gross || (x.asset < y.asset ? -1 : 1));
  let gross = 0;
  let net = 0;
  for (const e of byAsset) {
    gross += e.gross;
    net += e.net;
  }
  const equity = snapshotEquity(s);
  return {
    byAsset,
    gross,
    net,
    equity,
    grossLeverage: equity > 0 ? gross / equity : Number.NaN,
    netLeverage: equity > 0 ? net / equity : Number.NaN,
    unpriced: s.unpriced,
  };
}

/** Net exposure per asset in the given order (0 for assets not held): the VaR exposures. */
export function netExposures(e: PortfolioExposure, assets: readonly Asset[]): Float64Array {
  const net = new Map(e.byAsset.map((x) => [x.asset, x.net]));
  return Float64Array.from(assets, (a) => net.get(a) ?? 0);
}
