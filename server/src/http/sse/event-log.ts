import type { EngineEvent } from '../../engine-process/engine-link';
import { RingBuffer } from '../ring-buffer';
import { eventFrame } from './sse-frame';

/** An event with its stream id and its frame, formatted once for every client. */
export interface LoggedEvent {
  readonly id: number;
  readonly frame: string;
}

/** What a resuming client gets: the frames after its id, or a reset when they are gone. */
export type Backlog =
  | { readonly kind: 'events'; readonly frames: readonly string[] }
  | { readonly kind: 'reset'; readonly reason: 'too_old' | 'unknown_id'; readonly lastId: number };

/**
 * Numbers engine events (consecutive ids after `startAfter`) and keeps the last `capacity` of
 * them for clients that resume with `Last-Event-ID`. `startAfter` should differ between runs
 * (the server derives it from the start time) so an id from an earlier run is never taken for
 * one of this run's.
 */
export class EventLog {
  private readonly ring: RingBuffer<LoggedEvent>;
  private last: number;

  constructor(capacity: number, startAfter: number) {
    if (!Number.isSafeInteger(startAfter) || startAfter < 0) {
      throw new RangeError(`startAfter must be a non-negative safe integer, got ${startAfter}`);
    }
    this.ring = new RingBuffer(capacity);
    this.last = startAfter;
  }

  append(event: EngineEvent): LoggedEvent {
    this.last += 1;
    const logged: LoggedEvent = { id: this.last, frame: eventFrame(this.last, event) };
    this.ring.push(logged);
    return logged;
  }

  /** The id of the newest event (`startAfter` before any). */
  get lastId(): number {
    return this.last;
  }

  /** The frames after `lastId`; a new client (`null`) gets none, only what comes next. */
  since(lastId: number | null): Backlog {
    if (lastId === null || lastId === this.last) return { kind: 'events', frames: [] };
    if (lastId > this.last) return { kind: 'reset', reason: 'unknown_id', lastId: this.last };
    const oldest = this.last - this.ring.size + 1;
    if (lastId < oldest - 1) return { kind: 'reset', reason: 'too_old', lastId: this.last };
    return { kind: 'events', frames: this.ring.slice(lastId - oldest + 1).map((e) => e.frame) };
  }
}
