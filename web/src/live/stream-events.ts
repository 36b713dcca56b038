// The SSE frames of GET /api/stream as typed events: the engine's §8 events through live-api's
// schemas, the router's events worded as notices. A frame that does not fit says which and why.
import { z } from 'zod';
import {
  accountSchema,
  type Checked,
  check,
  fillSchema,
  type LiveBalance,
  type LiveFill,
  type LivePosition,
  nullableString,
  positionSchema,
} from './live-api';

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
    case 'breaker': {
      const state = str(o.state);
      if (state !== null)
        return [state.replace('_', '-'), str(o.reason)].filter((x) => x !== null).join(': ');
      break;
    }
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
  'breaker',
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
