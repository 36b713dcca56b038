import type { LiveConfig, LiveStatus, StreamState } from '../../live';
import { useLiveStream } from '../../live';

const streamText = (s: StreamState): string => {
  switch (s.state) {
    case 'connecting':
      return 'connecting…';
    case 'open':
      return 'live';
    case 'reconnecting':
      return 'reconnecting…';
    case 'closed':
      return `lost; retrying in ${Math.round(s.retryInMs / 1000)} s`;
    case 'stopped':
      return 'stopped';
  }
};

const connectionText = (c: LiveStatus['connection']): string =>
  `${c.state}${c.attempt !== null ? ` (attempt ${c.attempt})` : ''}${c.reason ? `: ${c.reason}` : ''}`;

/** The venue, its connection, the event stream and what the router last said. */
export function StatusCard({
  config,
  status,
}: {
  readonly config: LiveConfig;
  readonly status: LiveStatus;
}) {
  const stream = useLiveStream((s) => s.stream);
  const notices = useLiveStream((s) => s.notices);
  const badEvent = useLiveStream((s) => s.badEvent);
  const resets = useLiveStream((s) => s.resets);
  return (
    <section className="card lv-status" aria-labelledby="lv-status-title">
      <h3 id="lv-status-title" className="lv-card-title">
        Connection
      </h3>
      <dl className="lv-facts">
        <div>
          <dt>Venue</dt>
          <dd data-testid="live-venue">{status.venue}</dd>
        </div>
        <div>
          <dt>Server mode</dt>
          <dd>{config.mode}</dd>
        </div>
        <div>
          <dt>Venue connection</dt>
          <dd data-testid="venue-connection" data-state={status.connection.state}>
            {connectionText(status.connection)}
          </dd>
        </div>
        {status.phase !== null && (
          <div>
            <dt>Live desk</dt>
            <dd data-testid="desk-phase" data-phase={status.phase}>
              {status.phase}
              {status.reason ? `: ${status.reason}` : ''}
            </dd>
          </div>
        )}
        <div>
          <dt>Event stream</dt>
          <dd data-testid="stream-state" data-state={stream.state}>
            {streamText(stream)}
            {resets > 0 && ` · ${resets} resync${resets === 1 ? '' : 's'}`}
          </dd>
        </div>
      </dl>
      {badEvent && (
        <p className="error-text" role="alert">
          An event from the server did not parse and was ignored: {badEvent}
        </p>
      )}
      {notices.length > 0 && (
        <ul className="lv-notices" aria-label="Router notices">
          {notices
            .slice(-5)
            .reverse()
            .map((n) => (
              <li key={n.seq}>
                <strong>{n.name}</strong> {n.text}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
