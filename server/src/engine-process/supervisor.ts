// The engine as a supervised child process behind the HTTP API (DESIGN §8, §9): commands go to
// its stdin in order and under backpressure, answers are read from its stdout by block (see
// engine-answers.ts), every printed event goes to subscribers, and a crashed engine is restarted
// with backoff and recovers from its file WAL while the commands it left unanswered are settled.
import {
  ENGINE_BUNDLE,
  ENGINE_NODE_FLAGS,
  ensureEngineBundle,
} from '../../../scripts/build-engine.mjs';
import type { ExecReport } from '../live/venue-adapter';
import { AnswerTracker, type SentJob } from './engine-answers';
import {
  type CommandAck,
  type EngineEvent,
  type EngineLink,
  type EngineQuery,
  type EngineStatus,
  EngineUnavailableError,
  type OrderCommandFields,
} from './engine-link';
import { EngineChildProcess, type EngineCommandLine } from './supervisor-child';
import {
  ackFrom,
  ackFromState,
  type CancelJob,
  cancelLine,
  execLine,
  failJob,
  type Job,
  type OrderJob,
  orderLine,
  queryAnswer,
  queryLine,
  recoveryOf,
  type Settle,
  SYNC_LINE,
  tickLine,
} from './supervisor-jobs';
import {
  clientOrderIdGenerator,
  type EngineSupervisorOptions,
  engineOptions,
  REAL_TIMERS,
  SILENT_LOGGER,
  type SupervisorLogger,
  type SupervisorTimers,
} from './supervisor-options';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './supervisor-policy';

export {
  clientOrderIdGenerator,
  type EngineSupervisorOptions,
  type SupervisorLogger,
  type SupervisorTimers,
} from './supervisor-options';

/** Refused because too many commands already wait for the engine (HTTP 503 with Retry-After). */
export class EngineQueueFullError extends EngineUnavailableError {}

/** Characters of input written at once: bounds what sits in stdin's buffer beyond its mark. */
export const MAX_WRITE_CHARS = 64 * 1024;

/**
 * `EngineLink` over a supervised `engine --stdio` child.
 *
 * - Commands wait in one queue, bounded by `maxPending` callers' commands not yet answered; past
 *   it they are refused with `EngineQueueFullError`. They are written in batches, and only while
 *   stdin accepts (`write()` false → wait for 'drain'); each write ends with `QUERY ACCOUNT` so
 *   the last command's answer is complete without waiting for the next command.
 * - An answer resolves only once the engine printed it, which it does after the WAL write.
 * - While the engine restarts, commands wait in the same bounded queue; when the supervisor gives
 *   up (or stops), they fail with `EngineUnavailableError`.
 * - After a crash, commands left unanswered are settled on the new engine: an order is looked up
 *   by id (`QUERY ORDER`) and acknowledged from its state, or sent again once if the engine never
 *   journaled it (a resend can't place twice: duplicate ids are refused); cancels and queries are
 *   sent again; an EXEC or a tick fails (resending could apply a fill twice; a tick is stale).
 */
export class EngineSupervisor implements EngineLink {
  private readonly _o: EngineSupervisorOptions;
  private readonly _log: SupervisorLogger;
  private readonly _timers: SupervisorTimers;
  private readonly _policy: RestartPolicy;
  private readonly _newId: () => string;
  private readonly _maxPending: number;
  private readonly _listeners = new Set<(e: EngineEvent) => void>();
  private _engine: EngineCommandLine | null = null;
  private _status: EngineStatus = { state: 'starting' };
  private _child: EngineChildProcess | null = null;
  private _tracker: AnswerTracker | null = null;
  private _lineNo = 0;
  private _writable = false;
  private _upSince: number | null = null;
  private _queue: Job[] = [];
  private _pending = 0;
  private _pumpScheduled = false;
  private _restartTimer: unknown = null;
  private _stopping: Promise<void> | null = null;
  private _onStopped: (() => void) | null = null;
  private _started: Settle<void> | null = null;
  private _peakBuffered = 0;
  private _recovered = 0;
  private _resent = 0;

