// The commands the supervisor sends, as input lines, and how each one's answer is read from the
// events the engine prints for it (its "block": its echo up to the next command's echo).
import {
  clientOrderId,
  type EngineCommand,
  formatCommand,
  type OrderRequest,
  symbolId,
} from '../../../engine-core/src';
import type { ExecReport } from '../live/venue-adapter';
import {
  type CommandAck,
  type EngineEvent,
  type EngineQuery,
  EngineUnavailableError,
  type OrderCommandFields,
} from './engine-link';

/** Settles a caller's promise. */
export interface Settle<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
}

export interface OrderJob {
  readonly kind: 'order';
  readonly id: string;
  readonly line: string;
  /** Sent again after a restart found the engine without it (at most once). */
  readonly resent: boolean;
  readonly settle: Settle<CommandAck>;
}

export interface CancelJob {
  readonly kind: 'cancel';
  readonly id: string;
  readonly line: string;
  readonly settle: Settle<CommandAck>;
}

/** A command the supervisor sends: the caller's, or its own bookkeeping (`sync`, `probe`). */
export type Job =
  | OrderJob
  | CancelJob
  | {
      readonly kind: 'query';
      readonly query: EngineQuery;
      readonly line: string;
      readonly settle: Settle<readonly EngineEvent[]>;
    }
  | {
      readonly kind: 'exec';
      readonly id: string;
      readonly line: string;
      readonly settle: Settle<readonly EngineEvent[]>;
    }
  | {
      readonly kind: 'tick';
      readonly symbol: string;
      readonly line: string;
      readonly settle: Settle<readonly EngineEvent[]>;
    }
  /** `QUERY ACCOUNT` after the last command of a write: its echo closes that command's block. */
  | { readonly kind: 'sync'; readonly line: string }
  /**
   * `QUERY ORDER id`: the state of an order that was in flight when the engine died, or of one a
   * cancel left unchanged (the venue has yet to confirm it).
   */
  | { readonly kind: 'probe'; readonly target: OrderJob | CancelJob; readonly line: string };

/** A caller's command refused before it reached the engine (it could not be sent safely). */
export class InvalidEngineCommandError extends Error {
  readonly code = 'bad_params';
}

// Ids and symbols go into a text line: anything but these characters could end the line or add
// keys to it. The engine applies its own, stricter, checks.
const TOKEN = /^[A-Za-z0-9._:/-]{1,64}$/;

function token(what: string, s: string): string {
  if (!TOKEN.test(s)) {
    throw new InvalidEngineCommandError(`${what} must be 1-64 characters of [A-Za-z0-9._:/-]`);
  }
  return s;
}

const line = (cmd: EngineCommand): string => formatCommand(cmd);

/** The `ORDER …` line of an order whose id is decided. */
export function orderLine(f: OrderCommandFields, id: string): string {
  const base = {
    clientOrderId: clientOrderId(token('client_order_id', id)),
    symbol: symbolId(token('symbol', f.symbol)),
    side: f.side,
    qty: f.qty,
    tif: f.tif ?? 'GTC',
    postOnly: f.postOnly ?? false,
    reduceOnly: f.reduceOnly ?? false,
  };
  // A missing price or stop becomes NaN, which the engine refuses with its own message.
  const price = f.price ?? Number.NaN;
  const stopPrice = f.stop ?? Number.NaN;
  let request: OrderRequest;
  switch (f.type) {
    case 'MARKET':
      request = { ...base, type: 'MARKET' };
      break;
    case 'LIMIT':
      request = { ...base, type: 'LIMIT', price };
      break;
    case 'STOP':
      request = { ...base, type: 'STOP', stopPrice };
      break;
    case 'STOP_LIMIT':
      request = { ...base, type: 'STOP_LIMIT', stopPrice, price };
      break;
  }
  return line({ type: 'submit_order', request });
}

export const cancelLine = (id: string): string =>
  line({ type: 'cancel_order', clientOrderId: clientOrderId(token('client_order_id', id)) });

export function queryLine(q: EngineQuery): string {
  if (typeof q === 'object') {
    return line({
      type: 'query',
      what: 'order',
      clientOrderId: clientOrderId(token('client_order_id', q.order)),
    });
  }
  if (q === 'ORDERS') return line({ type: 'query', what: 'orders' });
  if (q === 'ACCOUNT') return line({ type: 'query', what: 'account' });
  return line({ type: 'query', what: 'positions' });
}

export function execLine(r: ExecReport): string {
  const id = clientOrderId(token('client_order_id', r.clientOrderId));
  const common = { type: 'execution_report', clientOrderId: id, status: r.status } as const;
  if (r.kind === 'status') {
    return line({
      ...common,
      fillQty: null,
      fillPrice: null,
      fee: null,
      feeAsset: null,
      venueOrderId: r.venueOrderId ?? null,
      reason: r.reason ?? null,
      liquidity: null,
    });
  }
  return line({
    ...common,
    fillQty: r.fillQty,
    fillPrice: r.fillPrice,
    fee: r.fee,
    feeAsset: r.feeAsset,
    venueOrderId: r.venueOrderId,
    reason: null,
    liquidity: r.liquidity,
  });
}

export const tickLine = (symbol: string, price: number): string =>
  line({ type: 'market_tick', symbol: symbolId(token('symbol', symbol)), price, ts: null });

