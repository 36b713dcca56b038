// Which fills of one order the engine already has. The engine keeps no trade ids, only the
// executed quantity, so after a router restart the ids seen before are gone: the ledger then
// counts the venue's trades as they are replayed (in the venue's order) and forwards only the
// part beyond what the engine has executed. Within one run the two views agree and every unseen
// trade is forwarded whole.

/** What to do with one fill report. */
export type FillDecision =
  | { readonly forward: true; readonly qty: number }
  | { readonly forward: false; readonly why: 'duplicate' | 'already_executed' };

/** Tolerance for float noise in quantities, relative to the order's size. */
export const QTY_EPS = 1e-9;

export class FillLedger {
  private readonly _seen = new Set<string>();
  /** The venue's cumulative quantity over the trades seen by this router run. */
  private _venueCum = 0;

  constructor(private readonly _orderQty: number) {}

  get venueCum(): number {
    return this._venueCum;
  }

  /**
   * The trade covers the venue's cumulative range [cum, cum + qty]; the engine has [0, executed].
   * Forward the uncovered part (all of it in the common case, none for a replayed trade).
   */
  decide(tradeId: string, qty: number, engineExecuted: number): FillDecision {
    if (this._seen.has(tradeId)) return { forward: false, why: 'duplicate' };
    const uncovered = this._venueCum + qty - Math.max(this._venueCum, engineExecuted);
    const fwd = Math.min(qty, uncovered);
    if (fwd <= QTY_EPS * this._orderQty) return { forward: false, why: 'already_executed' };
    return { forward: true, qty: fwd };
  }

  /** Records a trade once the engine has it (or it was found to be covered already). */
  record(tradeId: string, qty: number): void {
    if (this._seen.has(tradeId)) return;
    this._seen.add(tradeId);
    this._venueCum += qty;
  }

  /**
   * After a snapshot (every replayed trade has been delivered by then): the trades seen so far
   * account for at least what both the venue and the engine agree on, so later unseen trades are
   * new. Without this a restarted router would skip new trades while waiting for replays.
   */
  syncTo(agreedExecuted: number): void {
    this._venueCum = Math.max(this._venueCum, agreedExecuted);
  }
}
