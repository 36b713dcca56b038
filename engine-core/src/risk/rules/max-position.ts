import { fmt } from '../../util';
import type { RiskRule } from '../risk-context';

/** Rejects an order that would take the symbol's position beyond the notional limit. */
export const maxPosition: RiskRule = ({ request, refPrice, state, limits }) => {
  const limit = limits.maxPositionNotional;
  if (limit === null) return null;
  const current = state.positions.get(request.symbol)?.qty ?? 0;
  const after = current + (request.side === 'BUY' ? request.qty : -request.qty);
  // Reducing a position is always allowed.
  if (Math.abs(after) <= Math.abs(current)) return null;
  const notional = Math.abs(after) * refPrice;
  return notional > limit ? `max_position_notional: ${fmt(notional)} > ${fmt(limit)}` : null;
};
