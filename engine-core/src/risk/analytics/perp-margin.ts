import { liquidationPrice } from '../../model';
import type { PerpHolding } from './portfolio-snapshot';

/** Where an isolated-margin perpetual position stands at one mark price. */
export interface PerpMarginState {
  /** Initial margin posted: |qty| × avg ÷ leverage (what the engine locks). */
  readonly posted: number;
  /** posted + unrealised P&L at the mark. */
  readonly positionEquity: number;
  /** The maintenance margin the engine's liquidation price implies: mmr × |qty| × avg. */
  readonly maintenance: number;
  /** maintenance ÷ positionEquity: 1 at the liquidation price, Infinity once equity ≤ 0. */
  readonly marginRatio: number;
  readonly liquidationPrice: number;
  /** How far the mark may still move against the position, as a fraction of the mark (< 0: past it). */
  readonly distanceToLiquidation: number;
  readonly liquidated: boolean;
}

/**
 * The margin state of a position at `mark`, by the engine's perp model (`liquidationPrice` in
 * model/instrument.ts): liquidation where posted + P&L falls to mmr × |qty| × avg.
 */
export function perpMarginAt(p: PerpHolding, mark: number): PerpMarginState {
  const notional = Math.abs(p.qty) * p.avgPrice;
  const posted = notional / p.margin.leverage;
  const positionEquity = posted + (mark - p.avgPrice) * p.qty;
  const maintenance = p.margin.maintenanceMarginRate * notional;
  const liq = liquidationPrice(p.margin, p.qty, p.avgPrice) ?? Number.NaN;
  const distance = p.qty > 0 ? (mark - liq) / mark : (liq - mark) / mark;
  return {
    posted,
    positionEquity,
    maintenance,
    marginRatio: positionEquity > 0 ? maintenance / positionEquity : Number.POSITIVE_INFINITY,
    liquidationPrice: liq,
    distanceToLiquidation: distance,
    liquidated: p.qty > 0 ? mark <= liq : mark >= liq,
  };
}
