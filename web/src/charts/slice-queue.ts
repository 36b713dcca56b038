/**
 * Runs chart work one task per macrotask, in order, so that setting 500 000 rows on several
 * series never blocks the page in one piece: the browser paints and handles input between
 * tasks. A task can be dropped before it runs (its effect was cleaned up).
 */
export class SliceQueue {
  private _tasks: { readonly run: () => void; live: boolean }[] = [];
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _disposed = false;

  /** Queues `run`; the returned function drops it if it has not run yet. */
  add(run: () => void): () => void {
    const task = { run, live: true };
    if (this._disposed) return () => {};
    this._tasks.push(task);
    this._schedule();
    return () => {
      task.live = false;
    };
  }

  /** Drops every pending task; nothing runs after this. */
  dispose(): void {
    this._disposed = true;
    this._tasks = [];
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }

  private _schedule(): void {
    if (this._timer === null && !this._disposed) this._timer = setTimeout(this._step, 0);
  }

  private readonly _step = (): void => {
    this._timer = null;
    let task = this._tasks.shift();
    while (task !== undefined && !task.live) task = this._tasks.shift();
    if (task !== undefined) {
      try {
        task.run();
      } catch (e) {
        console.error('VeloZ chart:', e);
      }
    }
    if (this._tasks.length > 0) this._schedule();
  };
}
