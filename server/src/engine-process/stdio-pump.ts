import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import {
  type Clock,
  type Engine,
  type LineSession,
  MAX_LINE_BYTES,
  type StateEvent,
} from '../../../engine-core/src';

/**
 * Output the pump lets stdout buffer before it stops reading input until the reader catches up.
 * A batch (one 64 KiB chunk of input) prints ~1.5 MiB; waiting for 'drain' after each, as the
 * stream's 16 KiB high-water mark would have it, left the engine idle while the reader caught up.
 */
const MAX_PENDING_OUTPUT = 8 * 1024 * 1024;

/** Where a batch's state events become durable; null runs without a WAL. */
export interface Journal {
  stage(events: readonly StateEvent[]): void;
  flush(): Promise<void>;
  maybeCompact(state: Engine['state']): Promise<unknown>;
}

/** Wiring of a pump. */
export interface StdioPumpOptions {
  readonly session: LineSession;
  readonly engine: Engine;
  readonly clock: Clock;
  readonly journal: Journal | null;
  readonly output: Writable;
  /** The WAL or stdout failed: nothing more may be acknowledged. */
  readonly onFatal: (message: string) => void;
}

/**
 * Moves lines from stdin through the session to stdout in batches: one chunk of input is handled,
 * its state events are journaled (one fsync), then its output is written as one buffer, honouring
 * stdout backpressure by pausing stdin once more than `MAX_PENDING_OUTPUT` bytes are waiting.
 * Venue reports that fall due later are polled on a timer.
 */
export class StdioPump {
  private _chain: Promise<void> = Promise.resolve();
  private _carry = '';
  private _skipping = false;
  private _lineNo = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _closed = false;

  constructor(private readonly _o: StdioPumpOptions) {}

  /** Starts reading `input`; `onEnd` runs at EOF after the last batch is out. */
  run(input: Readable, onEnd: () => void): void {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      input.pause();
      this._consume(chunk);
      void this.flush().then(() => {
        if (!this._closed) input.resume();
      });
    });
    input.on('end', () => {
      if (this._carry !== '') this._handle(this._carry);
      this._carry = '';
      void this.flush().then(onEnd);
    });
  }

  /** Journals and prints everything produced so far; resolves when it is out. */
  flush(): Promise<void> {
    this._chain = this._chain.then(() => this._flushNow());
    return this._chain;
  }

  /** Stops polling and input, then flushes what is left. */
  async close(): Promise<void> {
    this._closed = true;
    if (this._timer !== null) clearTimeout(this._timer);
    await this.flush();
  }

  private _consume(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (this._skipping) {
        // The rest of an over-long line: already reported.
        this._skipping = false;
        this._lineNo++;
        continue;
      }
      this._handle(this._carry === '' ? piece : this._carry + piece);
      this._carry = '';
    }
    if (start < chunk.length && !this._skipping) {
      this._carry += chunk.slice(start);
      if (this._carry.length > MAX_LINE_BYTES) {
        // Don't buffer an endless line: report it now and drop the rest up to its newline.
        this._lineNo++;
        this._o.session.addError('line too long', this._lineNo, this._carry.slice(0, 200));
        this._skipping = true;
        this._carry = '';
      }
    }
  }

  private _handle(raw: string): void {
    this._lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    try {
      this._o.session.handleLine(line, this._lineNo);
    } catch (e) {
      // A bug, not bad input: report it and keep serving (state changes are journaled per event).
      this._o.session.addError(`internal error: ${(e as Error).message}`, this._lineNo, line);
    }
  }

  private async _flushNow(): Promise<void> {
    const { bytes, stateEvents: state } = this._o.session.takeOutput();
    if (bytes.length === 0 && state.length === 0) return this._schedulePoll();
    const journal = this._o.journal;
    if (journal !== null && state.length > 0) {
      try {
        journal.stage(state);
        await journal.flush();
        await journal.maybeCompact(this._o.engine.state);
      } catch (e) {
        this._o.onFatal(`WAL write failed, stopping before acknowledging: ${(e as Error).message}`);
        return;
      }
    }
    const out = this._o.output;
    if (bytes.length > 0) {
      const flowing = out.write(bytes, () => this._o.session.releaseOutput(bytes));
      if (!flowing && out.writableLength > MAX_PENDING_OUTPUT) await once(out, 'drain');
    }
    this._schedulePoll();
  }

  private _schedulePoll(): void {
    if (this._closed || this._timer !== null) return;
    const due = this._o.engine.nextDueTs();
    if (due === null) return;
    const wait = Math.max(0, due - this._o.clock.now());
    this._timer = setTimeout(() => {
      this._timer = null;
      this._o.session.poll();
      void this.flush();
    }, wait);
  }
}
