import { z } from 'zod';
import {
  assetSchema,
  clientOrderIdSchema,
  liquiditySchema,
  orderRequestSchema,
  reservationSchema,
  sideSchema,
  symbolIdSchema,
  timestampSchema,
} from '../engine/state-codec';
import type { StateEvent } from '../model';

const ts = timestampSchema;
const clientOrderId = clientOrderIdSchema;

/**
 * One schema per `StateEvent` variant. `satisfies` makes the compiler insist on every `type`
 * (and no other); objects keep unknown keys so a decoded event equals the encoded one.
 */
const variants = {
  funds_deposited: z.looseObject({
    type: z.literal('funds_deposited'),
    ts,
    asset: assetSchema,
    amount: z.number(),
  }),
  order_submitted: z.looseObject({
    type: z.literal('order_submitted'),
    ts,
    request: orderRequestSchema,
    seq: z.number(),
    reserved: reservationSchema.nullable(),
  }),
  order_denied: z.looseObject({
    type: z.literal('order_denied'),
    ts,
    request: orderRequestSchema,
    seq: z.number(),
    reason: z.string(),
  }),
  order_accepted: z.looseObject({
    type: z.literal('order_accepted'),
    ts,
    clientOrderId,
    venueOrderId: z.string(),
  }),
  order_rejected: z.looseObject({
    type: z.literal('order_rejected'),
    ts,
    clientOrderId,
    reason: z.string(),
  }),
  order_triggered: z.looseObject({ type: z.literal('order_triggered'), ts, clientOrderId }),
  order_filled: z.looseObject({
    type: z.literal('order_filled'),
    ts,
    clientOrderId,
    symbol: symbolIdSchema,
    side: sideSchema,
    status: z.enum(['PARTIALLY_FILLED', 'FILLED']),
    qty: z.number(),
    price: z.number(),
    fee: z.number(),
    feeAsset: assetSchema,
    liquidity: liquiditySchema,
  }),
  order_cancelled: z.looseObject({
    type: z.literal('order_cancelled'),
    ts,
    clientOrderId,
    reason: z.string().nullable(),
  }),
  order_expired: z.looseObject({
    type: z.literal('order_expired'),
    ts,
    clientOrderId,
    reason: z.string(),
  }),
  market_updated: z.looseObject({
    type: z.literal('market_updated'),
    ts,
    symbol: symbolIdSchema,
    price: z.number(),
  }),
  kill_switch_tripped: z.looseObject({
    type: z.literal('kill_switch_tripped'),
    ts,
    reason: z.string(),
  }),
} satisfies { readonly [K in StateEvent['type']]: z.ZodType<{ type: K }> };

/** The `type` tags a journal may hold. */
export const STATE_EVENT_TYPES: readonly StateEvent['type'][] = Object.keys(
  variants,
) as StateEvent['type'][];

/** Schema of `StateEvent`, keyed by `type`. Its output type is checked against `StateEvent`. */
export const stateEventSchema: z.ZodType<StateEvent> = z.discriminatedUnion('type', [
  variants.funds_deposited,
  variants.order_submitted,
  variants.order_denied,
  variants.order_accepted,
  variants.order_rejected,
  variants.order_triggered,
  variants.order_filled,
  variants.order_cancelled,
  variants.order_expired,
  variants.market_updated,
  variants.kill_switch_tripped,
]);
