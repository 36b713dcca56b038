// One engine child process: lines in on stdin, NDJSON events out on stdout, log lines on stderr.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import type { EngineEvent } from './engine-link';

/** How to start the engine: a program and its arguments (the `--stdio …` options follow). */
export interface EngineCommandLine {
  readonly command: string;
  readonly args: readonly string[];
}

/** What a child reports. Every callback runs on the event loop, in the order things happened. */
export interface ChildHandlers {
  readonly onEvent: (e: EngineEvent) => void;
  readonly onStderr: (line: string) => void;
  /** stdin took what was buffered: writing may go on. */
  readonly onDrain: () => void;
  /** The process is gone and its stdout was read to the end. Called once. */
  readonly onClose: (exit: string) => void;
}

/** A running engine process. */
export class EngineChildProcess {
  private readonly _child: ChildProcessWithoutNullStreams;
  private _outCarry = '';
  private _errCarry = '';
  private _closed = false;

  constructor(cmd: EngineCommandLine, options: readonly string[], h: ChildHandlers) {
    this._child = spawn(cmd.command, [...cmd.args, '--stdio', ...options], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const child = this._child;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (this._outCarry + chunk).split('\n');
      // A last piece without its newline waits for the rest; at the end it was cut by a crash.
      this._outCarry = parts.pop() as string;
      for (const p of parts) {
        let e: EngineEvent;
        try {
          e = JSON.parse(p) as EngineEvent;
        } catch {
          h.onStderr(`supervisor: unparsable stdout line: ${p.slice(0, 200)}`);
          continue;
        }
        h.onEvent(e);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const parts = (this._errCarry + chunk).split('\n');
      this._errCarry = parts.pop() as string;
      for (const p of parts) if (p !== '') h.onStderr(p);
    });
    child.stdin.on('drain', h.onDrain);
    // EPIPE when the child dies with input pending: the exit is handled by 'close'.
    child.stdin.on('error', () => {});
    const close = (exit: string) => {
      if (this._closed) return;
      this._closed = true;
      if (this._errCarry !== '') h.onStderr(this._errCarry);
      h.onClose(exit);
    };
    child.on('error', (e) => {
      // Failed to spawn (no 'close' follows then) or to signal (the process may live on).
      if (child.pid === undefined) close(`spawn failed: ${e.message}`);
    });
    child.on('close', (code, signal) =>
      close(signal !== null ? `signal ${signal}` : `exit code ${code}`),
    );
  }

  /** The process id (undefined when the spawn failed). */
  get pid(): number | undefined {
    return this._child.pid;
  }

  /** Bytes written to stdin that the pipe has not taken yet. */
  get buffered(): number {
    return this._child.stdin.writableLength;
  }

  /** Writes to stdin; false means wait for `onDrain` before writing more. */
  write(text: string): boolean {
    return this._child.stdin.write(text);
  }

  /** Closes stdin: the engine handles what it has read, prints `engine_stopped` and exits. */
  endInput(): void {
    this._child.stdin.end();
  }

  /** Sends a signal; false when the process is already gone. */
  kill(signal: NodeJS.Signals): boolean {
    return this._closed ? false : this._child.kill(signal);
  }
}
