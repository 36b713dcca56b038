// Crash windows found in the real candles of ../shared/data and replayed against a portfolio.
// Each figure is checked against a deliberately plain recomputation (all pairs of bars; a
// bar-by-bar loop over the candles themselves). Skipped, with a visible note, without the data.
import { describe, expect, it } from 'vitest';
import type { Candles } from '../../market';
import { asset, liquidationPrice, symbolId } from '../../model';
import { sharedData } from '../../testing/shared-data';
import { type CrashWindow, worstWindows } from './crash-windows';
import type { PortfolioSnapshot } from './portfolio-snapshot';
import { scenarioFromWindow } from './scenario';
import { replayScenario } from './scenario-replay';

const DATA = sharedData('the crash-window and scenario replay tests are');
const DAY = 86_400_000;
const BTC = asset('BTC');
const ETH = asset('ETH');

/** All pairs (i < j, within the window), worst first, greedily without overlap: O(n · window). */
function plainWorst(c: Candles, windowMs: number, count: number) {
  const best: { i: number; j: number; move: number }[] = [];
  for (let i = 0; i < c.length; i++) {
    let j = -1;
    for (let k = i + 1; k < c.length && c.time[k] - c.time[i] <= windowMs; k++) {
      if (c.close[k] < c.close[i] && (j < 0 || c.close[k] < c.close[j])) j = k;
    }
    if (j >= 0) best.push({ i, j, move: c.close[j] / c.close[i] - 1 });
  }
  best.sort((a, b) => a.move - b.move || a.i - b.i);
  const out: typeof best = [];
  for (const b of best) {
    if (out.length === count) break;
    if (!out.some((o) => b.i <= o.j && b.j >= o.i)) out.push(b);
  }
  return out;
}

describe.skipIf(!DATA.available)('crash windows in the real data', () => {
  const btc = DATA.available ? DATA.load('binance-btcusdt-1h.csv') : (null as never);
  const eth = DATA.available ? DATA.load('binance-ethusdt-1h.csv') : (null as never);

  it('the worst 24 h falls of BTCUSDT 1h agree with the all-pairs scan', () => {
    const found = worstWindows(btc, { windowMs: DAY, count: 5, label: 'BTC' });
    const plain = plainWorst(btc, DAY, 5);
    expect(found.map((w) => [w.start, w.end])).toEqual(plain.map((p) => [p.i, p.j]));
    for (const [k, w] of found.entries()) {
      expect(w.move).toBeCloseTo(plain[k]?.move ?? Number.NaN, 12);
      expect(w.endTime - w.startTime).toBeLessThanOrEqual(DAY);
    }
    console.info(`BTCUSDT 1h, worst 24 h falls: ${found.map((w) => w.name).join('; ')}`);
    // The 19 May 2021 crash is the worst day in this file.
    expect(found[0]?.name.startsWith('2021-05-19 BTC −')).toBe(true);
  });

  it('the 2022-01-21 fall is the worst 24 h of the 1-minute BTC perpetual', () => {
    const perp = DATA.load('btc-perp-2022-01-1m.csv');
    const found = worstWindows(perp, { windowMs: DAY, count: 3, label: 'BTC-PERP' });
    const plain = plainWorst(perp, DAY, 3);
    expect(found.map((w) => [w.start, w.end])).toEqual(plain.map((p) => [p.i, p.j]));
    console.info(`BTC perp 1m, worst 24 h falls: ${found.map((w) => w.name).join('; ')}`);
    expect(found[0]?.name.startsWith('2022-01-21 BTC-PERP −')).toBe(true);
  });

  it('replays the worst BTC window on spot ETH + a 10× BTC long: P&L and liquidation', () => {
    const w = worstWindows(btc, { windowMs: DAY, count: 1, label: 'BTC' })[0] as CrashWindow;
    const sc = scenarioFromWindow(
      w,
      new Map([
        [BTC, btc],
        [ETH, eth],
      ]),
      BTC,
    );
    const margin = { leverage: 10, maintenanceMarginRate: 0.005 };
    const s: PortfolioSnapshot = {
      accountAsset: asset('USDT'),
      cash: 10_000,
      spot: [{ asset: ETH, qty: 2, price: 3000 }],
      perps: [
        {
          symbol: symbolId('BTCUSDT'),
          asset: BTC,
          qty: 0.5,
          avgPrice: 40_000,
          mark: 40_000,
          margin,
        },
      ],
      unpriced: [],
    };
    const r = replayScenario(s, sc);

    // Plain: walk the bars of both files by open time.
    const ethIndex = new Map<number, number>();
    for (let i = 0; i < eth.length; i++) ethIndex.set(eth.time[i], i);
    const e0 = ethIndex.get(btc.time[w.start]) as number;
    let worst = 0;
    let worstTime = 0;
    let liquidatedAt: number | null = null;
    const liq = liquidationPrice(margin, 0.5, 40_000) as number;
    for (let i = w.start; i <= w.end; i++) {
      const ei = ethIndex.get(btc.time[i]) as number;
      const pnl =
        6000 * (eth.close[ei] / eth.close[e0] - 1) +
        20_000 * (btc.close[i] / btc.close[w.start] - 1);
      if (pnl < worst) [worst, worstTime] = [pnl, btc.time[i] + btc.intervalMs];
      const low = (40_000 * btc.low[i]) / btc.close[w.start];
      if (i > w.start && liquidatedAt === null && low <= liq)
        liquidatedAt = btc.time[i] + btc.intervalMs;
    }
    expect(r.worstPnl).toBeCloseTo(worst, 6);
    expect(r.worstTime).toBe(worstTime);
    expect(r.worstIntrabarPnl).toBeLessThanOrEqual(r.worstPnl);
    expect(r.perps[0]?.liquidatedAt).toBe(liquidatedAt);
    // A 10× long cannot survive a fall of more than ~9.5 %.
    expect(w.move).toBeLessThan(-0.095);
    expect(liquidatedAt).not.toBeNull();
    console.info(
      `${r.scenario}: worst P&L ${worst.toFixed(0)} USDT, 10× long liquidated at ${new Date(liquidatedAt ?? 0).toISOString()}`,
    );
  });
});
