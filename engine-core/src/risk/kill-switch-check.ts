import { type EngineState, equity } from '../engine/engine-state';
import { pct } from '../util';
import type { RiskLimits } from './risk-limits';

/** Why the kill switch must trip now, or null. Compares equity with the day's start and the peak. */
export function killSwitchBreach(state: EngineState, limits: RiskLimits): string | null {
  if (state.risk.killSwitch !== null) return null;
  if (limits.maxDailyLoss === null && limits.maxDrawdown === null) return null;
  const eq = equity(state);
  const { dayStartEquity, peakEquity } = state.risk;
  if (limits.maxDailyLoss !== null && dayStartEquity > 0) {
    const loss = (dayStartEquity - eq) / dayStartEquity;
    if (loss > limits.maxDailyLoss) return `daily loss ${pct(loss)} > ${pct(limits.maxDailyLoss)}`;
  }
  if (limits.maxDrawdown !== null && peakEquity > 0) {
    const dd = (peakEquity - eq) / peakEquity;
    if (dd > limits.maxDrawdown) return `drawdown ${pct(dd)} > ${pct(limits.maxDrawdown)}`;
  }
  return null;
}
