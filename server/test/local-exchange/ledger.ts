// Balances of every account: free and locked per asset. Amounts are rounded to 8 decimals after
// every change (Binance's precision), so sums stay exact enough to compare by hand.

/** Rounds to Binance's 8 decimals. */
export function r8(v: number): number {
  return Math.round(v * 1e8) / 1e8;
}

interface Slot {
  free: number;
  locked: number;
}

/** Free/locked balances per account and asset. */
export class Ledger {
  private readonly _accounts = new Map<string, Map<string, Slot>>();
  private readonly _touched = new Map<string, Set<string>>();

  open(account: string, balances: Readonly<Record<string, number>>): void {
    const m = new Map<string, Slot>();
    for (const [asset, free] of Object.entries(balances))
      m.set(asset, { free: r8(free), locked: 0 });
    this._accounts.set(account, m);
  }

  has(account: string): boolean {
    return this._accounts.has(account);
  }

  free(account: string, asset: string): number {
    return this._slot(account, asset).free;
  }

  /** Moves `amount` from free to locked; false (and no change) when free is short. */
  lock(account: string, asset: string, amount: number): boolean {
    const s = this._slot(account, asset);
    if (s.free + 1e-12 < amount) return false;
    s.free = r8(s.free - amount);
    s.locked = r8(s.locked + amount);
    this._touch(account, asset);
    return true;
  }

  unlock(account: string, asset: string, amount: number): void {
    const s = this._slot(account, asset);
    s.locked = r8(s.locked - amount);
    s.free = r8(s.free + amount);
    this._touch(account, asset);
  }

  /** Adds (or with a negative amount removes) free balance. */
  addFree(account: string, asset: string, amount: number): void {
    const s = this._slot(account, asset);
    s.free = r8(s.free + amount);
    this._touch(account, asset);
  }

  removeLocked(account: string, asset: string, amount: number): void {
    const s = this._slot(account, asset);
    s.locked = r8(s.locked - amount);
    this._touch(account, asset);
  }

  /** Every asset of an account, in insertion order. */
  balances(account: string): { asset: string; free: number; locked: number }[] {
    const m = this._accounts.get(account);
    if (!m) return [];
    return [...m].map(([asset, s]) => ({ asset, free: s.free, locked: s.locked }));
  }

  /** The assets changed since the last call (for outboundAccountPosition), then forgets them. */
  takeTouched(account: string): { asset: string; free: number; locked: number }[] {
    const t = this._touched.get(account);
    if (!t || t.size === 0) return [];
    this._touched.delete(account);
    return [...t].map((asset) => ({ asset, ...this._slot(account, asset) }));
  }

  private _slot(account: string, asset: string): Slot {
    let m = this._accounts.get(account);
    if (!m) {
      m = new Map();
      this._accounts.set(account, m);
    }
    let s = m.get(asset);
    if (!s) {
      s = { free: 0, locked: 0 };
      m.set(asset, s);
    }
    return s;
  }

  private _touch(account: string, asset: string): void {
    let t = this._touched.get(account);
    if (!t) {
      t = new Set();
      this._touched.set(account, t);
    }
    t.add(asset);
  }
}
