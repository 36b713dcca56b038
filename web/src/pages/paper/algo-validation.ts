// The algo part of the order ticket: which algorithm, its parameters as typed, and their checks.
// Quantities are held to the instrument's filters like the plain ticket's; the spec then goes
// through engine-core's own `checkAlgoSpec`, so what passes here is what the scheduler takes.
import { type ChildOrder, checkAlgoSpec } from '../../../../engine-core/src/exec';
import type { Instrument, Side } from '../../../../engine-core/src/model';
import { algoSpecOf, barsAsCandles } from '../../paper/paper-algo-slot';
import type { TicketAlgo } from '../../paper/paper-api';
import { parsePositive, qtyError, tickError } from './ticket-validation';

/** The algorithms the ticket offers ('none': a plain order). */
export type AlgoChoice = 'none' | TicketAlgo['algo'];

export const ALGO_CHOICES: readonly { value: AlgoChoice; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'twap', label: 'TWAP' },
  { value: 'vwap', label: 'VWAP' },
  { value: 'pov', label: 'POV' },
  { value: 'iceberg', label: 'Iceberg' },
];

/** The algo parameters as typed. */
export interface AlgoTexts {
  readonly algo: AlgoChoice;
  /** Window, minutes of market time (TWAP, VWAP). */
  readonly durationMin: string;
  readonly slices: string;
  /** Share of traded volume, percent (POV). */
  readonly participation: string;
  readonly maxChildQty: string;
  readonly visibleQty: string;
  /** How TWAP, VWAP and POV price their children. */
  readonly childType: ChildChoice;
  /** Limit children: bps from the touch, away from the other side (negative leans in). */
  readonly offsetBps: string;
  /** Limit children: re-price a child the touch has left (2 ticks, at most once a second). */
  readonly chase: boolean;
  /** Limit children: refused by the venue rather than take liquidity. */
  readonly childPostOnly: boolean;
  /** Limit TWAP/VWAP: the last slice's remainder goes at market (else a stated shortfall). */
  readonly finishWithMarket: boolean;
}

/** Market or passive (limit) children. */
export type ChildChoice = ChildOrder['type'];

export const CHILD_CHOICES: readonly { value: ChildChoice; label: string }[] = [
  { value: 'market', label: 'Market' },
  { value: 'limit', label: 'Limit (passive)' },
];

/** The algos whose children may be passive. */
export const takesChild = (a: AlgoChoice): a is 'twap' | 'vwap' | 'pov' =>
  a === 'twap' || a === 'vwap' || a === 'pov';

/** Fields an algo error can sit on (the typed ones). */
export type AlgoField =
  | 'qty'
  | 'price'
  | 'durationMin'
  | 'slices'
  | 'participation'
  | 'maxChildQty'
  | 'visibleQty'
  | 'offsetBps';

/** Which parameters an algorithm takes (besides side and quantity). */
export const ALGO_FIELDS: Readonly<Record<TicketAlgo['algo'], readonly AlgoField[]>> = {
  twap: ['durationMin', 'slices'],
  vwap: ['durationMin'],
  pov: ['participation', 'maxChildQty'],
  iceberg: ['price', 'visibleQty'],
};

export interface AlgoCheck {
  readonly errors: Readonly<Partial<Record<AlgoField, string>>>;
  /** An error of the spec as a whole (engine-core's check). */
  readonly specError: string | null;
  readonly algo: TicketAlgo | null;
}

const MIN = 60_000;

