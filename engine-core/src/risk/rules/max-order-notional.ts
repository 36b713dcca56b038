import { fmt } from '../../util';
import type { RiskRule } from '../risk-context';

/** Rejects an order whose notional exceeds the limit. */
export const maxOrderNotional: RiskRule = ({ request, refPrice, limits }) => {
  const limit = limits.maxOrderNotional;
  if (limit === null) return null;
  const notional = request.qty * refPrice;
  return notional > limit ? `max_order_notional: ${fmt(notional)} > ${fmt(limit)}` : null;
};
