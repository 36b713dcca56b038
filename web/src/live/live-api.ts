// Every shape the Live page reads from the server (DESIGN §9 routes and the §8 events on the SSE
// stream), checked with zod in this one file: when the server's answers change, only this file
// does. Wire names (snake_case, ts_ns) stop here; the rest of the app sees the camelCase types.
import { z } from 'zod';
import type { ApiResult } from './api-error';
import type { BodyParser, HttpClient } from './http-client';

/** The venues the server knows. */
export const VENUE_IDS = ['binance', 'okx', 'bybit', 'coinbase'] as const;
export type VenueId = (typeof VENUE_IDS)[number];

/** Where a venue's keys come from; `absent` when there are none. */
export type CredentialOrigin = 'env' | 'file' | 'stored' | 'absent';

/** Venues whose keys come with a passphrase. */
export const needsPassphrase = (v: VenueId): boolean => v === 'okx' || v === 'coinbase';

const side = z.enum(['BUY', 'SELL']);
const origin = z.enum(['env', 'file', 'stored', 'absent']);
const nullableString = z
  .string()
  .nullish()
  .transform((s) => s ?? null);
const nullableNumber = z
  .number()
  .nullish()
  .transform((x) => x ?? null);
/** Nanoseconds as digits or a number (JSON loses the last digits; ms survive) → ms. */
const tsNs = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform((v) => Math.floor(Number(v) / 1e6));

/** Origins per venue; venues this page does not know are left out (a newer server may add some). */
const credentialMap = z
  .record(z.string(), origin)
  .transform((m): Readonly<Partial<Record<VenueId, CredentialOrigin>>> => {
    const out: Partial<Record<VenueId, CredentialOrigin>> = {};
    for (const v of VENUE_IDS) if (m[v] !== undefined) out[v] = m[v];
    return out;
  });

// ---- GET /api/config --------------------------------------------------------------------------

const configSchema = z
  .looseObject({
    mode: z.string(),
    venue: nullableString,
    symbols: z.array(z.string()),
    /** The engine's state; null when the server runs without one. */
    engine: nullableString,
    /** null when the server has no credential store. */
    credentials: credentialMap.nullish(),
  })
  .transform((c) => ({
    mode: c.mode,
    venue: c.venue,
    symbols: c.symbols,
    engine: c.engine,
    credentials: c.credentials ?? null,
  }));
/** The server's configuration as the page needs it (never keys). */
export type LiveConfig = z.output<typeof configSchema>;

/** GET /api/credentials: the origin per venue, under `origins`. */
const credentialsSchema = z.looseObject({ origins: credentialMap }).transform((c) => c.origins);

// ---- GET /api/live ----------------------------------------------------------------------------

const killSwitchSchema = z
  .looseObject({ engaged: z.boolean(), reason: nullableString })
  .transform(
    (k): KillSwitch => (k.engaged ? { engaged: true, reason: k.reason } : { engaged: false }),
  );
/** The kill switch: a reason only when engaged. */
export type KillSwitch =
  | { readonly engaged: false }
  | { readonly engaged: true; readonly reason: string | null };

const connectionSchema = z.looseObject({
  state: z.enum(['connecting', 'connected', 'reconnecting', 'closed']),
  attempt: nullableNumber,
  reason: nullableString,
});
/** The router's connection to the venue. */
export type VenueConnection = z.output<typeof connectionSchema>;

const liveSchema = z
  .looseObject({
    armed: z.boolean(),
    venue: z.string(),
    kill_switch: killSwitchSchema,
    connection: connectionSchema,
  })
  .transform((l) => ({
    armed: l.armed,
    venue: l.venue,
    killSwitch: l.kill_switch,
    connection: l.connection,
  }));
/** Whether live routing is armed, the kill switch, and the venue connection. */
export type LiveStatus = z.output<typeof liveSchema>;

// ---- orders, fills, account, positions --------------------------------------------------------

/** A list, bare or under `key` (`{orders: [...]}`), so either answer layout parses. */
const listOf = <T extends z.ZodType>(key: string, item: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const inner = (v as Record<string, unknown>)[key];
    return inner === undefined ? v : inner;
  }, z.array(item));

