// The order ticket's checks, as you type: the instrument's filters (tick size, lot size, min qty,
// min notional) with engine-core's own multiple test, so a ticket that passes here passes the
// engine's `validateOrder`; the messages name the number, the filter and the nearest valid values.
import type { Instrument, OrderType, Side, TimeInForce } from '../../../../engine-core/src/model';
import { isMultipleOf } from '../../../../engine-core/src/orders';
import type { TicketOrder } from '../../paper/paper-api';
import { formatStep, plainStep } from './instrument-format';

/** The ticket as typed. */
export interface TicketTexts {
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: string;
  readonly price: string;
  readonly stopPrice: string;
  readonly tif: TimeInForce;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
}

/** A blank ticket: a GTC limit buy with nothing typed (both tickets start from it). */
export const BLANK_TICKET: TicketTexts = {
  side: 'BUY',
  type: 'LIMIT',
  qty: '',
  price: '',
  stopPrice: '',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
};

/** What the checks need besides the texts. */
export interface TicketContext {
  readonly instrument: Instrument;
  /**
   * The price a MARKET order is checked at (best ask for a buy, best bid for a sell, else the last
   * trade); null before the feed has sent one.
   */
  readonly marketPrice: number | null;
  /** Signed position in the instrument (> 0 long), for reduce-only. */
  readonly position: number;
}

/** The ticket's fields that can carry an error. */
export type TicketField = 'qty' | 'price' | 'stopPrice' | 'tif' | 'postOnly' | 'reduceOnly';

/** The outcome of the checks. */
export interface TicketCheck {
  /** One message per field in error. */
  readonly errors: Readonly<Partial<Record<TicketField, string>>>;
  /** A problem with the order as a whole (min notional, no market price yet). */
  readonly orderError: string | null;
  /** Qty × the price the engine checks notional at, when both are known. */
  readonly notional: number | null;
  /** The order to send, when there is no error. */
  readonly order: TicketOrder | null;
}

/** Which prices an order type takes. */
export const needsPrice = (t: OrderType): boolean => t === 'LIMIT' || t === 'STOP_LIMIT';
export const needsStop = (t: OrderType): boolean => t === 'STOP' || t === 'STOP_LIMIT';

const DECIMAL = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/;

/** A positive decimal as typed, or the message saying why it is not one. */
export function parsePositive(label: string, text: string): number | string {
  if (text.trim() === '') return `Enter a ${label.toLowerCase()}`;
  if (!DECIMAL.test(text)) return `${label} "${text.trim()}" is not a number`;
  const x = Number(text);
  if (!(x > 0)) return `${label} must be more than 0`;
  return x;
}

/** The multiples of `step` either side of `x`, as the step writes them (`100.00 or 100.01`). */
function nearest(x: number, step: number): string {
  const k = x / step;
  const lo = Math.floor(k) * step;
  const hi = Math.ceil(k) * step;
  return lo > 0 ? `${plainStep(lo, step)} or ${plainStep(hi, step)}` : plainStep(hi, step);
}

/** The error of a price that is not on the tick, or null. */
export function tickError(label: string, x: number, inst: Instrument): string | null {
  if (isMultipleOf(x, inst.tickSize)) return null;
  return `${label} ${x} is not a multiple of the tick size ${plainStep(inst.tickSize, inst.tickSize)}: use ${nearest(x, inst.tickSize)}`;
}

/** The error of a quantity below the minimum or off the lot, or null. */
export function qtyError(x: number, inst: Instrument): string | null {
  const lot = inst.lotSize;
  if (x < inst.minQty)
    return `Qty ${x} is below the minimum ${plainStep(inst.minQty, lot)} ${inst.base}`;
  if (!isMultipleOf(x, lot))
    return `Qty ${x} is not a multiple of the lot size ${plainStep(lot, lot)}: use ${nearest(x, lot)}`;
  return null;
}

