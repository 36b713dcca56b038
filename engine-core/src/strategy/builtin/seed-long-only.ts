import type { ParamValues } from '../params';
import type { StrategyContext, StrategyInstance, StrategyOrderUpdate } from '../strategy';
import { planEntry, seedSizing } from './seed-sizing';

/** A bar's signal: +1 enter long (read when flat), −1 exit (read when long), 0 nothing. */
export type SeedSignal = -1 | 0 | 1;

/**
 * One run of a seed strategy: long-only, one position at a time. At the close of bar t,
 * `signal(close)` is computed (every bar, so indicators stay in step); when flat and it is +1, a
 * market buy sized by `planEntry`; when long and it is −1, the stop (if any) is cancelled and the
 * whole position sold at the next open. With a stop planned, a reduce-only STOP sell at the
 * planned price is placed at the close of the fill bar (it works from the bar after) and kept
 * until it fills or the position is closed on a signal.
 */
export function seedLongOnly(
  params: ParamValues,
  signal: (close: number) => SeedSignal,
): StrategyInstance {
  const sizing = seedSizing(params);
  // The stop planned for the entry in flight or the open position; NaN when none.
  let plannedStop = Number.NaN;
  let stopId: string | null = null;
  return {
    onBar(ctx: StrategyContext): void {
      const c = ctx.candles.close[ctx.bar] as number;
      const s = signal(c);
      const pos = ctx.position();
      if (pos > 0) {
        if (s === -1) {
          if (stopId !== null) ctx.cancel(stopId);
          stopId = null;
          plannedStop = Number.NaN;
          ctx.closePosition();
        } else if (stopId === null && !Number.isNaN(plannedStop)) {
          stopId = ctx.submit({
            type: 'STOP',
            side: 'SELL',
            size: { qty: pos },
            stopPrice: plannedStop,
            reduceOnly: true,
          });
        }
      } else if (pos === 0) {
        if (stopId !== null) ctx.cancel(stopId);
        stopId = null;
        plannedStop = Number.NaN;
        if (s === 1) {
          const plan = planEntry(sizing, ctx.equity(), c);
          plannedStop = plan.stop ?? Number.NaN;
          ctx.submit({ type: 'MARKET', side: 'BUY', size: plan.size });
        }
      }
    },
    onOrderUpdate(_ctx: StrategyContext, u: StrategyOrderUpdate): void {
      if (u.clientOrderId !== stopId) return;
      // A final state of the tracked stop: it no longer protects anything.
      if (
        u.status === 'FILLED' ||
        u.status === 'CANCELLED' ||
        u.status === 'REJECTED' ||
        u.status === 'EXPIRED'
      ) {
        stopId = null;
        plannedStop = Number.NaN;
      }
    },
  };
}
