import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util';
import { BTC, barRig, type RigBar, T0 } from './testing/rigs';

const MIN = 60_000;

/** A seeded random walk of bars around 40 000. */
function walkBars(seed: number, n: number): RigBar[] {
  const rng = mulberry32(seed);
  let px = 40_000;
  return Array.from({ length: n }, (_, i) => {
    const open = px;
    const close = Math.round(open * (1 + (rng() - 0.5) * 0.004) * 100) / 100;
    px = close;
    const high = Math.max(open, close) * (1 + rng() * 0.002);
    const low = Math.min(open, close) * (1 - rng() * 0.002);
    return { time: T0 + i * MIN, open, high, low, close, volume: 1 + rng() * 20 };
  });
}

function run(r: ReturnType<typeof barRig>, bars: readonly RigBar[], after: () => void) {
  for (let i = 0; i < bars.length; i++) {
    r.step(bars[i] as RigBar, i > 0 ? (bars[i - 1] as RigBar) : null, MIN);
    after();
  }
}

describe('scheduler properties on the bar venue', () => {
  it('property: an iceberg never has more than one child or more than its visible size open', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
        fc.integer({ min: 1, max: 50 }).map((n) => n / 100), // visible 0.01 .. 0.5
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: -30, max: 30 }), // limit offset, bps from the start
        (seed, side, visible, variance, offBps) => {
          const r = barRig({ btc: 100 });
          const price = Math.round(40_000 * (1 + offBps / 10_000) * 100) / 100;
          const res = r.sched.submit(
            {
              algo: 'iceberg',
              symbol: BTC,
              side,
              qty: 1,
              price,
              visibleQty: visible,
              sizeVariance: variance,
              seed,
            },
            T0,
          );
          expect(res.ok).toBe(true);
          run(r, walkBars(seed, 120), () => {
            const open = r.openChildren();
            expect(open.length).toBeLessThanOrEqual(1);
            for (const o of open)
              expect(o.request.qty - o.executedQty).toBeLessThanOrEqual(visible + 1e-12);
          });
          const p = r.sched.progress(res.ok ? res.value : ('' as never));
          expect(p?.filledQty).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: a TWAP fills exactly its quantity within its window, whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 200 }).map((n) => n / 100),
        (seed, slices, timeJitter, sizeJitter, qty) => {
          const r = barRig();
          const start = T0 + 3 * MIN;
          r.sched.submit(
            {
              algo: 'twap',
              symbol: BTC,
              side: 'BUY',
              qty,
              startTs: start,
              durationMs: 60 * MIN,
              slices,
              timeJitter,
              sizeJitter,
              seed,
            },
            T0,
          );
          run(r, walkBars(seed, 70), () => {});
          const fills = r.events.filter((e) => e.type === 'order_filled');
          const filled = fills.reduce((s, e) => s + (e.type === 'order_filled' ? e.qty : 0), 0);
          const p = r.sched.progress('algo-1' as never);
          // Done: all of it, or a remainder under BTCUSDT's 5 USDT min notional left unfilled.
          expect(p?.state.kind).toBe('done');
          const unfilled = p?.state.kind === 'done' ? p.state.unfilledQty : Number.NaN;
          expect(filled + unfilled).toBeCloseTo(qty, 9);
          expect(unfilled * 40_000 * 1.01).toBeLessThan(5 * 1.02);
          // A slice fires at the first bar at or after its time: the last one at the end at worst.
          for (const f of fills) expect(f.ts).toBeLessThanOrEqual(start + 60 * MIN);
        },
      ),
      { numRuns: 40 },
    );
  });
});
