import { useQueryClient } from '@tanstack/react-query';
import { liveKeys, liveSeen, useLiveStatus } from '../../live';
import { KillSwitchButton } from './kill-switch';
import './live.css';

/**
 * The app header's live badge, on every page: red LIVE with the venue while live routing is
 * armed, the kill switch one click away, and whether it is engaged. Nothing when not armed, or
 * when the server has no live status to give (no session, no server). A browser that never
 * opened the Live page asks nothing.
 */
export function LiveIndicator() {
  const client = useQueryClient();
  // Polls only where a session is known: from the Live page (the cache) or an earlier visit.
  const known = liveSeen() || client.getQueryData(liveKeys.status) !== undefined;
  const status = useLiveStatus(known).data;
  if (status === undefined || (!status.armed && !status.killSwitch.engaged)) return null;
  return (
    <div className="lv-indicator" data-testid="live-indicator">
      {status.armed && (
        <span className="lv-badge" role="status" title={`Live trading armed on ${status.venue}`}>
          LIVE · {status.venue}
        </span>
      )}
      {status.killSwitch.engaged ? (
        <span className="lv-badge lv-badge--kill" role="status">
          Kill switch engaged
        </span>
      ) : (
        <KillSwitchButton compact />
      )}
    </div>
  );
}
