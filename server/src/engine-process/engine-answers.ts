// Correlates the engine's output with the commands sent. The engine reads lines in order and
// prints, for each, its echo (or the `error` of a bad line) before anything it caused, so the
// output is a sequence of blocks: one command's echo up to the next command's echo. Reports that
// fall due between commands land in the block before them; answers are read by type and id, so
// they don't get in the way. A block is complete only when the next echo arrives: the supervisor
// ends each write with a cheap `sync` query so that the last command's block closes too.
import type { EngineEvent } from './engine-link';
import { headMatches, isHead, type Job } from './supervisor-jobs';

/** A job and the input line number it went out as (the engine counts lines from 1). */
export interface SentJob {
  readonly job: Job;
  readonly lineNo: number;
}

interface OpenBlock {
  readonly sent: SentJob;
  readonly events: EngineEvent[];
  /** The bookkeeping answer of a `sync` or `probe` was already held back from subscribers. */
  answerHidden: boolean;
}

/** What became of one printed event. */
export type EventVerdict = 'publish' | 'hide' | { readonly desync: string };

/**
 * Splits the engine's events into blocks, hands each closed block to `onBlock`, and says which
 * events subscribers see: all, except the echo and answer of the supervisor's own queries (a
 * probe's `order_state` is shown: it is the state of an order whose events a crash may have cut).
 */
export class AnswerTracker {
  private _awaiting: SentJob[] = [];
  private _head = 0;
  private _open: OpenBlock | null = null;

  constructor(private readonly _onBlock: (sent: SentJob, block: readonly EngineEvent[]) => void) {}

  /** Jobs sent whose block has not closed yet. */
  get inFlight(): number {
    return this._awaiting.length - this._head + (this._open === null ? 0 : 1);
  }

  /** Records a job written to the engine as line `lineNo`. */
  sent(job: Job, lineNo: number): void {
    this._awaiting.push({ job, lineNo });
  }

  /** Takes one printed event (in order). */
  onEvent(e: EngineEvent): EventVerdict {
    const open = this._open;
    if (isHead(e) && !(e.type === 'error' && open !== null && e.line === open.sent.lineNo)) {
      const next = this._awaiting[this._head];
      if (next === undefined || !headMatches(next.job, next.lineNo, e)) {
        const expected = next === undefined ? 'nothing' : `line ${next.lineNo} (${next.job.kind})`;
        return { desync: `engine printed ${JSON.stringify(e)} while expecting ${expected}` };
      }
      this._awaiting[this._head++] = undefined as unknown as SentJob;
      if (this._head > 1024 && this._head * 2 > this._awaiting.length) this._compact();
      if (open !== null) this._onBlock(open.sent, open.events);
      this._open = { sent: next, events: [e], answerHidden: false };
      return isBookkeeping(next.job) && e.type !== 'error' ? 'hide' : 'publish';
    }
    if (open === null) return 'publish'; // engine_started and the deposits, before any command
    open.events.push(e);
    if (!open.answerHidden && hidesAnswer(open.sent.job, e)) {
      open.answerHidden = true;
      return 'hide';
    }
    return 'publish';
  }

  /**
   * The engine is gone: returns every job whose block did not close, in the order sent. The
   * block open at the end counts as unanswered: the crash may have cut the lines after it.
   */
  takeUnanswered(): Job[] {
    const out: Job[] = [];
    if (this._open !== null) out.push(this._open.sent.job);
    for (let i = this._head; i < this._awaiting.length; i++)
      out.push((this._awaiting[i] as SentJob).job);
    this._open = null;
    this._awaiting = [];
    this._head = 0;
    return out;
  }

  private _compact(): void {
    this._awaiting = this._awaiting.slice(this._head);
    this._head = 0;
  }
}

const isBookkeeping = (job: Job): boolean => job.kind === 'sync' || job.kind === 'probe';

function hidesAnswer(job: Job, e: EngineEvent): boolean {
  if (job.kind === 'sync') return e.type === 'account';
  // A probe's "unknown client_order_id" only means the order is sent again.
  if (job.kind === 'probe') return e.type === 'error' && e.client_order_id === job.target.id;
  return false;
}
