import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  apiErrorOf,
  type CredentialOrigin,
  describeApiError,
  type LiveConfig,
  liveStreamStore,
  startStreamSync,
  useCredentialOrigins,
  useLiveConfig,
  useLivePositions,
  useLiveStatus,
  VENUE_IDS,
  type VenueId,
} from '../../live';
import { ArmPanel } from './arm-panel';
import { BreakerPanel } from './breaker-panel';
import { CredentialsPanel } from './credentials-panel';
import { KillSwitchPanel } from './kill-switch';
import { LivePanes } from './live-panes';
import { LiveTicket } from './live-ticket';
import { SignInNeeded } from './sign-in-needed';
import { StatusCard } from './status-card';
import './live.css';

const asVenue = (v: string | null): VenueId => VENUE_IDS.find((x) => x === v) ?? 'binance';

/** Keeps the event stream open while the page is shown. */
function useStreamSync(): void {
  const client = useQueryClient();
  useEffect(() => startStreamSync(client, liveStreamStore), [client]);
}

/** The page once signed in: status, going live, keys, the ticket and the account panes. */
function LiveWorkspace({ config }: { readonly config: LiveConfig }) {
  useStreamSync();
  const status = useLiveStatus();
  const creds = useCredentialOrigins(config.credentials !== null);
  const positions = useLivePositions(true);
  const origins = creds.data ?? config.credentials;
  const s = status.data;
  const venue = asVenue(s?.venue ?? config.venue);
  const origin: CredentialOrigin | null = origins?.[venue] ?? null;
  const blocked =
    s === undefined
      ? 'Waiting for the live status…'
      : !s.armed
        ? 'Arm live trading (Go live) to send orders.'
        : s.breaker?.state === 'open'
          ? 'The circuit breaker is open: reset it or wait until it probes to send orders.'
          : s.killSwitch.engaged
            ? 'The kill switch is engaged: release it to send orders.'
            : null;
  return (
    <>
      {config.mode !== 'live' && (
        <p className="card lv-warn" role="status">
          The server runs in {config.mode} mode: no live venue is configured
          {config.engine === null ? ' and no engine is attached' : ''}. Start it with a live venue
          (VELOZ_LIVE_VENUE) to trade here.
        </p>
      )}
      {status.error && (
        <p className="error-text" role="alert">
          Live status: {describeApiError(apiErrorOf(status.error))}
        </p>
      )}
      {s && (
        <div className="lv-top">
          <StatusCard config={config} status={s} />
          <ArmPanel status={s} origin={origin} />
          {(s.armed || s.killSwitch.engaged) && <KillSwitchPanel killSwitch={s.killSwitch} />}
          {s.breaker !== null && <BreakerPanel breaker={s.breaker} />}
        </div>
      )}
      <div className="lv-main">
        <LiveTicket symbols={config.symbols} positions={positions.data ?? []} blocked={blocked} />
        {origins !== null ? (
          <CredentialsPanel origins={origins} defaultVenue={venue} />
        ) : (
          <p className="card lv-hint">
            This server has no credential store: its keys can only come from its environment.
          </p>
        )}
      </div>
      <LivePanes />
    </>
  );
}

/** The Live page: trading at a real venue through the local server, which holds the keys. */
export function LivePage() {
  const config = useLiveConfig();
  const armed = useLiveStatus(config.isSuccess).data?.armed === true;
  const failure = config.error ? apiErrorOf(config.error) : null;
  return (
    <section className="page lv-page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Live {armed && <span className="lv-badge lv-badge--title">LIVE</span>}
      </h2>
      {config.isPending && <p className="empty">Asking the server…</p>}
      {failure?.kind === 'auth' && <SignInNeeded />}
      {failure !== null && failure.kind !== 'auth' && (
        <div className="card" role="alert">
          <p className="error-text">{describeApiError(failure)}</p>
          <button type="button" className="btn ghost" onClick={() => void config.refetch()}>
            Try again
          </button>
        </div>
      )}
      {config.data && <LiveWorkspace config={config.data} />}
    </section>
  );
}
