import type { VenueBalance } from '../venue-adapter';
import type { EngineBalance } from './engine-wire';
import type { BalanceDifference } from './router-events';

/** Absolute tolerance plus a relative one: float sums of many fills drift in the last digits. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Assets whose free or locked balance differs between the engine and the venue; an asset held
 * on one side only counts as zero on the other. Sorted by asset for stable reports.
 */
export function balanceDifferences(
  engine: readonly EngineBalance[],
  venue: readonly VenueBalance[],
): BalanceDifference[] {
  const zero = { free: 0, locked: 0 };
  const e = new Map(engine.map((b) => [b.asset, { free: b.free, locked: b.locked }]));
  const v = new Map(venue.map((b) => [b.asset, { free: b.free, locked: b.locked }]));
  const out: BalanceDifference[] = [];
  for (const asset of [...new Set([...e.keys(), ...v.keys()])].sort()) {
    const eb = e.get(asset) ?? zero;
    const vb = v.get(asset) ?? zero;
    if (same(eb.free, vb.free) && same(eb.locked, vb.locked)) continue;
    out.push({
      asset,
      engine: eb,
      venue: vb,
      totalDiff: vb.free + vb.locked - (eb.free + eb.locked),
    });
  }
  return out;
}
