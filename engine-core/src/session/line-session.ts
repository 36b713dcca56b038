import type { Clock } from '../clock';
import type { Engine } from '../engine';
import { type EngineEvent, isStateEvent, type StateEvent } from '../model';
import {
  encodeWire,
  type OrderLookup,
  parseCommand,
  WireWriter,
  writeError,
  writeEvent,
  writeReceived,
} from '../protocol';

/** What a batch of input produced: wire lines to print and state events to journal first. */
export interface SessionBatch {
  readonly lines: string[];
  readonly stateEvents: StateEvent[];
}

/** A batch as the host prints it: the lines as UTF-8 bytes, each ending in a newline. */
export interface SessionOutput {
  readonly bytes: Uint8Array;
  readonly stateEvents: StateEvent[];
}

/** Options of a `LineSession`. */
export interface LineSessionOptions {
  /**
   * Collect each batch's state events for a journal (default true). A host without a WAL turns
   * this off: the events would only be held, and copied by the GC, until the batch is printed.
   */
  readonly collectStateEvents?: boolean;
}

/**
 * The engine behind the line protocol (DESIGN §8): a line in, NDJSON lines out. Bad input becomes
 * an `error` line naming the line number and never reaches the engine. Output is batched so the
 * host can make the batch's state events durable before printing any of it; it is written as
 * bytes straight away (see `WireWriter`), ready for stdout.
 */
export class LineSession {
  private readonly _out = new WireWriter();
  private _state: StateEvent[] = [];
  private readonly _lookup: OrderLookup;
  private readonly _collect: boolean;

  constructor(
    private readonly _engine: Engine,
    private readonly _clock: Clock,
    options: LineSessionOptions = {},
  ) {
    this._lookup = (id) => _engine.state.orders.get(id);
    this._collect = options.collectStateEvents ?? true;
  }

  /** Handles one input line (1-based `lineNo` for error messages). */
  handleLine(line: string, lineNo: number): void {
    const parsed = parseCommand(line);
    if (!parsed.ok) {
      writeError(this._out, parsed.error, lineNo, line, this._clock.now());
      return;
    }
    if (parsed.value === null) return;
    writeReceived(this._out, parsed.value, this._clock.now());
    this._take(this._engine.handle(parsed.value));
  }

  /** Delivers venue reports that are due now. */
  poll(): void {
    this._take(this._engine.poll());
  }

  /** Adds events produced outside a command (initial deposits). */
  addEvents(events: readonly EngineEvent[]): void {
    this._take(events);
  }

  /** Adds a raw wire line (engine_started and the like). */
  addWire(type: string, tsMs: number | null, fields: Record<string, unknown>): void {
    this._out.line(encodeWire(type, tsMs, fields));
  }

  /** Adds an `error` line for input the session never saw (over-long lines, internal faults). */
  addError(message: string, lineNo: number | null, input: string | null): void {
    writeError(this._out, message, lineNo, input, this._clock.now());
  }

  /** Returns and clears what was produced since the last call, as bytes (for stdout). */
  takeOutput(): SessionOutput {
    const batch = { bytes: this._out.take(), stateEvents: this._state };
    this._state = [];
    return batch;
  }

  /** Gives back the bytes of an earlier `takeOutput` once they are written, for reuse. */
  releaseOutput(bytes: Uint8Array): void {
    this._out.release(bytes);
  }

  /** Returns and clears what was produced since the last call, as lines (tests and tools). */
  takeBatch(): SessionBatch {
    const batch = { lines: this._out.takeLines(), stateEvents: this._state };
    this._state = [];
    return batch;
  }

  private _take(events: readonly EngineEvent[]): void {
    for (const e of events) {
      if (this._collect && isStateEvent(e)) this._state.push(e);
      writeEvent(this._out, e, this._lookup);
    }
  }
}
