import { useEffect, useState } from 'react';
import { fmt } from '../../../../engine-core/src/util';
import { describeApiError, type LiveBreaker, liveApi, liveKeys, useLiveAction } from '../../live';
import { breakerStateText, durationText, limitsText } from './breaker-text';

const STALE = [liveKeys.status, liveKeys.orders] as const;

/** The wall clock, re-read every `everyMs` while `everyMs` is not null (a countdown). */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/**
 * The desk's circuit breaker: its state, why it tripped (with the numbers), the time until it
 * probes, the limits, and a reset (with a confirm) while it is not closed.
 */
export function BreakerPanel({ breaker }: { readonly breaker: LiveBreaker }) {
  const [confirming, setConfirming] = useState(false);
  const reset = useLiveAction(() => liveApi.resetBreaker(), STALE);
  const now = useNow(breaker.state === 'open' ? 1000 : null);
  const tripped = breaker.state !== 'closed';
  return (
    <section
      className={`card lv-breaker${tripped ? ' lv-breaker--tripped' : ''}`}
      aria-labelledby="lv-breaker-title"
      data-testid="breaker"
      data-state={breaker.state}
    >
      <h3 id="lv-breaker-title" className="lv-card-title">
        Circuit breaker
      </h3>
      <p data-testid="breaker-state">
        <strong className={tripped ? 'lv-live-text' : 'lv-ok'}>
          {breakerStateText(breaker.state)}
        </strong>
        {breaker.state === 'closed' && '. Orders go through.'}
        {breaker.state === 'open' && '. New orders are refused; open orders were cancelled.'}
        {breaker.state === 'half_open' && '. Probe orders only.'}
      </p>
      {breaker.reason !== null && (
        <p data-testid="breaker-reason">
          Tripped: <code>{breaker.reason}</code>
        </p>
      )}
      {breaker.state === 'open' && breaker.probeAtMs !== null && (
        <p data-testid="breaker-probe">
          Probing in {durationText(breaker.probeAtMs - now)} (at{' '}
          {new Date(breaker.probeAtMs).toLocaleTimeString()}), then {breaker.limits.probeOrders}{' '}
          probe order{breaker.limits.probeOrders === 1 ? '' : 's'}.
        </p>
      )}
      {breaker.probes !== null && (
        <p data-testid="breaker-probes">
          Probes: {breaker.probes.ok} of {breaker.probes.needed} succeeded, {breaker.probes.sent}{' '}
          sent. All succeed: closed; one fails: open again.
        </p>
      )}
      {breaker.window !== null && (
        <p data-testid="breaker-window">
          In the windows now: {breaker.window.failed} of {breaker.window.orders} orders failed;
          realized P&amp;L net of fees {fmt(breaker.window.realizedPnl)}.
        </p>
      )}
      <ul className="lv-hint lv-breaker-limits">
        {limitsText(breaker.limits).map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      {!breaker.persisted && (
        <p className="lv-hint" data-testid="breaker-memory">
          Kept in the server's memory only: a server restart closes the breaker.
        </p>
      )}
      {tripped &&
        (!confirming ? (
          <button type="button" className="btn ghost" onClick={() => setConfirming(true)}>
            Reset breaker…
          </button>
        ) : (
          <fieldset className="row lv-fieldset">
            <legend>Close the breaker and accept orders again?</legend>
            <button
              type="button"
              className="btn danger"
              disabled={reset.isPending}
              onClick={() => reset.mutate(undefined, { onSuccess: () => setConfirming(false) })}
            >
              Confirm reset
            </button>
            <button type="button" className="btn ghost" onClick={() => setConfirming(false)}>
              Keep it open
            </button>
          </fieldset>
        ))}
      {reset.error && (
        <p className="error-text" role="alert">
          {describeApiError(reset.error.apiError)}
        </p>
      )}
    </section>
  );
}
