import { useEffect, useState } from 'react';
import { fetchServerHealth } from '../api/health';
import type { ServerStatusValue } from '../components/server-status';

/** How often the page re-checks `GET /health`, in milliseconds. */
export const HEALTH_POLL_MS = 10_000;

/** Polls `GET /health` while mounted; `checking` until the first answer. */
export function useServerHealth(pollMs: number = HEALTH_POLL_MS): ServerStatusValue {
  const [status, setStatus] = useState<ServerStatusValue>('checking');

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const probe = async (): Promise<void> => {
      try {
        setStatus(await fetchServerHealth(ctrl.signal));
      } catch {
        return; // aborted on unmount
      }
      timer = setTimeout(probe, pollMs);
    };
    void probe();

    return () => {
      ctrl.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [pollMs]);

  return status;
}
