import { limitPrice, stopPrice } from '../../model';
import { fmt, pct } from '../../util';
import type { RiskRule } from '../risk-context';

/** Rejects limit and stop prices too far from the last traded price (fat-finger guard). */
export const priceBand: RiskRule = ({ request, state, limits }) => {
  const band = limits.priceBand;
  if (band === null) return null;
  const last = state.marks.get(request.symbol);
  if (last === undefined) return null;
  for (const px of [limitPrice(request), stopPrice(request)]) {
    if (px === null) continue;
    const dist = Math.abs(px / last - 1);
    if (dist > band) {
      return `price_band: ${fmt(px)} is ${pct(dist)} from last ${fmt(last)} > ${pct(band)}`;
    }
  }
  return null;
};