/** Checks an algo ticket; `algo` is the order to send when nothing is wrong. */
export function checkAlgoTicket(
  t: AlgoTexts & { readonly side: Side; readonly qty: string; readonly price: string },
  inst: Instrument,
): AlgoCheck {
  const errors: Partial<Record<AlgoField, string>> = {};
  if (t.algo === 'none') return { errors, specError: null, algo: null };
  const num = (f: AlgoField, label: string, text: string): number | null => {
    const x = parsePositive(label, text);
    if (typeof x === 'string') {
      errors[f] = x;
      return null;
    }
    return x;
  };
  const lotted = (f: AlgoField, label: string, text: string): number | null => {
    const x = num(f, label, text);
    if (x === null) return null;
    const e = qtyError(x, inst);
    if (e !== null) errors[f] = e.replace(/^Qty/, label);
    return x;
  };
  const qty = lotted('qty', 'Qty', t.qty);
  const child = takesChild(t.algo) ? childOrder(t, t.algo, errors) : undefined;
  const withChild = child === undefined ? {} : { child };
  let algo: TicketAlgo | null = null;
  switch (t.algo) {
    case 'twap':
    case 'vwap': {
      const d = num('durationMin', 'Duration', t.durationMin);
      let slices: number | null = null;
      if (t.algo === 'twap') {
        slices = num('slices', 'Slices', t.slices);
        if (slices !== null && !Number.isInteger(slices))
          errors.slices = `Slices must be a whole number, got ${slices}`;
      }
      if (qty !== null && d !== null)
        algo =
          t.algo === 'twap'
            ? slices === null
              ? null
              : { algo: 'twap', side: t.side, qty, durationMs: d * MIN, slices, ...withChild }
            : { algo: 'vwap', side: t.side, qty, durationMs: d * MIN, ...withChild };
      break;
    }
    case 'pov': {
      const pct = num('participation', 'Participation', t.participation);
      if (pct !== null && pct > 100)
        errors.participation = `Participation must be at most 100 %, got ${pct}`;
      const maxChild = lotted('maxChildQty', 'Max child qty', t.maxChildQty);
      if (qty !== null && pct !== null && maxChild !== null)
        algo = {
          algo: 'pov',
          side: t.side,
          qty,
          participation: pct / 100,
          maxChildQty: maxChild,
          ...withChild,
        };
      break;
    }
    case 'iceberg': {
      const price = num('price', 'Price', t.price);
      if (price !== null) {
        const e = tickError('Price', price, inst);
        if (e !== null) errors.price = e;
      }
      const visible = lotted('visibleQty', 'Visible qty', t.visibleQty);
      if (visible !== null && qty !== null && visible > qty)
        errors.visibleQty = `Visible qty ${visible} is more than the quantity ${qty}`;
      if (visible !== null && price !== null && visible * price < inst.minNotional)
        errors.visibleQty = `Visible qty ${visible} × ${price} is below the minimum notional ${inst.minNotional} ${inst.quote}`;
      if (qty !== null && price !== null && visible !== null)
        algo = { algo: 'iceberg', side: t.side, qty, price, visibleQty: visible };
      break;
    }
  }
  if (Object.keys(errors).length > 0) return { errors, specError: null, algo: null };
  if (algo === null) return { errors, specError: null, algo: null };
  const specError = checkAlgoSpec(specForCheck(algo, inst));
  return specError === null ? { errors, specError, algo } : { errors, specError, algo: null };
}

/**
 * The child pricing the ticket asks for: none for market children (the spec stays as before),
 * else a limit child with the typed offset, chase, post-only, and (TWAP, VWAP) finish-with-market.
 */
function childOrder(
  t: AlgoTexts,
  algo: 'twap' | 'vwap' | 'pov',
  errors: Partial<Record<AlgoField, string>>,
): ChildOrder | undefined {
  if (t.childType === 'market') return undefined;
  const text = t.offsetBps.trim();
  const off = Number(text);
  if (text === '' || !Number.isFinite(off)) {
    errors.offsetBps = `Offset must be a number of bps, got ${text === '' ? 'nothing' : text}`;
    return undefined;
  }
  if (off < -100 || off > 1000) {
    errors.offsetBps = `Offset must be in [-100, 1000] bps, got ${off}`;
    return undefined;
  }
  const post = t.childPostOnly ? { postOnly: true } : {};
  return algo === 'pov'
    ? { type: 'limit', offsetBps: off, chase: t.chase, ...post }
    : {
        type: 'limit',
        offsetBps: off,
        chase: t.chase,
        finishWithMarket: t.finishWithMarket,
        ...post,
      };
}

/** The spec engine-core checks: the worker's, at time 0 with no bars (a flat VWAP profile). */
const specForCheck = (a: TicketAlgo, inst: Instrument) =>
  algoSpecOf(a, inst.symbol, 0, barsAsCandles(inst.symbol, 3_600_000, []));
