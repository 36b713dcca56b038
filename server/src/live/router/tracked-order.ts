import type { LiveOrderRequest } from '../venue-adapter';
import type { EngineOrderStatus, OrderSnapshot, OrderUpdate, ReceivedFields } from './engine-wire';
import { isFinal } from './engine-wire';
import { FillLedger } from './fill-ledger';

/**
 * Where an order stands between engine and venue: `pending` (queued for `place`), `placing`,
 * `placed` (the venue has it), `not_placed` (refused before or by the venue), `recovered`
 * (found in the engine at start-up: whether it reached the venue is for reconciliation to say).
 */
export type Routing = 'pending' | 'placing' | 'placed' | 'not_placed' | 'recovered';

/** The router's view of one engine order: what was routed, what the engine has of it. */
export class TrackedOrder {
  status: EngineOrderStatus;
  venueOrderId: string | null;
  /** Executed quantity as the engine last printed it. */
  engineExecuted: number;
  routing: Routing;
  /** The venue took a cancel: its CANCELLED (or a fill) is on the way; don't ask twice. */
  cancelSent = false;
  readonly fills: FillLedger;

  constructor(
    readonly request: LiveOrderRequest,
    init: {
      status: EngineOrderStatus;
      routing: Routing;
      venueOrderId?: string;
      executed?: number;
    },
  ) {
    this.status = init.status;
    this.routing = init.routing;
    this.venueOrderId = init.venueOrderId ?? null;
    this.engineExecuted = init.executed ?? 0;
    this.fills = new FillLedger(request.qty);
  }

  get id(): string {
    return this.request.clientOrderId;
  }

  get open(): boolean {
    return !isFinal(this.status);
  }

  /** Takes the engine's word about this order (only updates that carry the order's fields). */
  absorb(u: OrderUpdate): void {
    if (u.symbol === undefined) return;
    if (!isFinal(this.status)) this.status = u.status;
    if (u.venueOrderId !== undefined) this.venueOrderId = u.venueOrderId;
    if (u.executedQty !== undefined) {
      this.engineExecuted = Math.max(this.engineExecuted, u.executedQty);
    }
  }
}

/** The order the venue is asked to place, from the engine's NEW update and its echo. */
export function requestFromNew(
  u: OrderUpdate,
  received: ReceivedFields | undefined,
): LiveOrderRequest | null {
  if (u.status !== 'NEW' || u.symbol === undefined || u.side === undefined) return null;
  if (u.qty === undefined) return null;
  const type = u.type ?? received?.type ?? (u.price === undefined ? 'MARKET' : 'LIMIT');
  return {
    clientOrderId: u.clientOrderId,
    symbol: u.symbol,
    side: u.side,
    type,
    qty: u.qty,
    ...(u.price !== undefined ? { price: u.price } : {}),
    ...(u.stopPrice !== undefined ? { stopPrice: u.stopPrice } : {}),
    tif: received?.tif ?? 'GTC',
    postOnly: received?.postOnly ?? false,
  };
}

/** An order the engine already had when the router started. */
export function trackRecovered(s: OrderSnapshot): TrackedOrder {
  const request: LiveOrderRequest = {
    clientOrderId: s.clientOrderId,
    symbol: s.symbol,
    side: s.side,
    type: s.type,
    qty: s.qty,
    ...(s.price !== undefined ? { price: s.price } : {}),
    ...(s.stopPrice !== undefined ? { stopPrice: s.stopPrice } : {}),
    tif: s.tif,
    postOnly: false,
  };
  return new TrackedOrder(request, {
    status: s.status,
    routing: 'recovered',
    venueOrderId: s.venueOrderId,
    executed: s.executedQty,
  });
}
