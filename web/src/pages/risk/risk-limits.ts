// The engine's risk limits next to how much of each the paper account uses now.
import type { RiskLimits } from '../../../../engine-core/src/risk';
import type { PaperRiskView, PaperView } from '../../paper/paper-api';

/** How a limit's numbers read. */
export type LimitUnit = 'count' | 'quote' | 'fraction';

/** One limit: its value (null: off) and the account's use of it (null: nothing to measure). */
export interface LimitRow {
  readonly key: keyof RiskLimits;
  readonly label: string;
  readonly unit: LimitUnit;
  readonly limit: number | null;
  readonly used: number | null;
  /** used ÷ limit, when both are known and the limit is > 0. */
  readonly ratio: number | null;
  readonly detail: string;
}

/** What the rows read of the view. */
export type LimitInputs = Pick<PaperView, 'openOrders' | 'positions' | 'equity'> & {
  readonly risk: PaperRiskView;
};

/** The rows, one per rule of `RiskLimits`. */
export function limitRows(v: LimitInputs): readonly LimitRow[] {
  const l = v.risk.limits;
  let biggest = 0;
  let biggestSym = '';
  for (const p of v.positions) {
    const n = Math.abs(p.qty) * (p.markPrice ?? p.avgPrice);
    if (n > biggest) {
      biggest = n;
      biggestSym = p.symbol;
    }
  }
  let largestOrder = 0;
  for (const o of v.openOrders) {
    const px = o.price ?? o.stopPrice;
    if (px !== null) largestOrder = Math.max(largestOrder, (o.qty - o.filledQty) * px);
  }
  const { dayStartEquity: day, peakEquity: peak } = v.risk;
  const dailyLoss = day > 0 ? Math.max(0, (day - v.equity) / day) : null;
  const drawdown = peak > 0 ? Math.max(0, (peak - v.equity) / peak) : null;
  return [
    mk('maxOpenOrders', 'Open orders', 'count', l.maxOpenOrders, v.openOrders.length, ''),
    mk(
      'maxPositionNotional',
      'Position notional (largest symbol)',
      'quote',
      l.maxPositionNotional,
      biggest,
      biggestSym,
    ),
    mk(
      'maxOrderNotional',
      'Order notional (per order)',
      'quote',
      l.maxOrderNotional,
      largestOrder,
      'largest open order',
    ),
    mk(
      'maxOrdersPerWindow',
      'Order rate',
      'count',
      l.maxOrdersPerWindow,
      v.risk.recentOrders,
      `per ${l.orderRateWindowMs} ms`,
    ),
    mk(
      'maxDailyLoss',
      'Daily loss (kill switch)',
      'fraction',
      l.maxDailyLoss,
      dailyLoss,
      'of the UTC day’s start equity',
    ),
    mk(
      'maxDrawdown',
      'Drawdown (kill switch)',
      'fraction',
      l.maxDrawdown,
      drawdown,
      'from peak equity',
    ),
    mk('priceBand', 'Price band', 'fraction', l.priceBand, null, 'limit and stop prices vs last'),
  ];
}

function mk(
  key: keyof RiskLimits,
  label: string,
  unit: LimitUnit,
  limit: number | null,
  used: number | null,
  detail: string,
): LimitRow {
  const ratio = limit !== null && limit > 0 && used !== null ? used / limit : null;
  return { key, label, unit, limit, used, ratio, detail };
}
