// The paper account as the risk analytics see it: engine-core's `PortfolioSnapshot`, built from
// the `PaperView` the page already has (balances, positions with their marks, the feed's last
// price), so exposure, stress and VaR all run on the same numbers.
import type { Asset, Instrument } from '../../../../engine-core/src/model';
import type {
  PerpHolding,
  PortfolioSnapshot,
  SpotHolding,
  UnpricedHolding,
} from '../../../../engine-core/src/risk';
import type { PaperView } from '../../paper/paper-api';

/** What the snapshot reads of the view. */
export type SnapshotInputs = Pick<PaperView, 'balances' | 'positions' | 'lastPrice' | 'feed'>;

/** The account's currency: every price is in it. */
export const ACCOUNT_ASSET = 'USDT' as Asset;

/**
 * Price of each asset in the account currency: a position's mark in `<asset>USDT`, else the
 * feed's last price when the feed trades `<asset>USDT`.
 */
export function assetPrices(
  v: SnapshotInputs,
  instruments: readonly Instrument[],
): Map<Asset, number> {
  const bySymbol = new Map(instruments.map((i) => [i.symbol as string, i]));
  const prices = new Map<Asset, number>();
  const feedInst = v.feed ? bySymbol.get(v.feed.symbol) : undefined;
  if (feedInst?.quote === ACCOUNT_ASSET && v.lastPrice !== null && v.lastPrice > 0)
    prices.set(feedInst.base, v.lastPrice);
  for (const p of v.positions) {
    const inst = bySymbol.get(p.symbol);
    if (inst?.quote === ACCOUNT_ASSET && p.markPrice !== null && p.markPrice > 0)
      prices.set(inst.base, p.markPrice);
  }
  return prices;
}

/** The snapshot of the account in `v` (spot balances at their price, perpetuals at their mark). */
export function snapshotFromView(
  v: SnapshotInputs,
  instruments: readonly Instrument[],
): PortfolioSnapshot {
  const prices = assetPrices(v, instruments);
  const bySymbol = new Map(instruments.map((i) => [i.symbol as string, i]));
  let cash = 0;
  const spot: SpotHolding[] = [];
  const perps: PerpHolding[] = [];
  const unpriced: UnpricedHolding[] = [];
  for (const b of v.balances) {
    const qty = b.free + b.locked;
    if (b.asset === ACCOUNT_ASSET) cash = qty;
    else if (qty !== 0) {
      const price = prices.get(b.asset);
      if (price === undefined) unpriced.push({ kind: 'asset', name: b.asset, qty });
      else spot.push({ asset: b.asset, qty, price });
    }
  }
  for (const p of v.positions) {
    const inst = bySymbol.get(p.symbol);
    if (p.qty === 0 || inst?.margin === undefined) continue;
    if (p.markPrice === null || inst.quote !== ACCOUNT_ASSET) {
      unpriced.push({ kind: 'perp', name: p.symbol, qty: p.qty });
      continue;
    }
    perps.push({
      symbol: p.symbol,
      asset: inst.base,
      qty: p.qty,
      avgPrice: p.avgPrice,
      mark: p.markPrice,
      margin: inst.margin,
    });
  }
  return { accountAsset: ACCOUNT_ASSET, cash, spot, perps, unpriced };
}
