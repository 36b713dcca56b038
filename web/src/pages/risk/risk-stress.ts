// The stress table: engine-core's `stressTest` under each shock to every asset at once, and to
// each held asset alone; perpetuals show their margin ratio and distance to liquidation after.
import type { Asset } from '../../../../engine-core/src/model';
import {
  type PortfolioSnapshot,
  type StressResult,
  stressTest,
  uniformShock,
} from '../../../../engine-core/src/risk';

/** The shocks the table applies, as fractions. */
export const SHOCKS = [-0.2, -0.1, -0.05, 0.05, 0.1] as const;

/** What a row shocks: every asset, or one. */
export type ShockTarget =
  | { readonly kind: 'all' }
  | { readonly kind: 'asset'; readonly asset: Asset };

/** One row of the table: a target and its result under each shock (in `SHOCKS` order). */
export interface StressRow {
  readonly target: ShockTarget;
  readonly results: readonly StressResult[];
}

/** The assets the account holds (spot or perpetual), in name order. */
export function heldAssets(s: PortfolioSnapshot): Asset[] {
  const set = new Set<Asset>();
  for (const h of s.spot) set.add(h.asset);
  for (const p of s.perps) set.add(p.asset);
  return [...set].sort();
}

/** The whole table: all assets first, then each held asset alone. */
export function stressRows(s: PortfolioSnapshot): readonly StressRow[] {
  const all: StressRow = {
    target: { kind: 'all' },
    results: SHOCKS.map((x) => stressTest(s, uniformShock(x))),
  };
  const each = heldAssets(s).map(
    (asset): StressRow => ({
      target: { kind: 'asset', asset },
      results: SHOCKS.map((x) => stressTest(s, { byAsset: new Map([[asset, x]]), others: 0 })),
    }),
  );
  return [all, ...each];
}

/** A shock as the header writes it: −20 %, +5 %. */
export const shockLabel = (x: number): string =>
  `${x < 0 ? '−' : '+'}${Math.round(Math.abs(x) * 100)} %`;
