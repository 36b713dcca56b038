// Exponential backoff with jitter: attempt k waits between half and all of min(max, base·2^k),
// so retries spread out instead of arriving together.

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** The wait before retry number `attempt` (0-based); `random` returns [0, 1). */
export function backoffMs(attempt: number, p: BackoffPolicy, random: () => number): number {
  const cap = Math.min(p.maxMs, p.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + (cap / 2) * random());
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
