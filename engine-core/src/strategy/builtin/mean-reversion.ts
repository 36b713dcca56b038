import { Bollinger, Rsi } from '../../indicators';
import type { Strategy, StrategyContext, StrategyInstance, StrategyOrderUpdate } from '../strategy';

const ALL_IN = { fraction: 1 } as const;

/**
 * Bollinger + RSI mean reversion, long-only, all-in. At the close of bar t: when flat, and
 * `close < lower band` and `RSI < oversold`, buy at the next open; when long, and
 * `close ≥ middle band` or `RSI > overbought`, sell everything at the next open. With
 * `stopLoss > 0`, a STOP sell at `entry price × (1 − stopLoss)` protects the position from the
 * close of the entry bar on (it is cancelled when the position is closed on a signal).
 */
export const meanReversion: Strategy = {
  name: 'mean-reversion',
  description:
    'Buys below the lower Bollinger band when RSI is oversold; sells at the middle band or when RSI is overbought; optional stop-loss STOP order.',
  params: [
    {
      name: 'period',
      type: 'int',
      default: 20,
      min: 2,
      max: 1000,
      step: 1,
      description: 'Bollinger period (bars)',
    },
    {
      name: 'k',
      type: 'float',
      default: 2,
      min: 0.5,
      max: 5,
      step: 0.1,
      description: 'Bollinger band width, in population standard deviations',
    },
    {
      name: 'rsiPeriod',
      type: 'int',
      default: 14,
      min: 2,
      max: 500,
      step: 1,
      description: 'RSI period (bars, Wilder smoothing)',
    },
    {
      name: 'oversold',
      type: 'float',
      default: 30,
      min: 1,
      max: 50,
      step: 1,
      description: 'entry needs RSI below this (RSI points, 0–100)',
    },
    {
      name: 'overbought',
      type: 'float',
      default: 70,
      min: 50,
      max: 99,
      step: 1,
      description: 'exit when RSI is above this (RSI points, 0–100)',
    },
    {
      name: 'stopLoss',
      type: 'float',
      default: 0.05,
      min: 0,
      max: 0.5,
      step: 0.01,
      description: 'stop-loss below the entry price, as a fraction (0.05 = 5 %); 0 = no stop',
    },
  ],
  create(params): StrategyInstance {
    const bands = new Bollinger(params.period as number, params.k as number);
    const rsi = new Rsi(params.rsiPeriod as number);
    const oversold = params.oversold as number;
    const overbought = params.overbought as number;
    const stopLoss = params.stopLoss as number;
    let stopId: string | null = null;
    return {
      onBar(ctx: StrategyContext): void {
        const c = ctx.candles.close[ctx.bar] as number;
        bands.update(c);
        const r = rsi.update(c);
        const pos = ctx.position();
        if (pos > 0) {
          // NaN compares false: no exit before the indicators exist (they do by any entry).
          if (c >= bands.middle || r > overbought) {
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
          if (c < bands.lower && r < oversold)
            ctx.submit({ type: 'MARKET', side: 'BUY', size: ALL_IN });
        }
      },
      onOrderUpdate(_ctx: StrategyContext, u: StrategyOrderUpdate): void {
        if (u.clientOrderId !== stopId) return;
        // Our own cancels concern ids no longer tracked; anything final about the tracked one
        // means no stop works any more (the next bar places one if still long).
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
