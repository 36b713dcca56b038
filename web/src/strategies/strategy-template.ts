/** The name a new strategy gets (then `-2`, `-3`, … while taken). */
export const TEMPLATE_NAME = 'ema-cross-stop';

/**
 * The source of a new strategy: an EMA cross, long only, with a protective stop below each
 * entry. It compiles and trades on the bundled sample (a test checks both), so "New" gives the
 * user something that runs before they change a line.
 */
export const STRATEGY_TEMPLATE = `import { defineStrategy, Ema } from 'veloz';

/** Buys when the fast EMA crosses above the slow one; a stop guards each entry. */
export default defineStrategy({
  name: 'ema-cross-stop',
  description: 'EMA cross, long only, with a stop-loss below the entry',
  params: [
    { name: 'fast', type: 'int', default: 12, min: 2, max: 200, step: 1, description: 'fast EMA' },
    { name: 'slow', type: 'int', default: 26, min: 3, max: 400, step: 1, description: 'slow EMA' },
    { name: 'stop', type: 'float', default: 0.03, min: 0.01, max: 0.2, step: 0.01,
      description: 'stop-loss below the entry price (fraction)' },
  ],
  create(p) {
    const fast = new Ema(p.fast as number);
    const slow = new Ema(p.slow as number);
    let wasUp = false;
    return {
      onBar(ctx) {
        const close = ctx.candles.close[ctx.bar] as number;
        const f = fast.update(close);
        const s = slow.update(close);
        const up = f > s;
        if (up && !wasUp && ctx.position() === 0) {
          ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } });
        } else if (!up && ctx.position() > 0) {
          ctx.cancelAll();
          ctx.closePosition();
        }
        wasUp = up;
      },
      onFill(ctx, fill) {
        if (fill.side === 'BUY') {
          const stopPrice = fill.price * (1 - (p.stop as number));
          const size = { qty: ctx.position() };
          ctx.submit({ type: 'STOP', side: 'SELL', size, stopPrice, reduceOnly: true });
        } else if (ctx.position() === 0) {
          ctx.cancelAll();
        }
        ctx.log(\`\${fill.side} \${fill.qty.toFixed(4)} @ \${fill.price.toFixed(2)}\`);
      },
    };
  },
});
`;
