import type { EngineCommand, ExecStatus } from '../model/commands';
import { timestampMs } from '../model/ids';
import type { Liquidity } from '../model/order';
import { assertNever } from '../util/assert';
import { err, ok, type Result } from '../util/result';
import {
  checkAssetCode,
  checkClientOrderId,
  checkSymbol,
  finiteError,
  parseEnum,
  positiveError,
  tsMsError,
} from './field-checks';

/** Execution report statuses, as on the wire. */
export const EXEC_STATUSES: readonly ExecStatus[] = [
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
];
/** Liquidity flags, as on the wire. */
export const LIQUIDITIES: readonly Liquidity[] = ['MAKER', 'TAKER'];
/** Query targets, as on the wire (upper case in text, any case accepted). */
export const QUERY_TARGETS = ['ORDERS', 'ORDER', 'ACCOUNT', 'POSITIONS'] as const;

/** Longest venue order id accepted. */
export const MAX_VENUE_ORDER_ID_LENGTH = 128;

/** Builds a `cancel_order` command. */
export function buildCancel(id: string): Result<EngineCommand, string> {
  const cid = checkClientOrderId(id);
  if (!cid.ok) return cid;
  return ok({ type: 'cancel_order', clientOrderId: cid.value });
}

/** Builds a `query` command; only `ORDER` takes (and needs) a client order id. */
export function buildQuery(what: string, id: string | null): Result<EngineCommand, string> {
  const target = parseEnum('what', what, QUERY_TARGETS);
  if (!target.ok) return target;
  const t = target.value;
  if (t !== 'ORDER' && id !== null) return err(`client_order_id is only used with ORDER, not ${t}`);
  switch (t) {
    case 'ORDERS':
      return ok({ type: 'query', what: 'orders' });
    case 'ACCOUNT':
      return ok({ type: 'query', what: 'account' });
    case 'POSITIONS':
      return ok({ type: 'query', what: 'positions' });
    case 'ORDER': {
      if (id === null) return err('query ORDER needs a client_order_id');
      const cid = checkClientOrderId(id);
      if (!cid.ok) return cid;
      return ok({ type: 'query', what: 'order', clientOrderId: cid.value });
    }
    default:
      return assertNever(t);
  }
}

/** Builds a `market_tick` command: price > 0, ts_ms a non-negative integer or null. */
export function buildMarketTick(
  symbol: string,
  price: number,
  ts: number | null,
): Result<EngineCommand, string> {
  const sym = checkSymbol(symbol);
  if (!sym.ok) return sym;
  const priceError = positiveError('price', price);
  if (priceError !== null) return err(priceError);
  if (ts !== null) {
    const tsError = tsMsError(ts);
    if (tsError !== null) return err(tsError);
  }
  return ok({
    type: 'market_tick',
    symbol: sym.value,
    price,
    ts: ts === null ? null : timestampMs(ts),
  });
}

/** The fields of an execution report as either wire form carries them. */
export interface RawExec {
  readonly clientOrderId: string;
  readonly status: string;
  readonly fillQty: number | null;
  readonly fillPrice: number | null;
  readonly fee: number | null;
  readonly feeAsset: string | null;
  readonly venueOrderId: string | null;
  readonly reason: string | null;
  readonly liquidity: string | null;
}

/**
 * Builds an `execution_report` command. PARTIALLY_FILLED and FILLED need fill_qty and
 * fill_price; both, when given, must be > 0; a fee must be finite (it may be negative, a rebate).
 */
export function buildExecReport(raw: RawExec): Result<EngineCommand, string> {
  const cid = checkClientOrderId(raw.clientOrderId);
  if (!cid.ok) return cid;
  const status = parseEnum('status', raw.status, EXEC_STATUSES);
  if (!status.ok) return status;
  const fills = status.value === 'PARTIALLY_FILLED' || status.value === 'FILLED';
  if (fills && raw.fillQty === null) return err(`fill_qty is required with status ${status.value}`);
  if (fills && raw.fillPrice === null) {
    return err(`fill_price is required with status ${status.value}`);
  }
  const e =
    (raw.fillQty === null ? null : positiveError('fill_qty', raw.fillQty)) ??
    (raw.fillPrice === null ? null : positiveError('fill_price', raw.fillPrice)) ??
    (raw.fee === null ? null : finiteError('fee', raw.fee));
  if (e !== null) return err(e);
  let feeAsset: string | null = null;
  if (raw.feeAsset !== null) {
    const a = checkAssetCode('fee_asset', raw.feeAsset);
    if (!a.ok) return a;
    feeAsset = a.value;
  }
  const v = raw.venueOrderId;
  if (v !== null && (v.length === 0 || v.length > MAX_VENUE_ORDER_ID_LENGTH)) {
    return err(`venue_order_id must be 1-${MAX_VENUE_ORDER_ID_LENGTH} characters`);
  }
  let liquidity: Liquidity | null = null;
  if (raw.liquidity !== null) {
    const l = parseEnum('liquidity', raw.liquidity, LIQUIDITIES);
    if (!l.ok) return l;
    liquidity = l.value;
  }
  return ok({
    type: 'execution_report',
    clientOrderId: cid.value,
    status: status.value,
    fillQty: raw.fillQty,
    fillPrice: raw.fillPrice,
    // `+ 0` turns a fee of -0 into 0, which every form writes and reads back alike.
    fee: raw.fee === null ? null : raw.fee + 0,
    feeAsset,
    venueOrderId: v,
    reason: raw.reason,
    liquidity,
  });
}
