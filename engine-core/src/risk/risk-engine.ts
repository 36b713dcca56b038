import type { RiskContext, RiskRule } from './risk-context';
import { killSwitch } from './rules/kill-switch';
import { maxOpenOrders } from './rules/max-open-orders';
import { maxOrderNotional } from './rules/max-order-notional';
import { maxPosition } from './rules/max-position';
import { orderRate } from './rules/order-rate';
import { priceBand } from './rules/price-band';

/** The pre-trade rules, in the order they are checked. */
export const PRE_TRADE_RULES: readonly RiskRule[] = [
  killSwitch,
  orderRate,
  maxOpenOrders,
  priceBand,
  maxOrderNotional,
  maxPosition,
];

/** Runs every pre-trade rule; the first failure's reason, or null when the order may go. */
export function checkPreTrade(ctx: RiskContext): string | null {
  for (const rule of PRE_TRADE_RULES) {
    const reason = rule(ctx);
    if (reason !== null) return reason;
  }
  return null;
}
