import { useState } from 'react';
import { describeApiError, type KillSwitch, liveApi, liveKeys, useLiveAction } from '../../live';

const STALE = [liveKeys.status, liveKeys.orders, liveKeys.account] as const;
/** The reason the server records for a kill switch pulled from the web app. */
export const MANUAL_REASON = 'engaged from the web app';

/** One click engages: cancels every open order at the venue and refuses new ones. */
export function KillSwitchButton({ compact = false }: { readonly compact?: boolean }) {
  const engage = useLiveAction((reason: string) => liveApi.engageKillSwitch(reason), STALE);
  return (
    <>
      <button
        type="button"
        className={`btn lv-kill${compact ? ' lv-kill--compact' : ''}`}
        onClick={() => engage.mutate(MANUAL_REASON)}
        disabled={engage.isPending}
        aria-label="Engage kill switch"
        title="Cancel every open order at the venue and refuse new ones"
      >
        {engage.isPending ? 'Engaging…' : 'Kill switch'}
      </button>
      {engage.error && (
        <span className="error-text" role="alert">
          {describeApiError(engage.error.apiError)}
        </span>
      )}
    </>
  );
}

/** The kill switch's state on the Live page: engage (one click) or release (with a confirm). */
export function KillSwitchPanel({ killSwitch }: { readonly killSwitch: KillSwitch }) {
  const [confirming, setConfirming] = useState(false);
  const release = useLiveAction(() => liveApi.releaseKillSwitch(), STALE);
  return (
    <section
      className={`card lv-killcard${killSwitch.engaged ? ' lv-killcard--on' : ''}`}
      aria-labelledby="lv-kill-title"
    >
      <h3 id="lv-kill-title" className="lv-card-title">
        Kill switch
      </h3>
      {!killSwitch.engaged ? (
        <>
          <p>Off. Engaging it cancels every open order at the venue and refuses new ones.</p>
          <KillSwitchButton />
        </>
      ) : (
        <>
          <p data-testid="kill-switch-state">
            <strong className="lv-live-text">Engaged</strong>
            {killSwitch.reason ? `: ${killSwitch.reason}` : ''}. New orders are refused.
          </p>
          {!confirming ? (
            <button type="button" className="btn ghost" onClick={() => setConfirming(true)}>
              Release kill switch…
            </button>
          ) : (
            <fieldset className="row lv-fieldset">
              <legend>Accept new orders again?</legend>
              <button
                type="button"
                className="btn danger"
                disabled={release.isPending}
                onClick={() => release.mutate(undefined, { onSuccess: () => setConfirming(false) })}
              >
                Confirm release
              </button>
              <button type="button" className="btn ghost" onClick={() => setConfirming(false)}>
                Keep engaged
              </button>
            </fieldset>
          )}
          {release.error && (
            <p className="error-text" role="alert">
              {describeApiError(release.error.apiError)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
