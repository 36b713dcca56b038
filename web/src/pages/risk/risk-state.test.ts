import { describe, expect, it } from 'vitest';
import { symbolId } from '../../../../engine-core/src/model';
import { breakerStep, DEFAULT_RISK_LIMITS, initialBreaker } from '../../../../engine-core/src/risk';
import type { PaperFill, PaperLogLine } from '../../paper/paper-api';
import { breakerFromView, fillPnl, PAPER_BREAKER } from './risk-breaker';
import { limitRows } from './risk-limits';

const fill = (ts: number, side: 'BUY' | 'SELL', qty: number, price: number, fee: number) =>
  ({ ts, clientOrderId: `t${ts}`, side, qty, price, fee, liquidity: 'TAKER' }) as PaperFill;

describe('limit use', () => {
  it('reads counts, notionals and the kill switch’s fractions against the limits, by hand', () => {
    const rows = limitRows({
      openOrders: [
        {
          clientOrderId: 'o1',
          side: 'BUY',
          type: 'LIMIT',
          qty: 0.5,
          filledQty: 0.1,
          price: 30_000,
          stopPrice: null,
          tif: 'GTC',
          postOnly: false,
          reduceOnly: false,
          status: 'NEW',
          createdTs: 0,
        },
      ],
      positions: [
        {
          symbol: symbolId('BTCUSDT'),
          qty: 0.2,
          avgPrice: 39_000,
          realizedPnl: 0,
          unrealizedPnl: 200,
          markPrice: 40_000,
          liquidationPrice: null,
        },
      ],
      equity: 9_000,
      risk: {
        limits: DEFAULT_RISK_LIMITS,
        recentOrders: 3,
        peakEquity: 12_000,
        dayStartEquity: 10_000,
        killSwitch: null,
      },
    });
    const by = new Map(rows.map((r) => [r.key, r]));
    expect(by.get('maxOpenOrders')).toMatchObject({ used: 1, limit: 500, ratio: 1 / 500 });
    expect(by.get('maxPositionNotional')).toMatchObject({ used: 8_000, ratio: 8_000 / 250_000 });
    expect(by.get('maxOrderNotional')?.used).toBeCloseTo(0.4 * 30_000, 9);
    expect(by.get('maxOrdersPerWindow')).toMatchObject({ used: 3, ratio: 3 / 50 });
    // Daily loss (10 000 − 9 000) / 10 000 = 10 % of a 20 % limit; drawdown 3 000 / 12 000.
    expect(by.get('maxDailyLoss')?.ratio).toBeCloseTo(0.5, 12);
    expect(by.get('maxDrawdown')?.used).toBeCloseTo(0.25, 12);
    expect(by.get('priceBand')).toMatchObject({ used: null, ratio: null, limit: 0.1 });
  });
});

describe('circuit breaker from the account’s events', () => {
  it('realized P&L per fill by average cost, net of fees, by hand', () => {
    const pnl = fillPnl([
      fill(1, 'BUY', 1, 100, 0.1),
      fill(2, 'BUY', 1, 200, 0.2),
      fill(3, 'SELL', 1.5, 120, 0.18),
    ]);
    // Average 150 after the buys; the sale realizes (120 − 150) × 1.5 = −45, minus its fee.
    expect(pnl.map((p) => p.amount)).toEqual([-0.1, -0.2, -45 - 0.18]);
  });

  it('trips on a realized loss above the limit in the window, as the reducer does by hand', () => {
    const fills = [fill(1_000, 'BUY', 1, 1_000, 0), fill(2_000, 'SELL', 1, 400, 0)];
    const s = breakerFromView({ log: [], fills, candles: [] });
    expect(s).toMatchObject({
      status: 'open',
      reason: { code: 'loss_rate', loss: 600, limit: PAPER_BREAKER.maxLoss },
      openedAt: 2_000,
    });
    // The same through engine-core's reducer step by step.
    let t = initialBreaker(1_000);
    t = breakerStep(t, { type: 'realized_pnl', ts: 1_000, amount: 0 }, PAPER_BREAKER);
    t = breakerStep(t, { type: 'realized_pnl', ts: 2_000, amount: -600 }, PAPER_BREAKER);
    expect(s).toEqual(t);
  });

  it('stays closed on small losses; opens on failed orders above the error rate', () => {
    const log: PaperLogLine[] = [1, 2, 3, 4].map((i) => ({
      ts: i * 1_000,
      kind: i === 1 ? 'order_accepted' : 'order_denied',
      text: `t${i} denied: max_order_notional`,
    }));
    expect(
      breakerFromView({ log: [], fills: [fill(1, 'BUY', 1, 10, 0.01)], candles: [] }).status,
    ).toBe('closed');
    const s = breakerFromView({ log, fills: [], candles: [] });
    expect(s).toMatchObject({
      status: 'open',
      reason: { code: 'error_rate', failed: 3, total: 4 },
    });
  });
});
