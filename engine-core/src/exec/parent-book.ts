import type { Instrument, SymbolId } from '../model';
import type { AlgoSpec } from './algo-spec';
import { isFinalParentState, type ParentId, type ParentState } from './parent-state';
import { newParent, type Parent } from './scheduled-parent';

/**
 * The scheduler's parents: by slot (oldest first), by id, and per symbol the working ones that
 * listen to volume (POV) or chase the touch (passive children with `chase`).
 */
export class ParentBook {
  /** Every parent, oldest first: a parent's index is its `slot`. */
  readonly list: Parent[] = [];
  private readonly _byId = new Map<string, Parent>();
  private readonly _volume = new Map<SymbolId, Parent[]>();
  /** Working parents with chasing passive children, by symbol. */
  private readonly _chasers = new Map<SymbolId, Parent[]>();

  constructor(private readonly _retryMs: number) {}

  /** Adds a parent (listed for volume or chasing unless its state is final). */
  add(id: ParentId, spec: AlgoSpec, inst: Instrument | undefined, state: ParentState): Parent {
    const p = newParent(id, this.list.length, spec, inst, state, this._retryMs);
    this.list.push(p);
    this._byId.set(id, p);
    if (!isFinalParentState(state)) {
      if (p.algo.listensToVolume) enlist(this._volume, p);
      if (p.algo.passive?.chase === true) enlist(this._chasers, p);
    }
    return p;
  }

  /** The parent of an id, or undefined. */
  get(id: ParentId): Parent | undefined {
    return this._byId.get(id);
  }

  /** The parent at a slot (a valid one: the timer heap's). */
  at(slot: number): Parent {
    return this.list[slot] as Parent;
  }

  /** The parents listening to `sym`'s volume (the live list), or undefined. */
  volumeOf(sym: SymbolId): readonly Parent[] | undefined {
    return this._volume.get(sym);
  }

  /** The parents chasing `sym`'s touch (the live list), or undefined. */
  chasersOf(sym: SymbolId): readonly Parent[] | undefined {
    return this._chasers.get(sym);
  }

  /** Takes an ended parent off the volume and chase lists. */
  unlist(p: Parent): void {
    if (p.algo.listensToVolume) unlist(this._volume, p);
    if (p.algo.passive?.chase === true) unlist(this._chasers, p);
  }
}

function enlist(m: Map<SymbolId, Parent[]>, p: Parent): void {
  const list = m.get(p.spec.symbol);
  if (list === undefined) m.set(p.spec.symbol, [p]);
  else list.push(p);
}

function unlist(m: Map<SymbolId, Parent[]>, p: Parent): void {
  const list = m.get(p.spec.symbol);
  const i = list === undefined ? -1 : list.indexOf(p);
  if (i >= 0) list?.splice(i, 1);
}
