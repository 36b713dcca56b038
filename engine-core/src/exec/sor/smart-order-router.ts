import type { Engine } from '../../engine';
import type { OrderBookView } from '../../market/book';
import {
  type ClientOrderId,
  clientOrderId,
  type EngineEvent,
  type Side,
  type SymbolId,
} from '../../model';
import { roundPriceToTick } from '../child-sizing';
import { allocateRoute, type RouteVenue } from './allocate-route';
import type { RouteDecision } from './route-decision';

/** One venue the router can send to: its own engine (and venue) and its visible book. */
export interface RoutedVenue {
  readonly venueId: string;
  readonly engine: Pick<Engine, 'handle' | 'state' | 'config'>;
  /** The venue's book of the symbol, or undefined while it is not known (skipped). */
  readonly book: (symbol: SymbolId) => OrderBookView | undefined;
}

/** A routed order: what to split. */
export interface RouteRequest {
  readonly symbol: SymbolId;
  readonly side: Side;
  readonly qty: number;
  /** Children are `${idPrefix}.${venueId}`. */
  readonly idPrefix: string;
}

/** What `route` did: the decision and each venue's child id and engine events. */
export interface RouteResult {
  readonly decision: RouteDecision;
  readonly children: readonly {
    readonly venueId: string;
    readonly clientOrderId: ClientOrderId;
    readonly events: readonly EngineEvent[];
  }[];
}

/**
 * Splits an order across venues by best price after fees (`allocateRoute` over each venue's
 * visible book, fee and filters), reports the decision, then sends each venue its child through
 * that venue's `engine.handle` (validation, risk, funds): a LIMIT IOC at the worst price it was
 * allocated, so a book that moved fills no worse than decided and the rest expires.
 */
export class SmartOrderRouter {
  constructor(
    private readonly _venues: readonly RoutedVenue[],
    private readonly _onDecision?: (d: RouteDecision) => void,
  ) {}

  /** Decides only: no order is sent. */
  decide(req: Omit<RouteRequest, 'idPrefix'>, now: number): RouteDecision {
    const inputs: RouteVenue[] = [];
    for (const v of this._venues) {
      const inst = v.engine.state.instruments.get(req.symbol);
      const book = v.book(req.symbol);
      if (inst === undefined || book === undefined) continue;
      inputs.push({
        venueId: v.venueId,
        inst,
        takerBps: v.engine.config.fees.takerBps,
        levels: req.side === 'BUY' ? book.asks : book.bids,
      });
    }
    const allocations = allocateRoute(req.side, req.qty, inputs);
    const sign = req.side === 'BUY' ? 1 : -1;
    let allocatedQty = 0;
    let expectedNet = 0;
    for (const a of allocations) {
      allocatedQty += a.qty;
      expectedNet += a.qty * a.expectedAvgPrice + sign * a.fee;
    }
    return {
      type: 'route_decided',
      ts: now,
      symbol: req.symbol,
      side: req.side,
      qty: req.qty,
      allocatedQty,
      expectedNet,
      allocations,
    };
  }

  /** Decides, emits the decision, and sends the children. */
  route(req: RouteRequest, now: number): RouteResult {
    const decision = this.decide(req, now);
    this._onDecision?.(decision);
    const children: RouteResult['children'][number][] = [];
    for (const a of decision.allocations) {
      if (a.qty <= 0) continue;
      const v = this._venues.find((x) => x.venueId === a.venueId) as RoutedVenue;
      const inst = v.engine.state.instruments.get(req.symbol);
      const tick = inst?.tickSize ?? 0;
      const id = clientOrderId(`${req.idPrefix}.${a.venueId}`);
      const events = v.engine.handle({
        type: 'submit_order',
        request: {
          type: 'LIMIT',
          price: roundPriceToTick(a.worstPrice, tick, req.side === 'BUY' ? 'up' : 'down'),
          clientOrderId: id,
          symbol: req.symbol,
          side: req.side,
          qty: a.qty,
          tif: 'IOC',
          postOnly: false,
          reduceOnly: false,
        },
      });
      children.push({ venueId: a.venueId, clientOrderId: id, events });
    }
    return { decision, children };
  }
}
