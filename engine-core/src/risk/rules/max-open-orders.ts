import type { RiskRule } from '../risk-context';

/** Rejects a new order when the open-order count is at the limit. */
export const maxOpenOrders: RiskRule = ({ state, limits }) => {
  const limit = limits.maxOpenOrders;
  if (limit === null) return null;
  const after = state.openOrders.size + 1;
  return after > limit ? `max_open_orders: ${after} > ${limit}` : null;
};
