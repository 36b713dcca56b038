/**
 * A binary min-heap of wake-ups keyed by (time, insertion order): the scheduler's timer queue.
 * Entries live in parallel arrays (no object per entry). An entry carries a `token`; the owner
 * invalidates a wake-up by bumping its own token instead of searching the heap (lazy deletion),
 * so rescheduling is O(log n) and popping skips stale entries.
 */
export class TimerHeap {
  private _time: number[] = [];
  private _seq: number[] = [];
  private _slot: number[] = [];
  private _token: number[] = [];
  private _nextSeq = 0;

  /** Entries held, stale ones included. */
  get size(): number {
    return this._time.length;
  }

  /** Adds a wake-up of `slot` at `time`, valid while the slot's token is `token`. */
  push(time: number, slot: number, token: number): void {
    let i = this._time.length;
    const seq = this._nextSeq++;
    this._time.push(time);
    this._seq.push(seq);
    this._slot.push(slot);
    this._token.push(token);
    // Sift up.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this._less(time, seq, p)) break;
      this._move(p, i);
      i = p;
    }
    this._set(i, time, seq, slot, token);
  }

  /** Time of the earliest entry (possibly stale), or null when empty. */
  peekTime(): number | null {
    return this._time.length === 0 ? null : (this._time[0] as number);
  }

  /** Slot of the earliest entry; call only when `size > 0`. */
  peekSlot(): number {
    return this._slot[0] as number;
  }

  /** Token of the earliest entry; call only when `size > 0`. */
  peekToken(): number {
    return this._token[0] as number;
  }

  /** Removes the earliest entry. */
  pop(): void {
    const n = this._time.length - 1;
    if (n < 0) return;
    const time = this._time[n] as number;
    const seq = this._seq[n] as number;
    const slot = this._slot[n] as number;
    const token = this._token[n] as number;
    this._time.length = n;
    this._seq.length = n;
    this._slot.length = n;
    this._token.length = n;
    if (n === 0) return;
    // Sift the last entry down from the root.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this._lessAt(r, l) ? r : l;
      if (!this._lessAtKey(c, time, seq)) break;
      this._move(c, i);
      i = c;
    }
    this._set(i, time, seq, slot, token);
  }

  private _less(time: number, seq: number, j: number): boolean {
    const tj = this._time[j] as number;
    return time < tj || (time === tj && seq < (this._seq[j] as number));
  }

  private _lessAt(i: number, j: number): boolean {
    return this._less(this._time[i] as number, this._seq[i] as number, j);
  }

  /** Entry `i` sorts before the key (time, seq). */
  private _lessAtKey(i: number, time: number, seq: number): boolean {
    const ti = this._time[i] as number;
    return ti < time || (ti === time && (this._seq[i] as number) < seq);
  }

  private _move(from: number, to: number): void {
    this._time[to] = this._time[from] as number;
    this._seq[to] = this._seq[from] as number;
    this._slot[to] = this._slot[from] as number;
    this._token[to] = this._token[from] as number;
  }

  private _set(i: number, time: number, seq: number, slot: number, token: number): void {
    this._time[i] = time;
    this._seq[i] = seq;
    this._slot[i] = slot;
    this._token[i] = token;
  }
}
