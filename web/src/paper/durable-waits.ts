/** A condition a command waits for. */
interface Waiter {
  readonly holds: () => boolean;
  readonly done: (held: boolean) => void;
}

/**
 * Conditions commands wait for before they answer (a cancelled order's end, say), released at
 * the moments the host knows everything applied is durable: the condition and the journal agree.
 */
export class DurableWaits {
  private _waiters: Waiter[] = [];

  get size(): number {
    return this._waiters.length;
  }

  /** Resolves true once `holds()` at a durable moment; false when the waits are dropped. */
  wait(holds: () => boolean): Promise<boolean> {
    return new Promise((done) => {
      this._waiters.push({ holds, done });
    });
  }

  /** A durable moment: releases the waits whose condition holds. */
  check(): void {
    if (this._waiters.length === 0) return;
    const waiting: Waiter[] = [];
    for (const w of this._waiters) {
      if (w.holds()) w.done(true);
      else waiting.push(w);
    }
    this._waiters = waiting;
  }

  /** The session they wait on is gone: every wait answers false. */
  drop(): void {
    for (const w of this._waiters.splice(0)) w.done(false);
  }
}