const orderStateSchema = z
  .looseObject({
    client_order_id: z.string(),
    status: z.string(),
    symbol: z.string(),
    side,
    order_qty: z.number(),
    limit_price: nullableNumber,
    venue_order_id: nullableString,
    executed_qty: z.number(),
    avg_price: z.number(),
    reason: nullableString,
    last_ts_ns: tsNs,
    order_type: z.string().optional(),
    stop: nullableNumber,
    tif: z.string().optional(),
    post_only: z.boolean().optional(),
    reduce_only: z.boolean().optional(),
  })
  .transform((o) => ({
    clientOrderId: o.client_order_id,
    status: o.status,
    symbol: o.symbol,
    side: o.side,
    qty: o.order_qty,
    price: o.limit_price,
    stopPrice: o.stop,
    type: o.order_type ?? (o.limit_price === null ? 'MARKET' : 'LIMIT'),
    tif: o.tif ?? 'GTC',
    postOnly: o.post_only ?? false,
    reduceOnly: o.reduce_only ?? false,
    venueOrderId: o.venue_order_id,
    executedQty: o.executed_qty,
    avgPrice: o.avg_price,
    reason: o.reason,
    ts: o.last_ts_ns,
  }));
/** One order as the engine knows it (`order_state`). */
export type LiveOrder = z.output<typeof orderStateSchema>;

const fillSchema = z
  .looseObject({
    ts_ns: tsNs,
    client_order_id: z.string(),
    symbol: z.string(),
    side,
    qty: z.number(),
    price: z.number(),
    fee: z.number(),
    fee_asset: z.string(),
    liquidity: z.enum(['MAKER', 'TAKER']),
  })
  .transform((f) => ({
    ts: f.ts_ns,
    clientOrderId: f.client_order_id,
    symbol: f.symbol,
    side: f.side,
    qty: f.qty,
    price: f.price,
    fee: f.fee,
    feeAsset: f.fee_asset,
    liquidity: f.liquidity,
  }));
/** One fill of one order. */
export type LiveFill = z.output<typeof fillSchema>;

const balanceSchema = z.looseObject({ asset: z.string(), free: z.number(), locked: z.number() });
/** Balances, from the account event (bare or under `account`). */
const accountSchema = z.preprocess(
  (v) =>
    typeof v === 'object' && v !== null && 'account' in v ? (v as { account: unknown }).account : v,
  z
    .looseObject({ balances: z.array(balanceSchema) })
    .transform((a) => a.balances.map((b) => ({ asset: b.asset, free: b.free, locked: b.locked }))),
);
/** One asset's balance. */
export type LiveBalance = {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
};

const positionSchema = z
  .looseObject({
    symbol: z.string(),
    qty: z.number(),
    avg_price: z.number(),
    realized_pnl: z.number(),
    unrealized_pnl: z.number(),
    liquidation_price: nullableNumber,
  })
  .transform((p) => ({
    symbol: p.symbol,
    qty: p.qty,
    avgPrice: p.avg_price,
    realizedPnl: p.realized_pnl,
    unrealizedPnl: p.unrealized_pnl,
    liquidationPrice: p.liquidation_price,
  }));
/** One position. */
export type LivePosition = z.output<typeof positionSchema>;

// ---- POST answers -----------------------------------------------------------------------------

const orderAckSchema = z
  .looseObject({
    ok: z.boolean(),
    client_order_id: nullableString,
    venue_order_id: nullableString,
    status: nullableString,
    reason: nullableString,
    message: nullableString,
  })
  .transform(
    (a): OrderAck =>
      a.ok && a.client_order_id !== null
        ? {
            ok: true,
            clientOrderId: a.client_order_id,
            venueOrderId: a.venue_order_id,
            status: a.status,
          }
        : {
            ok: false,
            clientOrderId: a.client_order_id,
            reason: a.reason ?? a.message ?? a.status ?? 'refused (no reason given)',
          },
  );
/** The answer to an order or a cancel: taken (with the ids), or refused with the reason. */
export type OrderAck =
  | {
      readonly ok: true;
      readonly clientOrderId: string;
      readonly venueOrderId: string | null;
      readonly status: string | null;
    }
  | { readonly ok: false; readonly clientOrderId: string | null; readonly reason: string };

/** Any JSON object: for answers whose content the page does not read (it refetches instead). */
const anyObject = z.looseObject({}).transform(() => null);

