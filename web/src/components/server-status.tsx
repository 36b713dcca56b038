import type { ServerHealth } from '../api/health';

/** What the status panel shows: a finished probe, or `checking` before the first answer. */
export type ServerStatusValue = ServerHealth | 'checking';

const LABELS: Record<ServerStatusValue, string> = {
  checking: 'checking…',
  online: 'online',
  offline: 'offline',
};

/** Props of {@link ServerStatus}. */
export interface ServerStatusProps {
  status: ServerStatusValue;
}

/** One status row: a coloured dot and "Engine server: <status>". Presentational only. */
export function ServerStatus({ status }: ServerStatusProps) {
  return (
    <p className="status-row" data-testid="server-status" data-status={status} aria-live="polite">
      <span className={`status-dot status-dot--${status}`} aria-hidden="true" />
      <span>
        Engine server: <strong>{LABELS[status]}</strong>
      </span>
    </p>
  );
}
