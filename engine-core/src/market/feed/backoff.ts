import type { Rng } from '../../util/rng';

/** Settings of an exponential backoff. */
export interface BackoffOptions {
  /** Delay cap of the first retry, ms. */
  readonly baseMs: number;
  /** Largest delay cap, ms. */
  readonly maxMs: number;
}

/**
 * The delay before retry number `attempt` (0 for the first): exponential backoff with "equal
 * jitter": the cap `min(maxMs, baseMs × 2^attempt)` is halved and a uniform random part of the
 * other half is added, so retries spread out but never fire at once.
 */
export function backoffDelay(attempt: number, o: BackoffOptions, random: Rng): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}
