import type { Asset, SymbolId } from '../../model';
import { assert } from '../../util';
import { perpMarginAt } from './perp-margin';
import type { PortfolioSnapshot } from './portfolio-snapshot';
import type { Scenario, ScenarioPath } from './scenario';

/** How one perpetual fared along a replayed scenario (each bar at its adverse extreme). */
export interface PerpReplay {
  readonly symbol: SymbolId;
  readonly worstMarginRatio: number;
  readonly minDistanceToLiquidation: number;
  /** Close time of the first bar whose low (long) or high (short) reached liquidation. */
  readonly liquidatedAt: number | null;
}

/** The outcome of replaying a scenario against a portfolio. */
export interface ReplayResult {
  readonly scenario: string;
  /** Lowest mark-to-market P&L over the steps' closes, and when. */
  readonly worstPnl: number;
  readonly worstTime: number;
  /** A bound: every holding at its own bar's worst price at once (low if long, high if short). */
  readonly worstIntrabarPnl: number;
  readonly finalPnl: number;
  readonly perps: readonly PerpReplay[];
}

/**
 * Applies the scenario's path of returns to today's holdings (each holding's price moves as its
 * asset's path, or the proxy's) and follows P&L and perpetual margin along it. Like
 * `stressTest`, P&L is not capped at a liquidated position's margin.
 */
export function replayScenario(s: PortfolioSnapshot, sc: Scenario): ReplayResult {
  const proxy = sc.paths.get(sc.proxy);
  assert(proxy !== undefined, `scenario ${sc.name} has no path for its proxy ${sc.proxy}`);
  const pathOf = (a: Asset): ScenarioPath => sc.paths.get(a) ?? proxy;
  // A holding is its value at the start and its path; spot and perps move alike (linear).
  const legs = [
    ...s.spot.map((h) => ({ value: h.qty * h.price, path: pathOf(h.asset) })),
    ...s.perps.map((p) => ({ value: p.qty * p.mark, path: pathOf(p.asset) })),
  ];
  const perps = s.perps.map((p) => ({
    holding: p,
    path: pathOf(p.asset),
    worstMarginRatio: perpMarginAt(p, p.mark).marginRatio,
    minDistanceToLiquidation: perpMarginAt(p, p.mark).distanceToLiquidation,
    liquidatedAt: null as number | null,
  }));
  let worstPnl = 0;
  let worstTime = sc.times[0] ?? Number.NaN;
  let worstIntrabarPnl = 0;
  let pnl = 0;
  for (let k = 0; k < sc.times.length; k++) {
    pnl = 0;
    let intrabar = 0;
    for (const leg of legs) {
      pnl += leg.value * leg.path.close[k];
      intrabar += leg.value * (leg.value >= 0 ? leg.path.low[k] : leg.path.high[k]);
    }
    if (pnl < worstPnl) {
      worstPnl = pnl;
      worstTime = sc.times[k];
    }
    worstIntrabarPnl = Math.min(worstIntrabarPnl, intrabar);
    for (const p of perps) {
      const move = p.holding.qty > 0 ? p.path.low[k] : p.path.high[k];
      const m = perpMarginAt(p.holding, p.holding.mark * (1 + move));
      p.worstMarginRatio = Math.max(p.worstMarginRatio, m.marginRatio);
      p.minDistanceToLiquidation = Math.min(p.minDistanceToLiquidation, m.distanceToLiquidation);
      if (m.liquidated && p.liquidatedAt === null) p.liquidatedAt = sc.times[k];
    }
  }
  return {
    scenario: sc.name,
    worstPnl,
    worstTime,
    worstIntrabarPnl,
    finalPnl: pnl,
    perps: perps.map((p) => ({
      symbol: p.holding.symbol,
      worstMarginRatio: p.worstMarginRatio,
      minDistanceToLiquidation: p.minDistanceToLiquidation,
      liquidatedAt: p.liquidatedAt,
    })),
  };
}
