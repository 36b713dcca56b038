import { type BreakerState, tripText } from '../../../../engine-core/src/risk';
import { PAPER_BREAKER } from './risk-breaker';
import { money } from './risk-format';

const STATUS: Readonly<Record<BreakerState['status'], string>> = {
  closed: 'Closed: trading allowed',
  open: 'Open: trading halted',
  half_open: 'Half-open: probing',
};

/** The circuit breaker's state, computed here (the paper runtime runs none). */
export function BreakerPanel({ state }: { readonly state: BreakerState }) {
  const c = PAPER_BREAKER;
  return (
    <div data-testid="risk-breaker" data-status={state.status}>
      <p>
        <strong>{STATUS[state.status]}</strong>
        {state.status !== 'closed' && <> · {tripText(state.reason)}</>}
      </p>
      <p className="pp-hint">
        The paper runtime runs no circuit breaker: this state is computed on this page from the
        account’s recent events (log, fills, bars) with engine-core’s breaker reducer. Settings:
        realized loss over {money(c.maxLoss ?? Number.NaN)} USDT in {c.lossWindowMs / 60_000} min,
        or more than {(c.maxErrorRate ?? 0) * 100} % of at least {c.minOrdersForErrorRate} orders
        failed in {c.errorWindowMs / 60_000} min; cool-down {c.coolDownMs / 60_000} min; staleness
        not checked (the view carries bars, not trades).
      </p>
    </div>
  );
}
