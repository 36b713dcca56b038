// What the engine must be told about an order once the venue has said what it knows of it
// (after an `unknown` place or cancel, or in reconciliation). Pure: reports and warnings out.
import type { ExecReport, VenueOrder } from '../venue-adapter';
import { QTY_EPS } from './fill-ledger';
import type { RouterWarningCode } from './router-events';
import type { TrackedOrder } from './tracked-order';

export interface Resolution {
  readonly reports: readonly ExecReport[];
  readonly warnings: readonly { readonly code: RouterWarningCode; readonly message: string }[];
}

/** Reason given to the engine for an order the venue has never seen. */
export const UNREACHABLE = 'venue unreachable';

const FINISHED = new Set<VenueOrder['status']>(['FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED']);

/**
 * The venue's word turned into EXEC reports. A venue that has never seen a NEW order means it
 * never got there: REJECTED, and it is never placed again. Missing fills are made up only for
 * orders the venue has finished: for an open order the stream (or a replay) still brings them,
 * and making them up now could count them twice.
 */
export function resolveFromVenue(
  t: TrackedOrder,
  vo: VenueOrder | null,
  tsMs: number,
  feeAsset: string,
): Resolution {
  const id = t.id;
  if (vo === null) {
    if (t.status === 'NEW') {
      return {
        reports: [
          { kind: 'status', clientOrderId: id, status: 'REJECTED', reason: UNREACHABLE, tsMs },
        ],
        warnings: [],
      };
    }
    return {
      reports: [],
      warnings: [
        {
          code: 'unknown_at_venue',
          message: `${id} is ${t.status} in the engine but the venue has no such order`,
        },
      ],
    };
  }
  const reports: ExecReport[] = [];
  const warnings: { code: RouterWarningCode; message: string }[] = [];
  const venueOrderId = vo.venueOrderId;
  if (t.status === 'NEW' && vo.status !== 'REJECTED') {
    reports.push({ kind: 'status', clientOrderId: id, status: 'ACCEPTED', venueOrderId, tsMs });
  }
  const gap = vo.executedQty - t.engineExecuted;
  if (gap > QTY_EPS * t.request.qty) {
    const price = vo.price ?? t.request.price;
    const numbers = `venue executed ${vo.executedQty}, engine ${t.engineExecuted}`;
    if (!FINISHED.has(vo.status)) {
      warnings.push({ code: 'fill_gap', message: `${id}: ${numbers}; waiting for the fills` });
    } else if (price === undefined) {
      warnings.push({
        code: 'fill_gap',
        message: `${id}: ${numbers}; no price to book the gap at`,
      });
    } else {
      reports.push({
        kind: 'fill',
        clientOrderId: id,
        status: vo.status === 'FILLED' ? 'FILLED' : 'PARTIALLY_FILLED',
        venueOrderId,
        tradeId: `reconciled:${vo.executedQty}`,
        fillQty: gap,
        fillPrice: price,
        fee: 0,
        feeAsset,
        liquidity: 'TAKER',
        tsMs,
      });
      warnings.push({
        code: 'fill_reconstructed',
        message: `${id}: ${numbers}; booked ${gap} at ${price} without a fee (trades not reported)`,
      });
    }
  }
  if (vo.status === 'CANCELLED' || vo.status === 'EXPIRED' || vo.status === 'REJECTED') {
    reports.push({
      kind: 'status',
      clientOrderId: id,
      status: vo.status,
      venueOrderId,
      reason: `${vo.status.toLowerCase()} at the venue (reconciled)`,
      tsMs,
    });
  }
  return { reports, warnings };
}
