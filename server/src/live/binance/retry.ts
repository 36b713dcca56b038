// Retries of requests that are safe to repeat (reads, cancels): timeouts, network errors, 5xx
// and 429/418 are retried with backoff (the limiter already waits out Retry-After); a -1021 (clock
// out of the recvWindow) resyncs the server time first. Other Binance errors are final.
import { type BackoffPolicy, backoffMs } from './backoff';
import type { RestClient, RestOutcome, RestRequest } from './rest-client';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Binance's "timestamp outside of the recvWindow / ahead of the server". */
export const TIMESTAMP_OUT_OF_WINDOW = -1021;

/** Whether an outcome leaves the request's effect unknown (it may have been carried out). */
export const mayHaveExecuted = (o: RestOutcome): boolean =>
  o.kind === 'server' || o.kind === 'timeout' || o.kind === 'network';

export async function sendWithRetry(
  client: RestClient,
  req: RestRequest,
  p: RetryPolicy,
): Promise<RestOutcome> {
  let last: RestOutcome = { kind: 'timeout' };
  for (let attempt = 0; attempt < p.maxAttempts; attempt++) {
    if (attempt > 0 && last.kind !== 'throttled')
      await p.sleep(backoffMs(attempt - 1, p.backoff, p.random));
    last = await client.send(req);
    if (last.kind === 'ok') return last;
    if (last.kind === 'binance') {
      if (last.code !== TIMESTAMP_OUT_OF_WINDOW) return last;
      await client.syncTime();
    }
  }
  return last;
}
