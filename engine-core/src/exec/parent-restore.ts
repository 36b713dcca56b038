import type { ChildBook } from './child-book';
import { childFigures, splitChildId } from './child-figures';
import type { ExecGateway } from './exec-scheduler-options';
import type { ParentBook } from './parent-book';
import type { ParentImage } from './parent-journal';
import type { ParentState } from './parent-state';

/** What `rebuildParents` did: the next parent number free, and the children counted as sent. */
export interface Rebuilt {
  readonly nextParent: number;
  readonly sent: number;
}

/**
 * Adds the parents of journal images to `book` with their figures read from the engine's orders
 * (filled, average price, fees, children sent), adopting their open children into `children` as
 * working (a passive one keeps the slice end of its submission time). A parent whose symbol the
 * engine does not know is added failed. Schedules nothing and sends nothing.
 */
export function rebuildParents(
  images: readonly ParentImage[],
  engine: ExecGateway,
  prefix: string,
  book: ParentBook,
  children: ChildBook,
): Rebuilt {
  const figures = childFigures(
    engine.state.orders,
    engine.state.openOrders,
    images.map((p) => p.parentId),
  );
  let top = 0;
  let sent = 0;
  const number = (id: string) => {
    if (!id.startsWith(prefix)) return;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > top) top = n;
  };
  for (const id of engine.state.orders.keys()) {
    const split = splitChildId(id);
    if (split !== null) number(split.parent);
  }
  for (const img of images) {
    number(img.parentId);
    const inst = engine.state.instruments.get(img.spec.symbol);
    const unknown: ParentState = { kind: 'failed', reason: `unknown symbol ${img.spec.symbol}` };
    const p = book.add(img.parentId, img.spec, inst, inst === undefined ? unknown : img.state);
    if (img.observed > 0) p.algo.observeVolume(img.observed);
    const f = figures.get(img.parentId);
    if (f === undefined) continue;
    p.filled = f.filled;
    p.cumQuote = f.cumQuote;
    p.fees = f.fees;
    p.childrenSent = f.sent;
    p.childSeq = f.maxSeq;
    sent += f.sent;
    for (const o of f.open) {
      const passive = p.algo.passive !== null && o.request.type === 'LIMIT';
      children.track(o.request.clientOrderId, {
        parent: p,
        qty: o.request.qty,
        filled: o.executedQty,
        cancelling: false,
        rolling: false,
        price: o.request.type === 'LIMIT' ? o.request.price : Number.NaN,
        // Adopted as it was: its slice still ends when it would have (rolled at the first wake).
        expires: passive ? (p.algo.sliceEnd(o.createdTs) ?? Infinity) : Infinity,
        createdTs: o.createdTs,
      });
    }
  }
  return { nextParent: top + 1, sent };
}
