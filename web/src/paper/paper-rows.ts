import type { EngineState } from '../../../engine-core/src/engine';
import type { EngineEvent } from '../../../engine-core/src/model';
import type { WalContents } from '../../../engine-core/src/wal';
import type { PaperFill, PaperLogLine } from './paper-api';
import { fillRow, MAX_FILLS, pushCapped, recoveredFills } from './paper-fills';
import { logLines, MAX_LOG_LINES } from './paper-log';

/** The fills and log panes' rows: added as events happen, rebuilt when an account is recovered. */
export class PaperRows {
  fills: PaperFill[] = [];
  log: PaperLogLine[] = [];

  /** Rows of engine events (fills, and the events the log keeps). */
  add(events: readonly EngineEvent[]): void {
    if (events.length === 0) return;
    const fills: PaperFill[] = [];
    for (const e of events) {
      const f = fillRow(e);
      if (f !== null) fills.push(f);
    }
    if (fills.length > 0) pushCapped(this.fills, fills, MAX_FILLS);
    const lines = logLines(events);
    if (lines.length > 0) pushCapped(this.log, lines, MAX_LOG_LINES);
  }

  /** A line of the session's own ('session', 'strategy', 'feed'). */
  note(ts: number, kind: string, text: string): void {
    pushCapped(this.log, [{ ts, kind, text }], MAX_LOG_LINES);
  }

  /** Rows of a recovered account: its fills and the WAL tail's log lines, then a summary line. */
  recover(state: Readonly<EngineState>, loaded: WalContents | null, seq: number, ts: number): void {
    const tail = loaded?.records ?? [];
    this.fills = recoveredFills(state, tail, MAX_FILLS);
    this.log = logLines(tail.map((r) => r.event)).slice(-(MAX_LOG_LINES - 1));
    const orders = state.orders.size;
    const snapshot = loaded?.snapshot ? ` (snapshot at ${loaded.snapshot.seq})` : '';
    this.note(
      ts,
      'session',
      seq === 0
        ? 'new paper account'
        : `account recovered: ${orders} order${orders === 1 ? '' : 's'}, ${state.openOrders.size} open, WAL at seq ${seq}${snapshot}`,
    );
  }

  clear(): void {
    this.fills = [];
    this.log = [];
  }
}
