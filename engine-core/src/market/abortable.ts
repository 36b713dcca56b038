import type { AbortSignalLike } from './http-get';

/** Marks a promise that lost the race against an abort. */
export const ABORTED: unique symbol = Symbol('aborted');

/**
 * Settles with `promise`'s value, or with `ABORTED` as soon as `signal` aborts (the promise
 * itself is left to settle on its own; its rejection is then ignored).
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignalLike | undefined,
): Promise<T | typeof ABORTED> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve(ABORTED);
  }
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => undefined);
      resolve(ABORTED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms` through the injected `sleep`; false when `signal` aborted first. */
export async function waitUnlessAborted(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignalLike | undefined,
): Promise<boolean> {
  if (signal?.aborted === true) return false;
  if (ms <= 0) return true;
  return (await raceAbort(sleep(ms), signal)) !== ABORTED;
}
