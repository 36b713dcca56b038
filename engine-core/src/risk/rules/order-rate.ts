import type { RiskRule } from '../risk-context';

/** Rejects submissions beyond N per sliding window. */
export const orderRate: RiskRule = ({ state, limits, now }) => {
  const limit = limits.maxOrdersPerWindow;
  if (limit === null) return null;
  const cutoff = now - limits.orderRateWindowMs;
  const q = state.risk.recentOrderTs;
  let inWindow = 0;
  for (let i = q.length - 1; i >= 0 && (q[i] as number) > cutoff; i--) inWindow++;
  const after = inWindow + 1;
  return after > limit
    ? `order_rate: ${after} orders in ${limits.orderRateWindowMs} ms > ${limit}`
    : null;
};