export const SYNC_LINE = 'QUERY ACCOUNT';

/** True for the event that opens a command's block: its echo, or the `error` of a bad line. */
export function isHead(e: EngineEvent): boolean {
  switch (e.type) {
    case 'order_received':
    case 'cancel_received':
    case 'query_received':
    case 'exec_received':
    case 'market': // a tick has no echo; its `market` event comes first
      return true;
    case 'error':
      return typeof e.line === 'number';
    default:
      return false;
  }
}

const QUERY_WHAT = { ORDERS: 'orders', ACCOUNT: 'account', POSITIONS: 'positions' } as const;

/** True when `head` (see `isHead`) is the echo of `job`, sent as input line `lineNo`. */
export function headMatches(job: Job, lineNo: number, head: EngineEvent): boolean {
  if (head.type === 'error') return head.line === lineNo;
  switch (job.kind) {
    case 'order':
      return head.type === 'order_received' && head.client_order_id === job.id;
    case 'cancel':
      return head.type === 'cancel_received' && head.client_order_id === job.id;
    case 'exec':
      return head.type === 'exec_received' && head.client_order_id === job.id;
    case 'tick':
      return head.type === 'market' && head.symbol === job.symbol.toUpperCase();
    case 'sync':
      return head.type === 'query_received' && head.what === 'account';
    case 'probe':
      return (
        head.type === 'query_received' &&
        head.what === 'order' &&
        head.client_order_id === job.target.id
      );
    case 'query': {
      const q = job.query;
      if (head.type !== 'query_received') return false;
      if (typeof q === 'object') return head.what === 'order' && head.client_order_id === q.order;
      return head.what === QUERY_WHAT[q];
    }
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The ack of an order or cancel from its block: the status of the last `order_update` for the id
 * (with the venue order id and reason seen), or REJECTED with the engine's message when the line
 * itself was refused. Null when the block holds no answer.
 */
export function ackFrom(id: string, block: readonly EngineEvent[]): CommandAck | null {
  const head = block[0];
  if (head?.type === 'error') {
    return { clientOrderId: id, status: 'REJECTED', reason: str(head.message) ?? 'bad command' };
  }
  let status: string | undefined;
  let venueOrderId: string | undefined;
  let reason: string | undefined;
  for (const e of block) {
    if (e.type !== 'order_update' || e.client_order_id !== id) continue;
    status = str(e.status) ?? status;
    venueOrderId = str(e.venue_order_id) ?? venueOrderId;
    reason = str(e.reason) ?? reason;
  }
  if (status === undefined) return null;
  return {
    clientOrderId: id,
    status,
    ...(venueOrderId === undefined ? {} : { venueOrderId }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** The ack an `order_state` (answer to `QUERY ORDER`) stands for. */
export function ackFromState(id: string, state: EngineEvent): CommandAck {
  const venueOrderId = str(state.venue_order_id);
  const reason = str(state.reason);
  return {
    clientOrderId: id,
    status: str(state.status) ?? 'UNKNOWN',
    ...(venueOrderId === undefined ? {} : { venueOrderId }),
    ...(reason === undefined ? {} : { reason }),
  };
}

/**
 * The answer to a query from its block. The block may also hold venue reports that fell due
 * (fills and their `position`/`account` reports, before or after the answer): only the answer's
 * types count, and for positions the last report of each symbol, which is the freshest.
 */
export function queryAnswer(q: EngineQuery, block: readonly EngineEvent[]): EngineEvent[] {
  const head = block[0];
  if (head?.type === 'error') return [head];
  const rest = block.slice(1);
  if (typeof q === 'object') {
    const hit = rest.find(
      (e) =>
        (e.type === 'order_state' || (e.type === 'error' && e.line === undefined)) &&
        e.client_order_id === q.order,
    );
    return hit === undefined ? [] : [hit];
  }
  if (q === 'ORDERS') return rest.filter((e) => e.type === 'order_state');
  if (q === 'ACCOUNT') {
    const hit = rest.find((e) => e.type === 'account');
    return hit === undefined ? [] : [hit];
  }
  const bySymbol = new Map<unknown, EngineEvent>();
  for (const e of rest) if (e.type === 'position') bySymbol.set(e.symbol, e);
  return [...bySymbol.values()];
}

/** What to send again for a job a crash left unanswered (nothing: it is failed here). */
export function recoveryOf(job: Job): Job[] {
  switch (job.kind) {
    case 'order':
      return [{ kind: 'probe', target: job, line: queryLine({ order: job.id }) }];
    case 'cancel':
    case 'query':
    case 'probe':
      return [job];
    case 'exec':
      job.settle.reject(
        new EngineUnavailableError(
          `the engine restarted before answering EXEC for ${job.id}: reconcile the order`,
        ),
      );
      return [];
    case 'tick':
      job.settle.reject(new EngineUnavailableError('the engine restarted before taking the tick'));
      return [];
    case 'sync':
      return [];
  }
}

/** Fails a job's caller (a probe's: the order or cancel it looks up). */
export function failJob(job: Job, error: Error): void {
  if (job.kind === 'sync') return;
  if (job.kind === 'probe') job.target.settle.reject(error);
  else job.settle.reject(error);
}
