/** Which side of a book: bids (buyers) or asks (sellers). */
export type BookSideName = 'bid' | 'ask';

/** Read access to one side of an order book, best level first. */
export interface BookSideView {
  readonly side: BookSideName;
  /** Number of price levels. */
  readonly count: number;
  /** Price of the `i`-th level from the best (0 = best), for `i` in `[0, count)`. */
  priceAt(i: number): number;
  /** Quantity of the `i`-th level from the best, for `i` in `[0, count)`. */
  qtyAt(i: number): number;
  /** Quantity resting at exactly `price`; 0 when there is no such level. */
  qtyAtPrice(price: number): number;
  /** Best price, `NaN` when the side is empty. */
  bestPrice(): number;
  /** Quantity at the best price, 0 when the side is empty. */
  bestQty(): number;
}

const INITIAL_CAPACITY = 256;

/**
 * One side of an L2 book: price levels in two parallel `Float64Array`s sorted by key, where the key
 * is the price for bids and minus the price for asks, so that on both sides the keys ascend and
 * the best level is the last one. Updates near the top (the common case) then search from the end
 * and shift only the few levels above them; nothing is allocated per update (capacity doubles
 * when full). Prices are compared exactly: equal decimal strings parse to the same double.
 */
export class BookSide implements BookSideView {
  readonly side: BookSideName;
  private readonly _sign: 1 | -1;
  private _keys: Float64Array;
  private _qty: Float64Array;
  private _n = 0;

  constructor(side: BookSideName, initialCapacity = INITIAL_CAPACITY) {
    this.side = side;
    this._sign = side === 'bid' ? 1 : -1;
    const cap = Math.max(16, initialCapacity | 0);
    this._keys = new Float64Array(cap);
    this._qty = new Float64Array(cap);
  }

  get count(): number {
    return this._n;
  }

  priceAt(i: number): number {
    return this._sign * this._keys[this._n - 1 - i];
  }

  qtyAt(i: number): number {
    return this._qty[this._n - 1 - i];
  }

  bestPrice(): number {
    return this._n === 0 ? Number.NaN : this._sign * this._keys[this._n - 1];
  }

  bestQty(): number {
    return this._n === 0 ? 0 : this._qty[this._n - 1];
  }

  qtyAtPrice(price: number): number {
    const key = this._sign * price;
    const i = this._search(key);
    return i < this._n && this._keys[i] === key ? this._qty[i] : 0;
  }

  /**
   * Sets the quantity at `price` (Binance's rule: absolute quantity, 0 removes the level; removing
   * an absent level is a no-op). The caller has checked that `price` > 0 and `qty` ≥ 0 are finite.
   */
  set(price: number, qty: number): void {
    const key = this._sign * price;
    const n = this._n;
    const keys = this._keys;
    const i = this._search(key);
    if (i < n && keys[i] === key) {
      if (qty === 0) {
        // Remove level i: the levels above it (better) move down one slot.
        keys.copyWithin(i, i + 1, n);
        this._qty.copyWithin(i, i + 1, n);
        this._n = n - 1;
      } else {
        this._qty[i] = qty;
      }
      return;
    }
    if (qty === 0) return;
    if (n === keys.length) this._grow(n * 2);
    const k = this._keys;
    const q = this._qty;
    if (i < n) {
      k.copyWithin(i + 1, i, n);
      q.copyWithin(i + 1, i, n);
    }
    k[i] = key;
    q[i] = qty;
    this._n = n + 1;
  }

  /** Removes every level (capacity is kept). */
  clear(): void {
    this._n = 0;
  }

  /**
   * Sum of the quantity and of price × quantity over the levels from the best down to `limit`
   * inclusive (bids priced ≥ limit, asks priced ≤ limit). Writes into `out`.
   */
  sumTo(limit: number, out: { qty: number; notional: number }): void {
    const limitKey = this._sign * limit;
    let qty = 0;
    let notional = 0;
    for (let i = this._n - 1; i >= 0; i--) {
      const key = this._keys[i];
      if (key < limitKey) break;
      qty += this._qty[i];
      notional += this._sign * key * this._qty[i];
    }
    out.qty = qty;
    out.notional = notional;
  }

  /** The levels best first as `[price0, qty0, price1, qty1, …]`, at most `maxLevels` of them. */
  flat(maxLevels = Number.POSITIVE_INFINITY): number[] {
    const m = Math.min(this._n, maxLevels);
    const out = new Array<number>(2 * m);
    for (let i = 0; i < m; i++) {
      out[2 * i] = this.priceAt(i);
      out[2 * i + 1] = this.qtyAt(i);
    }
    return out;
  }

  /**
   * Index of the first key ≥ `key` (`count` when none). Gallops down from the top, where most
   * updates land, then binary-searches the bracket found.
   */
  private _search(key: number): number {
    const keys = this._keys;
    let hi = this._n; // invariant: keys[hi..n) are all ≥ key
    let step = 1;
    let lo = hi - step;
    while (lo >= 0 && keys[lo] >= key) {
      hi = lo;
      step <<= 1;
      lo = hi - step;
    }
    if (lo < 0) lo = 0;
    else lo += 1; // keys[lo - 1] < key
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private _grow(capacity: number): void {
    const k = new Float64Array(capacity);
    k.set(this._keys.subarray(0, this._n));
    const q = new Float64Array(capacity);
    q.set(this._qty.subarray(0, this._n));
    this._keys = k;
    this._qty = q;
  }
}
