import { z } from 'zod';
import { describeZodError, sideSchema, symbolIdSchema } from '../engine/state-codec';
import { err, InvariantError, ok, type Result } from '../util';
import { frameLine, unframeLine } from '../wal/record-codec';
import { type AlgoSpec, checkAlgoSpec } from './algo-spec';
import type { FinalParentState, ParentId } from './parent-state';

/**
 * What the parent journal holds: a parent's commands and outcomes, past tense, `type`-tagged.
 * Progress (filled, children) is not journaled here: it is derived exactly from the children in
 * the engine's WAL (client ids `${parentId}.${k}`). POV's observed market volume is the one
 * figure the engine does not journal: `parent_volume` checkpoints it before each POV child.
 */
export type ParentRecord =
  | {
      readonly type: 'parent_created';
      readonly ts: number;
      readonly parentId: ParentId;
      readonly spec: AlgoSpec;
    }
  | { readonly type: 'parent_paused'; readonly ts: number; readonly parentId: ParentId }
  | { readonly type: 'parent_resumed'; readonly ts: number; readonly parentId: ParentId }
  | {
      readonly type: 'parent_ended';
      readonly ts: number;
      readonly parentId: ParentId;
      readonly state: FinalParentState;
    }
  | {
      readonly type: 'parent_volume';
      readonly ts: number;
      readonly parentId: ParentId;
      /** Market volume observed since the start (not while paused). */
      readonly observed: number;
    };

/** One journaled parent record, numbered from 1 without gaps. */
export interface NumberedParentRecord {
  readonly n: number;
  readonly record: ParentRecord;
}

const num = z.number();
const ts = z.number().int();
const parentId = z
  .string()
  .min(1)
  .transform((s) => s as ParentId);
const base = { symbol: symbolIdSchema, side: sideSchema, qty: num };
const opt = num.optional();

const childSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('market') }),
    z.object({
      type: z.literal('limit'),
      offsetBps: num,
      postOnly: z.boolean().optional(),
      chase: z.boolean(),
      chaseTicks: opt,
      chaseMinMs: opt,
      finishWithMarket: z.boolean().optional(),
    }),
  ])
  .optional();

const specSchema = z.discriminatedUnion('algo', [
  z.object({
    ...base,
    algo: z.literal('twap'),
    startTs: ts,
    durationMs: num,
    slices: z.number().int(),
    timeJitter: opt,
    sizeJitter: opt,
    seed: opt,
    child: childSchema,
  }),
  z.object({
    ...base,
    algo: z.literal('vwap'),
    child: childSchema,
    startTs: ts,
    endTs: ts,
    profile: z.object({ bucketMs: num, periodMs: num, shares: z.array(num) }),
  }),
  z.object({
    ...base,
    algo: z.literal('pov'),
    child: childSchema,
    participation: num,
    tolerance: num,
    minChildQty: num,
    maxChildQty: num,
    endTs: ts.nullable().optional(),
  }),
  z.object({
    ...base,
    algo: z.literal('iceberg'),
    price: num,
    visibleQty: num,
    sizeVariance: opt,
    seed: opt,
  }),
]);

const finalStateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('done'),
    unfilledQty: num.min(0),
    reason: z.string().nullable(),
    shortfall: z.enum(['window_ended', 'under_lot', 'limit_unfilled']).optional(),
  }),
  z.object({ kind: z.literal('cancelled'), reason: z.string().nullable() }),
  z.object({ kind: z.literal('failed'), reason: z.string() }),
]);

const variants = {
  parent_created: z.object({
    type: z.literal('parent_created'),
    ts,
    parentId,
    spec: specSchema,
  }),
  parent_paused: z.object({ type: z.literal('parent_paused'), ts, parentId }),
  parent_resumed: z.object({ type: z.literal('parent_resumed'), ts, parentId }),
  parent_ended: z.object({
    type: z.literal('parent_ended'),
    ts,
    parentId,
    state: finalStateSchema,
  }),
  parent_volume: z.object({
    type: z.literal('parent_volume'),
    ts,
    parentId,
    observed: num.min(0),
  }),
} satisfies { readonly [K in ParentRecord['type']]: z.ZodType<{ type: K }> };

/** The `type` tags a parent journal may hold. */
export const PARENT_RECORD_TYPES = Object.keys(variants) as readonly ParentRecord['type'][];

const recordSchema: z.ZodType<ParentRecord> = z.discriminatedUnion('type', [
  variants.parent_created,
  variants.parent_paused,
  variants.parent_resumed,
  variants.parent_ended,
  variants.parent_volume,
]);

const lineSchema = z.object({ n: z.number().int().min(1), record: recordSchema });

function toJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new InvariantError(`cannot journal ${String(v)} in field ${JSON.stringify(key)}`);
    return v;
  });
}

/**
 * Encodes a parent record as one checksummed line, the WAL's format (`<crc32> <json>`). Throws
 * (a bug) on a bad `n` or a number JSON cannot hold.
 */
export function encodeParentRecord(r: NumberedParentRecord): string {
  if (!(Number.isInteger(r.n) && r.n >= 1)) throw new InvariantError(`bad parent record n ${r.n}`);
  return frameLine(toJson({ n: r.n, record: r.record }));
}

/**
 * Decodes a line of `encodeParentRecord`: frame and checksum, JSON, the record by `type` (an
 * unknown type is named), and a `parent_created` spec that `checkAlgoSpec` accepts.
 */
export function decodeParentRecord(line: string): Result<NumberedParentRecord, string> {
  const json = unframeLine(line);
  if (!json.ok) return json;
  let data: unknown;
  try {
    data = JSON.parse(json.value) as unknown;
  } catch (e) {
    return err(`bad JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof data === 'object' && data !== null && 'record' in data) {
    const r = data.record;
    if (typeof r === 'object' && r !== null && 'type' in r) {
      if (!(PARENT_RECORD_TYPES as readonly unknown[]).includes(r.type))
        return err(`bad parent record: record.type: unknown type ${JSON.stringify(r.type)}`);
    }
  }
  const parsed = lineSchema.safeParse(data);
  if (!parsed.success) return err(`bad parent record: ${describeZodError(parsed.error)}`);
  const { n, record } = parsed.data;
  if (record.type === 'parent_created') {
    const bad = checkAlgoSpec(record.spec);
    if (bad !== null) return err(`bad parent record: record.spec: ${bad}`);
  }
  return ok({ n, record });
}
