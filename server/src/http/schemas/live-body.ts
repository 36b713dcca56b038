import { z } from 'zod';
import { type Parsed, parseWith } from './parse-result';

const liveShape = z.discriminatedUnion('armed', [
  // Arming names the venue: the trader typed it, so live trading is never one stray click away.
  z.strictObject({ armed: z.literal(true), confirm: z.string().min(1).max(32) }),
  z.strictObject({ armed: z.literal(false) }),
]);

/** `POST /api/live`: arm live routing on the configured venue, or disarm it. */
export type LiveRequest =
  | { readonly armed: true; readonly confirm: string }
  | { readonly armed: false };

export function parseLiveBody(body: unknown): Parsed<LiveRequest> {
  return parseWith(liveShape, body);
}

const killShape = z.discriminatedUnion('engaged', [
  z.strictObject({ engaged: z.literal(true), reason: z.string().min(1).max(200).optional() }),
  z.strictObject({ engaged: z.literal(false) }),
]);

/** `POST /api/kill_switch`: cancel everything at the venue and refuse new orders, or release. */
export type KillSwitchRequest =
  | { readonly engaged: true; readonly reason?: string }
  | { readonly engaged: false };

export function parseKillSwitchBody(body: unknown): Parsed<KillSwitchRequest> {
  return parseWith(killShape, body);
}
