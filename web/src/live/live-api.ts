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
/** A string, or null when absent. */
export const nullableString = z
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

const breakerSchema = z
  .looseObject({
    state: z.enum(['closed', 'open', 'half_open']),
    reason: nullableString,
    opened_at_ms: nullableNumber,
    probe_at_ms: nullableNumber,
    probes: z.looseObject({ sent: z.number(), ok: z.number(), needed: z.number() }).nullish(),
    window: z
      .looseObject({ orders: z.number(), failed: z.number(), realized_pnl: z.number() })
      .nullish(),
    limits: z.looseObject({
      max_loss: nullableNumber,
      loss_window_ms: z.number(),
      max_error_rate: nullableNumber,
      error_window_ms: z.number(),
      min_orders: z.number(),
      cool_down_ms: z.number(),
      probe_orders: z.number(),
    }),
    persisted: z.boolean().nullish(),
  })
  .transform((b) => ({
    state: b.state,
    reason: b.reason,
    openedAtMs: b.opened_at_ms,
    probeAtMs: b.probe_at_ms,
    probes: b.probes ?? null,
    window:
      b.window == null
        ? null
        : { orders: b.window.orders, failed: b.window.failed, realizedPnl: b.window.realized_pnl },
    limits: {
      maxLoss: b.limits.max_loss,
      lossWindowMs: b.limits.loss_window_ms,
      maxErrorRate: b.limits.max_error_rate,
      errorWindowMs: b.limits.error_window_ms,
      minOrders: b.limits.min_orders,
      coolDownMs: b.limits.cool_down_ms,
      probeOrders: b.limits.probe_orders,
    },
    persisted: b.persisted === true,
  }));
/** The desk's circuit breaker: closed, open (with why and when it probes) or half-open. */
export type LiveBreaker = z.output<typeof breakerSchema>;

const liveSchema = z
  .looseObject({
    armed: z.boolean(),
    venue: z.string(),
    /** The desk's phase (`idle`, `arming`, `running`, `failed`) and why it failed. */
    phase: nullableString,
    reason: nullableString,
    kill_switch: killSwitchSchema,
    connection: connectionSchema,
    /** Absent from a server without a breaker. */
    breaker: breakerSchema.nullish(),
  })
  .transform((l) => ({
    armed: l.armed,
    venue: l.venue,
    phase: l.phase,
    reason: l.reason,
    killSwitch: l.kill_switch,
    connection: l.connection,
    breaker: l.breaker ?? null,
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

/** Also read from the event stream (stream-events.ts). */
export const fillSchema = z
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
/** Also read from the event stream (stream-events.ts). */
export const accountSchema = z.preprocess(
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

/** Also read from the event stream (stream-events.ts). */
export const positionSchema = z
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

/** The answer to an action (arm, kill switch, keys): `ok: false` carries why it was declined. */
const actionSchema = z
  .looseObject({ ok: z.boolean().optional(), reason: nullableString, message: nullableString })
  .transform((a) =>
    a.ok === false ? (a.reason ?? a.message ?? 'declined (no reason given)') : null,
  );

// ---- the calls --------------------------------------------------------------------------------

/** A checked value, or why it does not fit. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** Runs a schema: the value, or `path: reason; …`. */
export function check<T>(schema: z.ZodType<T>, body: unknown): Checked<T> {
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

/** An action's answer: a declined one (`ok: false`) becomes a `refused` ApiError. */
async function action(p: Promise<ApiResult<string | null>>): Promise<ApiResult<null>> {
  const r = await p;
  if (!r.ok) return r;
  return r.value === null
    ? { ok: true, value: null }
    : { ok: false, error: { kind: 'refused', message: r.value } };
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
    return action(this.http.call('POST', '/api/credentials', parser(actionSchema), body));
  }
  deleteCredentials(venue: VenueId): Promise<ApiResult<null>> {
    return action(this.http.call('DELETE', `/api/credentials/${venue}`, parser(actionSchema)));
  }
  live(signal?: AbortSignal): Promise<ApiResult<LiveStatus>> {
    return this.http.call('GET', '/api/live', parser(liveSchema), undefined, signal);
  }
  /** Arms live routing: `confirm` must be the venue id (the server checks it too). */
  arm(confirm: string): Promise<ApiResult<null>> {
    return action(
      this.http.call('POST', '/api/live', parser(actionSchema), { armed: true, confirm }),
    );
  }
  disarm(): Promise<ApiResult<null>> {
    return action(this.http.call('POST', '/api/live', parser(actionSchema), { armed: false }));
  }
  engageKillSwitch(reason: string): Promise<ApiResult<null>> {
    return action(
      this.http.call('POST', '/api/kill_switch', parser(actionSchema), { engaged: true, reason }),
    );
  }
  releaseKillSwitch(): Promise<ApiResult<null>> {
    return action(
      this.http.call('POST', '/api/kill_switch', parser(actionSchema), { engaged: false }),
    );
  }
  /** Closes the circuit breaker by hand. */
  resetBreaker(): Promise<ApiResult<null>> {
    return action(this.http.call('POST', '/api/breaker/reset', parser(actionSchema), {}));
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
