import { type EngineEvent, EngineUnavailableError } from '../../engine-process/engine-link';
import { ApiError } from '../errors';
import type { Parsed } from '../schemas/parse-result';

/** The engine (or feed) behind a route, or a 503 when the server runs without one. */
export function need<T>(dep: T | undefined | null, what = 'no engine is attached'): T {
  if (dep === undefined || dep === null) throw new ApiError(503, 'execution_unavailable', what);
  return dep;
}

/** Runs an engine call; an engine that cannot take commands now answers 503. */
export async function callEngine<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof EngineUnavailableError) {
      throw new ApiError(503, 'execution_unavailable', err.message || 'the engine is not running');
    }
    throw err;
  }
}

/** The parsed value, or a 400 bad_params naming the fields. */
export function valid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new ApiError(400, 'bad_params', parsed.message);
  return parsed.value;
}

/** The events of one type in an engine answer. */
export function eventsOf(events: readonly EngineEvent[], type: string): EngineEvent[] {
  return events.filter((e) => e.type === type);
}

/** The message of the engine's `error` answer, if it gave one. */
export function engineError(events: readonly EngineEvent[]): string | null {
  const err = events.find((e) => e.type === 'error');
  return err !== undefined && typeof err.message === 'string' ? err.message : null;
}
