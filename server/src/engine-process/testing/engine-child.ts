import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '..', 'stdio-main.ts');

/** A wire event as printed by the engine. */
export type WireEvent = Record<string, unknown> & { type: string };

/** An `engine --stdio` child process for tests: send lines, await events. */
export class EngineChild {
  readonly events: WireEvent[] = [];
  readonly rawLines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly _child: ChildProcessWithoutNullStreams;
  private _carry = '';
  private _waiters: Array<() => void> = [];

  constructor(args: readonly string[]) {
    this._child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--stdio', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this._child.stdout.setEncoding('utf8');
    this._child.stdout.on('data', (chunk: string) => {
      const parts = (this._carry + chunk).split('\n');
      this._carry = parts.pop() as string;
      for (const p of parts) {
        this.rawLines.push(p);
        this.events.push(JSON.parse(p) as WireEvent);
      }
      for (const w of this._waiters.splice(0)) w();
    });
    this._child.stderr.setEncoding('utf8');
    this._child.stderr.on('data', (c: string) => {
      this.stderr += c;
    });
    this.exited = new Promise((resolve) =>
      this._child.on('exit', (code, signal) => {
        for (const w of this._waiters.splice(0)) w();
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    return this._child.pid as number;
  }

  /** Writes lines to stdin. */
  send(...lines: string[]): void {
    this._child.stdin.write(`${lines.join('\n')}\n`);
  }

  /** Closes stdin (EOF). */
  end(): void {
    this._child.stdin.end();
  }

  kill(signal: NodeJS.Signals): void {
    this._child.kill(signal);
  }

  /** Resolves with the first event (from index `from`) matching `pred`; rejects after `ms`. */
  async waitFor(pred: (e: WireEvent) => boolean, ms = 15_000, from = 0): Promise<WireEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting; last events: ${JSON.stringify(this.events.slice(-3))}; stderr: ${this.stderr}`,
        );
      }
      await new Promise<void>((r) => {
        this._waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
}
