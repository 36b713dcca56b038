/**
 * The maximum (or minimum) of the last `window` values of a stream, O(1) amortized per push and no
 * allocation: a monotonic deque of (value, sequence number) pairs kept in two ring buffers of
 * `window` slots. Each value enters once and leaves once; values that can never again be the
 * extreme (an older one dominated by a newer one) are dropped from the back.
 */
export class MonotonicDeque {
  private readonly _values: Float64Array;
  /** Sequence numbers (exact integers up to 2^53 in a Float64Array). */
  private readonly _seqs: Float64Array;
  private _head = 0;
  private _size = 0;
  private _seq = 0;

  /** `kind` `'max'` keeps the window's maximum, `'min'` its minimum. */
  constructor(
    readonly window: number,
    readonly kind: 'max' | 'min',
  ) {
    this._values = new Float64Array(window);
    this._seqs = new Float64Array(window);
  }

  /** Adds a value, drops the one that leaves the window, and returns the window's extreme. */
  push(x: number): number {
    const cap = this.window;
    const seq = this._seq++;
    // Expire from the front: at most one per push, since one value enters per push.
    if (this._size > 0 && (this._seqs[this._head] as number) <= seq - cap) {
      this._head = this._head + 1 === cap ? 0 : this._head + 1;
      this._size--;
    }
    // Drop dominated values from the back (ties too: the newer one lives longer).
    const isMax = this.kind === 'max';
    while (this._size > 0) {
      let back = this._head + this._size - 1;
      if (back >= cap) back -= cap;
      const v = this._values[back] as number;
      if (isMax ? v > x : v < x) break;
      this._size--;
    }
    // At most `cap − 1` values are left (all younger than `cap`), so there is a free slot.
    let slot = this._head + this._size;
    if (slot >= cap) slot -= cap;
    this._values[slot] = x;
    this._seqs[slot] = seq;
    this._size++;
    return this._values[this._head] as number;
  }

  /** The extreme of the values in the window; NaN when empty. */
  get value(): number {
    return this._size === 0 ? Number.NaN : (this._values[this._head] as number);
  }

  /** Forgets every value, as if just constructed. */
  reset(): void {
    this._head = 0;
    this._size = 0;
    this._seq = 0;
  }
}
