import type { EngineEvent } from '../../engine-process/engine-link';

/**
 * The SSE `event:` name of an engine event: its `type` when it is a plain word, else `message`
 * (a newline in a name would end the frame early and let the rest pose as another field).
 */
export function eventName(type: unknown): string {
  return typeof type === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(type) ? type : 'message';
}

/** One SSE frame: `id:`, `event:`, `data:` (one JSON line: JSON.stringify escapes newlines). */
export function eventFrame(id: number, event: EngineEvent): string {
  return `id: ${id}\nevent: ${eventName(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Sent instead of a backlog when the client's last id is not in the buffer (too old, or from an
 * earlier run): the client refetches state over REST. Its id lets the next resume start here.
 */
export function resetFrame(id: number, reason: 'too_old' | 'unknown_id'): string {
  return `id: ${id}\nevent: reset\ndata: ${JSON.stringify({ reason, last_id: id })}\n\n`;
}

/** A comment line: clients ignore it, proxies and sockets see traffic. */
export const KEEP_ALIVE_FRAME = ': keep-alive\n\n';
