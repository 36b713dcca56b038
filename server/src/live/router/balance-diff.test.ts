import { describe, expect, it } from 'vitest';
import { balanceDifferences } from './balance-diff';

describe('balanceDifferences', () => {
  it('lists assets that differ, one side missing counts as zero; float noise is not a difference', () => {
    const engine = [
      { asset: 'USDT', free: 0.1 + 0.2, locked: 0 },
      { asset: 'BTC', free: 0.01, locked: 0 },
      { asset: 'SOL', free: 3, locked: 0 },
    ];
    const venue = [
      { asset: 'USDT', free: 0.3, locked: 0 },
      { asset: 'BTC', free: 0.008, locked: 0.002 },
      { asset: 'ETH', free: 1.5, locked: 0 },
    ];
    expect(balanceDifferences(engine, venue)).toEqual([
      {
        asset: 'BTC',
        engine: { free: 0.01, locked: 0 },
        venue: { free: 0.008, locked: 0.002 },
        totalDiff: 0,
      },
      {
        asset: 'ETH',
        engine: { free: 0, locked: 0 },
        venue: { free: 1.5, locked: 0 },
        totalDiff: 1.5,
      },
      {
        asset: 'SOL',
        engine: { free: 3, locked: 0 },
        venue: { free: 0, locked: 0 },
        totalDiff: -3,
      },
    ]);
  });

  it('equal books → no differences', () => {
    const b = [{ asset: 'USDT', free: 10_000, locked: 490 }];
    expect(balanceDifferences(b, b)).toEqual([]);
  });
});
