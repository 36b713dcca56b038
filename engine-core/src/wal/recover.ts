import { applyEvent } from '../engine/apply-event';
import type { EngineState } from '../engine/engine-state';
import { deserializeState } from '../engine/state-codec';
import { err, InvariantError, ok, type Result } from '../util';
import type { WalContents } from './wal-store';

/** State rebuilt from a WAL, and the seq of the last record it includes (0 for an empty WAL). */
export interface RecoveredState {
  readonly state: EngineState;
  readonly lastSeq: number;
}

/**
 * Rebuilds engine state: the snapshot (or `fresh()` when there is none) plus every later record
 * folded through `applyEvent`. Records must continue the snapshot's seq without gaps or repeats.
 * Fails, naming the seq, on a bad snapshot, a gap, a repeat, or an event the reducer refuses
 * (`InvariantError`); other exceptions are bugs and propagate.
 */
export function recoverState(
  contents: WalContents,
  fresh: () => EngineState,
): Result<RecoveredState, string> {
  let state: EngineState;
  let lastSeq: number;
  if (contents.snapshot === null) {
    state = fresh();
    lastSeq = 0;
  } else {
    const s = deserializeState(contents.snapshot.state);
    if (!s.ok) return err(`snapshot at seq ${contents.snapshot.seq}: ${s.error}`);
    state = s.value;
    lastSeq = contents.snapshot.seq;
  }
  for (const r of contents.records) {
    if (r.seq !== lastSeq + 1) {
      const what =
        r.seq > lastSeq + 1
          ? `gap: seq ${lastSeq + 1}${r.seq > lastSeq + 2 ? `..${r.seq - 1}` : ''} missing before seq ${r.seq}`
          : `seq ${r.seq} repeated or out of order after seq ${lastSeq}`;
      return err(`WAL ${what}`);
    }
    try {
      applyEvent(state, r.event);
    } catch (e) {
      if (!(e instanceof InvariantError)) throw e;
      return err(`WAL record seq ${r.seq} (${r.event.type}) cannot be applied: ${e.message}`);
    }
    lastSeq = r.seq;
  }
  return ok({ state, lastSeq });
}