// ---- SSE events (GET /api/stream) -------------------------------------------------------------

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** One line for a router or engine notice; unknown shapes fall back to their JSON. */
function noticeText(name: string, o: Record<string, unknown>): string {
  switch (name) {
    case 'reconciliation':
      return `${plural(count(o.resolved), 'order')} settled from the venue, ${plural(count(o.foreignOrders), 'foreign order')}, ${plural(count(o.balanceDifferences), 'balance difference')}`;
    case 'connection': {
      const c =
        typeof o.state === 'object' && o.state !== null ? (o.state as Record<string, unknown>) : o;
      const state = str(c.state);
      if (state !== null) return [state, str(c.reason)].filter((x) => x !== null).join(': ');
      break;
    }
    case 'kill_switch':
      if (o.engaged === false) return 'released';
      break;
    case 'route_refused': {
      const id = str(o.clientOrderId) ?? str(o.client_order_id);
      if (id !== null)
        return `${id} refused${str(o.by) ? ` (${str(o.by)})` : ''}: ${str(o.reason) ?? ''}`;
      break;
    }
  }
  for (const k of ['message', 'reason', 'detail', 'state']) {
    const v = str(o[k]);
    if (v !== null) return v;
  }
  return JSON.stringify(o);
}

/** Routing steps that change an order's state but are not worth a notice. */
const ROUTINE: ReadonlySet<string> = new Set(['routed', 'cancel_sent', 'report_dropped']);

const orderUpdateSchema = z
  .looseObject({ client_order_id: z.string(), status: z.string(), reason: nullableString })
  .transform((u) => ({ clientOrderId: u.client_order_id, status: u.status, reason: u.reason }));
const marketSchema = z.looseObject({ symbol: z.string(), price: z.number() });

/** One event of the stream, as the page uses it. */
export type StreamEvent =
  | {
      readonly type: 'order_update';
      readonly clientOrderId: string;
      readonly status: string;
      readonly reason: string | null;
    }
  | { readonly type: 'fill'; readonly fill: LiveFill }
  | { readonly type: 'account'; readonly balances: readonly LiveBalance[] }
  | { readonly type: 'position'; readonly position: LivePosition }
  | { readonly type: 'market'; readonly symbol: string; readonly price: number }
  /** Router events (`live`, `kill_switch`, `reconciliation`, `warning`, `error`, engine start…). */
  | { readonly type: 'notice'; readonly name: string; readonly text: string }
  /** Routine routing steps (`routed`, `cancel_sent`…): orders changed, nothing to tell. */
  | { readonly type: 'routine'; readonly name: string }
  /** The server could not resume from our last id: refetch everything. */
  | { readonly type: 'reset' };

/** The SSE event names the stream client listens to (EventSource has no catch-all). */
export const STREAM_EVENT_NAMES = [
  'order_update',
  'fill',
  'account',
  'position',
  'market',
  'error',
  'engine_started',
  'engine_stopped',
  'kill_switch',
  'live',
  'connection',
  'reconciliation',
  'warning',
  'route_refused',
  'routed',
  'cancel_sent',
  'report_dropped',
  'reset',
  'message',
] as const;

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** Parses one SSE frame's `event:` name and `data:` text. */
export function parseStreamEvent(name: string, data: string): Checked<StreamEvent> {
  if (name === 'reset') return { ok: true, value: { type: 'reset' } };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, message: `${name}: data is not JSON` };
  }
  const at = (r: Checked<StreamEvent>): Checked<StreamEvent> =>
    r.ok ? r : { ok: false, message: `${name}: ${r.message}` };
  switch (name) {
    case 'order_update':
      return at(
        check(
          orderUpdateSchema.transform((u) => ({ type: name, ...u }) as const),
          json,
        ),
      );
    case 'fill':
      return at(
        check(
          fillSchema.transform((fill) => ({ type: name, fill }) as const),
          json,
        ),
      );
    case 'account':
      return at(
        check(
          accountSchema.transform((balances) => ({ type: name, balances }) as const),
          json,
        ),
      );
    case 'position':
      return at(
        check(
          positionSchema.transform((position) => ({ type: name, position }) as const),
          json,
        ),
      );
    case 'market':
      return at(
        check(
          marketSchema.transform(
            (m) => ({ type: name, symbol: m.symbol, price: m.price }) as const,
          ),
          json,
        ),
      );
    default:
      if (ROUTINE.has(name))
        return at(
          check(
            z.looseObject({}).transform(() => ({ type: 'routine', name }) as const),
            json,
          ),
        );
      return at(
        check(
          z
            .looseObject({})
            .transform((o) => ({ type: 'notice', name, text: noticeText(name, o) }) as const),
          json,
        ),
      );
  }
}

