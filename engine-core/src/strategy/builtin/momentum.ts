import { Donchian, Roc } from '../../indicators';
import type { Strategy, StrategyContext, StrategyInstance, StrategyOrderUpdate } from '../strategy';

const ALL_IN = { fraction: 1 } as const;

// Slots of the per-run state array: the channels as they stood at the previous bar's close.
const PREV_UPPER = 0;
const PREV_LOWER = 1;

/**
 * ROC + Donchian breakout, long-only, all-in. At the close of bar t: when flat, and
 * `ROC(rocPeriod) > threshold` and the close is above the previous bar's upper channel (the
 * highest high of the `entryPeriod` bars before t), buy at the next open; when long, and the
 * close is below the previous bar's lower channel of `exitPeriod` bars or `ROC < 0`, sell
 * everything at the next open. With `stopLoss > 0`, a STOP sell at
 * `entry price × (1 − stopLoss)` protects the position from the close of the entry bar on.
 */
export const momentum: Strategy = {
  name: 'momentum',
  description:
    'Buys a Donchian breakout (close above the previous upper channel) while ROC is above a threshold; exits below the previous lower exit channel or when ROC < 0.',
  params: [
    {
      name: 'rocPeriod',
      type: 'int',
      default: 24,
      min: 1,
      max: 1000,
      step: 1,
      description: 'rate-of-change lookback (bars)',
    },
    {
      name: 'threshold',
      type: 'float',
      default: 2,
      min: 0,
      max: 100,
      step: 0.5,
      description: 'entry needs ROC above this (percent, 2 = +2 % over the lookback)',
    },
    {
      name: 'entryPeriod',
      type: 'int',
      default: 20,
      min: 1,
      max: 1000,
      step: 1,
      description: 'Donchian breakout channel for entries (bars)',
    },
    {
      name: 'exitPeriod',
      type: 'int',
      default: 10,
      min: 1,
      max: 1000,
      step: 1,
      description: 'Donchian channel whose lower side is the exit (bars)',
    },
    {
      name: 'stopLoss',
      type: 'float',
      default: 0,
      min: 0,
      max: 0.5,
      step: 0.01,
      description: 'stop-loss below the entry price, as a fraction (0.05 = 5 %); 0 = no stop',
    },
  ],
  create(params): StrategyInstance {
    const roc = new Roc(params.rocPeriod as number);
    const entry = new Donchian(params.entryPeriod as number);
    const exit = new Donchian(params.exitPeriod as number);
    const threshold = params.threshold as number;
    const stopLoss = params.stopLoss as number;
    const prev = new Float64Array([Number.NaN, Number.NaN]);
    let stopId: string | null = null;
    return {
      onBar(ctx: StrategyContext): void {
        const i = ctx.bar;
        const { high, low, close } = ctx.candles;
        const c = close[i] as number;
        const h = high[i] as number;
        const l = low[i] as number;
        const r = roc.update(c);
        const pu = prev[PREV_UPPER] as number;
        const pl = prev[PREV_LOWER] as number;
        entry.update(h, l);
        exit.update(h, l);
        prev[PREV_UPPER] = entry.upper;
        prev[PREV_LOWER] = exit.lower;
        const pos = ctx.position();
        if (pos > 0) {
          // NaN compares false: nothing fires before the channels and ROC exist.
          if (c < pl || r < 0) {
            if (stopId !== null) ctx.cancel(stopId);
            stopId = null;
            ctx.closePosition();
          } else if (stopLoss > 0 && stopId === null) {
            stopId = ctx.submit({
              type: 'STOP',
              side: 'SELL',
              size: { qty: pos },
              stopPrice: ctx.avgPrice() * (1 - stopLoss),
              reduceOnly: true,
            });
          }
        } else if (pos === 0) {
          if (stopId !== null) ctx.cancel(stopId);
          stopId = null;
          if (r > threshold && c > pu) ctx.submit({ type: 'MARKET', side: 'BUY', size: ALL_IN });
        }
      },
      onOrderUpdate(_ctx: StrategyContext, u: StrategyOrderUpdate): void {
        // Our own cancels concern ids no longer tracked; anything final about the tracked one
        // means no stop works any more (the next bar places one if still long).
        if (u.clientOrderId !== stopId) return;
        if (
          u.status === 'FILLED' ||
          u.status === 'CANCELLED' ||
          u.status === 'REJECTED' ||
          u.status === 'EXPIRED'
        )
          stopId = null;
      },
    };
  },
};