  constructor(options: EngineSupervisorOptions) {
    this._o = options;
    this._log = options.logger ?? SILENT_LOGGER;
    this._timers = options.timers ?? REAL_TIMERS;
    this._policy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, ...options.restart });
    this._newId = options.newClientOrderId ?? clientOrderIdGenerator();
    this._maxPending = options.maxPending ?? 10_000;
  }

  /** Starts the engine; resolves once it runs, rejects if it never does (the supervisor gave up). */
  start(): Promise<void> {
    if (this._engine !== null) throw new Error('EngineSupervisor.start called twice');
    if (this._o.engine === undefined) ensureEngineBundle();
    this._engine = this._o.engine ?? {
      command: process.execPath,
      args: [...ENGINE_NODE_FLAGS, ENGINE_BUNDLE],
    };
    const started = new Promise<void>((resolve, reject) => {
      this._started = { resolve, reject };
    });
    this._spawn();
    return started;
  }

  order(cmd: OrderCommandFields): Promise<CommandAck> {
    const id = cmd.clientOrderId ?? this._newId();
    return this._submit((settle) => ({
      kind: 'order',
      id,
      line: orderLine(cmd, id),
      resent: false,
      settle,
    }));
  }

  cancel(clientOrderId: string): Promise<CommandAck> {
    return this._submit((settle) => ({
      kind: 'cancel',
      id: clientOrderId,
      line: cancelLine(clientOrderId),
      settle,
    }));
  }

  query(q: EngineQuery): Promise<readonly EngineEvent[]> {
    return this._submit((settle) => ({ kind: 'query', query: q, line: queryLine(q), settle }));
  }

  exec(report: ExecReport): Promise<readonly EngineEvent[]> {
    return this._submit((settle) => ({
      kind: 'exec',
      id: report.clientOrderId,
      line: execLine(report),
      settle,
    }));
  }

  /** A price tick for the simulated venue; resolves with the events it caused (fills...). */
  tick(symbol: string, price: number): Promise<readonly EngineEvent[]> {
    return this._submit((settle) => ({
      kind: 'tick',
      symbol,
      line: tickLine(symbol, price),
      settle,
    }));
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  status(): EngineStatus {
    return this._status;
  }

  /** Queue figures (for metrics and tests). */
  stats(): {
    readonly pending: number;
    readonly queued: number;
    readonly inFlight: number;
    readonly stdinBuffered: number;
    readonly peakStdinBuffered: number;
    /** Commands a crash left unanswered, settled through recovery (all restarts). */
    readonly recovered: number;
    /** Of those, orders the new engine did not have, sent again. */
    readonly resent: number;
  } {
    return {
      pending: this._pending,
      queued: this._queue.length,
      inFlight: this._tracker?.inFlight ?? 0,
      stdinBuffered: this._child?.buffered ?? 0,
      peakStdinBuffered: this._peakBuffered,
      recovered: this._recovered,
      resent: this._resent,
    };
  }

  /**
   * Stops the engine: new commands are refused, queued ones fail, stdin is closed so the engine
   * answers what it has read and exits; SIGTERM after `stopTimeoutMs`, SIGKILL after as long again.
   */
  stop(): Promise<void> {
    if (this._stopping !== null) return this._stopping;
    this._stopping = new Promise<void>((resolve) => {
      this._onStopped = resolve;
    });
    if (this._restartTimer !== null) this._timers.clearTimeout(this._restartTimer);
    this._restartTimer = null;
    this._failQueued(new EngineUnavailableError('engine stopping'));
    const child = this._child;
    if (child === null) {
      this._finishStop();
    } else {
      this._writable = false;
      child.endInput();
      const wait = this._o.stopTimeoutMs ?? 5_000;
      const term = setTimeout(() => {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), wait);
        void this._stopping?.then(() => clearTimeout(kill));
      }, wait);
      void this._stopping.then(() => clearTimeout(term));
    }
    return this._stopping;
  }

  // --- commands in ---

  private _submit<T>(make: (settle: Settle<T>) => Job): Promise<T> {
    if (this._stopping !== null || this._status.state === 'stopped') {
      const why = this._status.state === 'stopped' ? this._status.reason : undefined;
      return Promise.reject(new EngineUnavailableError(why ?? 'engine stopped'));
    }
    if (this._pending >= this._maxPending) {
      return Promise.reject(
        new EngineQueueFullError(
          `engine busy: ${this._pending} commands waiting (limit ${this._maxPending})`,
        ),
      );
    }
    let resolve: (v: T) => void = () => {};
    let reject: (e: Error) => void = () => {};
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    let open = true;
    const close = (): void => {
      if (open) this._pending--;
      open = false;
    };
    const settle: Settle<T> = {
      resolve: (v) => {
        close();
        resolve(v);
      },
      reject: (e) => {
        close();
        reject(e);
      },
    };
    let job: Job;
    try {
      job = make(settle);
    } catch (e) {
      return Promise.reject(e); // an id or symbol that can't go on a line
    }
    this._pending++;
    this._enqueue([job], false);
    return promise;
  }

  private _enqueue(jobs: readonly Job[], front: boolean): void {
    // Appending is the common case: push, never copy the queue per command.
    if (front) this._queue = [...jobs, ...this._queue];
    else for (const job of jobs) this._queue.push(job);
    if (this._pumpScheduled) return;
    this._pumpScheduled = true;
    // A burst of calls in one turn goes out as one write.
    queueMicrotask(() => {
      this._pumpScheduled = false;
      this._pump();
    });
  }

  private _pump(): void {
    const child = this._child;
    const tracker = this._tracker;
    if (child === null || tracker === null || !this._writable || this._status.state !== 'running')
      return;
    let at = 0;
    while (at < this._queue.length) {
      let text = '';
      while (at < this._queue.length && text.length < MAX_WRITE_CHARS) {
        const job = this._queue[at++] as Job;
        text += `${job.line}\n`;
        tracker.sent(job, ++this._lineNo);
      }
      if (at === this._queue.length) {
        text += `${SYNC_LINE}\n`;
        tracker.sent({ kind: 'sync', line: SYNC_LINE }, ++this._lineNo);
      }
      const flowing = child.write(text);
      this._peakBuffered = Math.max(this._peakBuffered, child.buffered);
      if (!flowing) {
        this._writable = false;
        break;
      }
    }
    this._queue = this._queue.slice(at);
  }

  private _failQueued(error: Error): void {
    const jobs = this._queue;
    this._queue = [];
    for (const job of jobs) failJob(job, error);
  }

  // --- the child ---

  private _spawn(): void {
    const tracker = new AnswerTracker((sent, block) => this._onBlock(sent, block));
    this._tracker = tracker;
    this._lineNo = 0;
    this._upSince = null;
    let desynced = false;
    const child: EngineChildProcess = new EngineChildProcess(
      this._engine as EngineCommandLine,
      engineOptions(this._o),
      {
        onEvent: (e) => {
          if (e.type === 'engine_started') this._onStarted(child, e);
          const verdict = desynced ? 'publish' : tracker.onEvent(e);
          if (verdict === 'publish') this._publish(e);
          else if (typeof verdict === 'object') {
            // Answers can no longer be trusted: restart, and settle everything through recovery.
            desynced = true;
            this._log.error(`supervisor: ${verdict.desync}; killing the engine`);
            child.kill('SIGKILL');
            this._publish(e);
          }
        },
        onStderr: (line) => this._log.warn(`engine: ${line}`),
        onDrain: () => {
          if (this._child !== child) return;
          this._writable = true;
          this._pump();
        },
        onClose: (exit) => this._onClose(child, exit),
      },
    );
    this._child = child;
  }

  private _onStarted(child: EngineChildProcess, e: EngineEvent): void {
    const now = this._timers.now();
    this._upSince = now;
    this._status = { state: 'running', pid: child.pid as number, since: now };
    this._writable = this._stopping === null;
    this._log.info(
      `supervisor: engine ${child.pid} running (recovered orders: ${String(e.recovered_orders)})`,
    );
    this._started?.resolve();
    this._started = null;
    this._pump();
  }

  private _onClose(child: EngineChildProcess, exit: string): void {
    if (this._child !== child) return;
    this._child = null;
    this._writable = false;
    const lost = this._tracker?.takeUnanswered() ?? [];
    this._tracker = null;
    if (this._stopping !== null) {
      const error = new EngineUnavailableError(
        'engine stopped before answering (query the order after a restart)',
      );
      for (const job of lost) failJob(job, error);
      this._finishStop();
      return;
    }
    this._log.warn(
      `supervisor: engine ${child.pid} died (${exit}), ${lost.length} commands unanswered`,
    );
    this._recovered += lost.filter((j) => j.kind !== 'sync').length;
    this._enqueue(lost.flatMap(recoveryOf), true);
    const decision = this._policy.onCrash(this._timers.now(), this._upSince, exit);
    if (decision.action === 'give_up') {
      this._log.error(`supervisor: giving up: ${decision.reason}`);
      this._status = { state: 'stopped', reason: decision.reason };
      this._failQueued(new EngineUnavailableError(decision.reason));
      this._started?.reject(new EngineUnavailableError(decision.reason));
      this._started = null;
      return;
    }
    this._status = { state: 'restarting', attempt: decision.attempt, lastExit: exit };
    this._restartTimer = this._timers.setTimeout(() => {
      this._restartTimer = null;
      this._spawn();
    }, decision.delayMs);
  }

  private _finishStop(): void {
    this._status = { state: 'stopped' };
    this._started?.reject(new EngineUnavailableError('engine stopped'));
    this._started = null;
    this._onStopped?.();
  }

  // --- answers out ---

  private _publish(e: EngineEvent): void {
    for (const listener of this._listeners) {
      try {
        listener(e);
      } catch (err) {
        this._log.error(`supervisor: a subscriber threw: ${(err as Error).message}`);
      }
    }
  }

  private _onBlock({ job }: SentJob, block: readonly EngineEvent[]): void {
    switch (job.kind) {
      case 'order':
      case 'cancel': {
        const ack = ackFrom(job.id, block);
        // No update in the block (a cancel the venue has yet to confirm): read the order's state.
        if (ack === null)
          this._enqueue([{ kind: 'probe', target: job, line: queryLine({ order: job.id }) }], true);
        else job.settle.resolve(ack);
        return;
      }
      case 'query':
        return job.settle.resolve(queryAnswer(job.query, block));
      case 'exec':
        return job.settle.resolve(block[0]?.type === 'error' ? block : block.slice(1));
      case 'tick':
        return job.settle.resolve(block);
      case 'sync':
        return;
      case 'probe':
        return this._onProbe(job.target, block);
    }
  }

  private _onProbe(target: OrderJob | CancelJob, block: readonly EngineEvent[]): void {
    const [answer] = queryAnswer({ order: target.id }, block);
    if (answer?.type === 'order_state')
      return target.settle.resolve(ackFromState(target.id, answer));
    if (target.kind === 'cancel') {
      return target.settle.resolve({
        clientOrderId: target.id,
        status: 'REJECTED',
        reason: 'unknown client_order_id',
      });
    }
    // The engine never journaled the order: send it again, once.
    if (!target.resent) {
      this._resent++;
      this._enqueue([{ ...target, resent: true }], true);
    } else {
      target.settle.reject(
        new EngineUnavailableError(
          `order ${target.id} was not placed: the engine restarted twice before answering`,
        ),
      );
    }
  }
}
