import { useId, useState } from 'react';
import {
  type CredentialOrigin,
  describeApiError,
  type LiveStatus,
  liveApi,
  liveKeys,
  useLiveAction,
} from '../../live';

const STALE = [liveKeys.status, liveKeys.orders] as const;

/**
 * Going live and back. Arming needs the venue id typed in full (a click alone is not enough to
 * start sending real orders); disarming is one click, as stopping should be.
 */
export function ArmPanel({
  status,
  origin,
}: {
  readonly status: LiveStatus;
  /** Where the venue's keys come from, when known. */
  readonly origin: CredentialOrigin | null;
}) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const arm = useLiveAction((venue: string) => liveApi.arm(venue), STALE);
  const disarm = useLiveAction(() => liveApi.disarm(), STALE);
  const venue = status.venue;
  const error = arm.error ?? disarm.error;

  if (status.armed)
    return (
      <section className="card lv-arm lv-arm--armed" aria-labelledby="lv-arm-title">
        <h3 id="lv-arm-title" className="lv-card-title">
          Live routing
        </h3>
        <p>
          <strong className="lv-live-text">Armed</strong>: orders go to <strong>{venue}</strong>{' '}
          with real money.
        </p>
        <button
          type="button"
          className="btn ghost"
          onClick={() => disarm.mutate(undefined)}
          disabled={disarm.isPending}
        >
          {disarm.isPending ? 'Disarming…' : 'Disarm live trading'}
        </button>
        {error && (
          <p className="error-text" role="alert">
            {describeApiError(error.apiError)}
          </p>
        )}
      </section>
    );

  const cancel = (): void => {
    setConfirming(false);
    setTyped('');
  };
  return (
    <section className="card lv-arm" aria-labelledby="lv-arm-title">
      <h3 id="lv-arm-title" className="lv-card-title">
        Live routing
      </h3>
      <p>
        Not armed: nothing is sent to <strong>{venue}</strong>.
      </p>
      {origin === 'absent' && (
        <p className="lv-warn">No keys for {venue} yet: add them under Exchange keys first.</p>
      )}
      {!confirming ? (
        <button type="button" className="btn danger" onClick={() => setConfirming(true)}>
          Go live…
        </button>
      ) : (
        <form
          className="lv-confirm"
          aria-label="Confirm going live"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed !== venue) return;
            arm.mutate(venue, { onSuccess: cancel });
          }}
        >
          <p>
            From now on, orders from this page go to <strong>{venue}</strong> and trade your real
            balances. Type <code>{venue}</code> to confirm.
          </p>
          <div className="field">
            <label htmlFor={inputId}>Venue id to confirm</label>
            <input
              id={inputId}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
            />
          </div>
          <div className="row">
            <button
              type="submit"
              className="btn lv-btn-live"
              disabled={typed !== venue || arm.isPending}
            >
              {arm.isPending ? 'Arming…' : `Arm live trading on ${venue}`}
            </button>
            <button type="button" className="btn ghost" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error-text" role="alert">
          {describeApiError(error.apiError)}
        </p>
      )}
    </section>
  );
}