// ---- the calls --------------------------------------------------------------------------------

function check<T>(schema: z.ZodType<T>, body: unknown): Checked<T> {
  const r = schema.safeParse(body);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: issues(r.error) };
}

/** `path.to.field: reason; …`: precise enough to fix the server or this file. */
function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(
      (i) =>
        `${i.path.length === 0 ? 'body' : i.path.join('.')}: ${i.message.replace(/^Invalid input: /, '')}`,
    )
    .join('; ');
}

const parser =
  <T>(schema: z.ZodType<T>): BodyParser<T> =>
  (body) =>
    check(schema, body);

/** An order as POST /api/order takes it (DESIGN §9). */
export interface OrderRequestBody {
  readonly side: 'BUY' | 'SELL';
  readonly symbol: string;
  readonly qty: number;
  readonly type: 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT';
  readonly price?: number;
  readonly stop?: number;
  readonly tif?: 'GTC' | 'IOC' | 'FOK';
  readonly post_only?: boolean;
  readonly reduce_only?: boolean;
  readonly client_order_id?: string;
}

/** Keys typed into the credentials form: sent once, never kept. */
export interface CredentialsBody {
  readonly venue: VenueId;
  readonly api_key: string;
  readonly api_secret: string;
  readonly passphrase?: string;
}

/** The Live page's calls to the server, each a typed ApiResult. */
export class LiveApi {
  constructor(private readonly http: HttpClient) {}

  config(signal?: AbortSignal): Promise<ApiResult<LiveConfig>> {
    return this.http.call('GET', '/api/config', parser(configSchema), undefined, signal);
  }
  credentials(signal?: AbortSignal) {
    return this.http.call('GET', '/api/credentials', parser(credentialsSchema), undefined, signal);
  }
  saveCredentials(body: CredentialsBody): Promise<ApiResult<null>> {
    return this.http.call('POST', '/api/credentials', parser(anyObject), body);
  }
  deleteCredentials(venue: VenueId): Promise<ApiResult<null>> {
    return this.http.call('DELETE', `/api/credentials/${venue}`, parser(anyObject));
  }
  live(signal?: AbortSignal): Promise<ApiResult<LiveStatus>> {
    return this.http.call('GET', '/api/live', parser(liveSchema), undefined, signal);
  }
  /** Arms live routing: `confirm` must be the venue id (the server checks it too). */
  arm(confirm: string): Promise<ApiResult<null>> {
    return this.http.call('POST', '/api/live', parser(anyObject), { armed: true, confirm });
  }
  disarm(): Promise<ApiResult<null>> {
    return this.http.call('POST', '/api/live', parser(anyObject), { armed: false });
  }
  engageKillSwitch(reason: string): Promise<ApiResult<null>> {
    return this.http.call('POST', '/api/kill_switch', parser(anyObject), { engaged: true, reason });
  }
  releaseKillSwitch(): Promise<ApiResult<null>> {
    return this.http.call('POST', '/api/kill_switch', parser(anyObject), { engaged: false });
  }
  order(body: OrderRequestBody): Promise<ApiResult<OrderAck>> {
    return this.http.call('POST', '/api/order', parser(orderAckSchema), body);
  }
  cancel(clientOrderId: string, symbol?: string): Promise<ApiResult<OrderAck>> {
    const body =
      symbol === undefined
        ? { client_order_id: clientOrderId }
        : { client_order_id: clientOrderId, symbol };
    return this.http.call('POST', '/api/cancel', parser(orderAckSchema), body);
  }
  orders(signal?: AbortSignal): Promise<ApiResult<readonly LiveOrder[]>> {
    return this.http.call(
      'GET',
      '/api/orders_state',
      parser(listOf('orders', orderStateSchema)),
      undefined,
      signal,
    );
  }
  fills(signal?: AbortSignal): Promise<ApiResult<readonly LiveFill[]>> {
    return this.http.call(
      'GET',
      '/api/fills',
      parser(listOf('fills', fillSchema)),
      undefined,
      signal,
    );
  }
  account(signal?: AbortSignal): Promise<ApiResult<readonly LiveBalance[]>> {
    return this.http.call('GET', '/api/account', parser(accountSchema), undefined, signal);
  }
  positions(signal?: AbortSignal): Promise<ApiResult<readonly LivePosition[]>> {
    return this.http.call(
      'GET',
      '/api/positions',
      parser(listOf('positions', positionSchema)),
      undefined,
      signal,
    );
  }
}