/** Checks the ticket against the instrument's filters and the position. */
export function checkTicket(t: TicketTexts, ctx: TicketContext): TicketCheck {
  const inst = ctx.instrument;
  const errors: Partial<Record<TicketField, string>> = {};

  const qtyP = parsePositive('Qty', t.qty);
  let qty: number | null = null;
  if (typeof qtyP === 'string') errors.qty = qtyP;
  else {
    const e = qtyError(qtyP, inst);
    if (e) errors.qty = e;
    qty = qtyP;
  }

  let price: number | null = null;
  if (needsPrice(t.type)) {
    const p = parsePositive('Price', t.price);
    if (typeof p === 'string') errors.price = p;
    else {
      const e = tickError('Price', p, inst);
      if (e) errors.price = e;
      price = p;
    }
  }

  let stop: number | null = null;
  if (needsStop(t.type)) {
    const p = parsePositive('Stop price', t.stopPrice);
    if (typeof p === 'string') errors.stopPrice = p;
    else {
      const e = tickError('Stop price', p, inst);
      if (e) errors.stopPrice = e;
      stop = p;
    }
  }

  if (t.postOnly) {
    if (t.type !== 'LIMIT') errors.postOnly = 'Post-only is for LIMIT orders only';
    // The engine would take it, but an IOC/FOK order that must not take liquidity can only
    // expire: a post-only order is meant to rest.
    else if (t.tif !== 'GTC') errors.tif = 'A post-only order rests on the book: use GTC';
  }

  if (t.reduceOnly && qty !== null) {
    const pos = ctx.position;
    const reducible = t.side === 'BUY' ? -pos : pos;
    if (pos === 0) errors.reduceOnly = 'Reduce-only: there is no position to reduce';
    else if (reducible <= 0)
      errors.reduceOnly = `Reduce-only: a ${t.side} cannot reduce a ${pos > 0 ? 'long' : 'short'} position of ${Math.abs(pos)}`;
    else if (qty > reducible * (1 + 1e-12))
      errors.reduceOnly = `Reduce-only: qty ${qty} is more than the position ${reducible}`;
  }

  // The engine checks notional at the limit price, the stop price, or the market price.
  const refPrice = t.type === 'MARKET' ? ctx.marketPrice : t.type === 'STOP' ? stop : price;
  let orderError: string | null = null;
  let notional: number | null = null;
  if (qty !== null && refPrice !== null) {
    notional = qty * refPrice;
    if (notional < inst.minNotional) {
      const at = t.type === 'MARKET' ? 'at the market price ' : '';
      orderError = `Notional ${formatStep(notional, inst.tickSize)} ${inst.quote} (${qty} × ${at}${refPrice}) is below the minimum ${inst.minNotional} ${inst.quote}`;
    }
  } else if (t.type === 'MARKET' && ctx.marketPrice === null) {
    orderError = 'No market price yet: wait for the feed before sending a market order';
  }

  const order =
    qty !== null && Object.keys(errors).length === 0 && orderError === null
      ? buildOrder(t, qty, price, stop)
      : null;
  return { errors, orderError, notional, order };
}

function buildOrder(
  t: TicketTexts,
  qty: number,
  price: number | null,
  stop: number | null,
): TicketOrder | null {
  const common = {
    side: t.side,
    qty,
    tif: t.tif,
    postOnly: t.type === 'LIMIT' && t.postOnly,
    reduceOnly: t.reduceOnly,
  };
  switch (t.type) {
    case 'MARKET':
      return { ...common, type: 'MARKET' };
    case 'LIMIT':
      return price === null ? null : { ...common, type: 'LIMIT', price };
    case 'STOP':
      return stop === null ? null : { ...common, type: 'STOP', stopPrice: stop };
    case 'STOP_LIMIT':
      return price === null || stop === null
        ? null
        : { ...common, type: 'STOP_LIMIT', price, stopPrice: stop };
  }
}

/**
 * The error of `f` as the ticket shows it: a text field's once it has text, any after a send
 * attempt (`tried`); null when there is none to show.
 */
export function shownError(
  check: TicketCheck,
  t: TicketTexts,
  tried: boolean,
  f: TicketField,
): string | null {
  const e = check.errors[f];
  const typed = f === 'qty' || f === 'price' || f === 'stopPrice' ? t[f].trim() !== '' : true;
  return e && (tried || typed) ? e : null;
}

/** The whole-order error as the ticket shows it: once a quantity is typed, or after a send attempt. */
export function shownOrderError(check: TicketCheck, t: TicketTexts, tried: boolean): string | null {
  return check.orderError && (tried || t.qty.trim() !== '') ? check.orderError : null;
}
