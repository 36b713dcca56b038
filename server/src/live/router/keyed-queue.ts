/**
 * Runs jobs one at a time per key (per order), in the order they were queued; different keys run
 * concurrently. A job's failure does not stop the jobs queued after it.
 */
export class KeyedQueue {
  private readonly _tails = new Map<string, Promise<void>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const tail = this._tails.get(key) ?? Promise.resolve();
    const result = tail.then(job);
    const next = result.then(
      () => {},
      () => {},
    );
    this._tails.set(key, next);
    void next.then(() => {
      if (this._tails.get(key) === next) this._tails.delete(key);
    });
    return result;
  }

  /** Resolves once every queued job (including jobs queued meanwhile) has finished. */
  async idle(): Promise<void> {
    while (this._tails.size > 0) await Promise.all(this._tails.values());
  }
}
