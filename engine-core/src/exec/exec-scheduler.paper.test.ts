import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../model';
import { mulberry32 } from '../util';
import type { TwapSpec } from './algo-spec';
import { BTC, barRig, flatBars, paperRig, type RigBar, T0 } from './testing/rigs';

const MIN = 60_000;

const submitted = (events: readonly EngineEvent[]) =>
  events.flatMap((e) =>
    e.type === 'order_submitted' ? [{ ts: e.ts as number, qty: e.request.qty }] : [],
  );
const filledQty = (events: readonly EngineEvent[]) =>
  events.reduce((s, e) => (e.type === 'order_filled' ? s + e.qty : s), 0);

const TWAP: TwapSpec = {
  algo: 'twap',
  symbol: BTC,
  side: 'BUY',
  qty: 0.6,
  startTs: T0 + 5 * MIN,
  durationMs: 60 * MIN,
  slices: 6,
  timeJitter: 0.9,
  sizeJitter: 0.5,
  seed: 7,
};

describe('TWAP on the paper venue', () => {
  it('sends the same children at the same times as on the bar venue, and fills them on the book', () => {
    const bar = barRig();
    bar.sched.submit(TWAP, T0);
    const bars = flatBars(T0, MIN, 40_000, new Array(90).fill(10));
    for (const [i, b] of bars.entries()) bar.step(b, i > 0 ? (bars[i - 1] as RigBar) : null, MIN);

    const p = paperRig({ latencyMs: 25 });
    p.book.applyLevels([39_990, 5], [40_000, 0.05, 40_001, 10]);
    p.tick(40_000);
    p.sched.submit(TWAP, T0);
    for (let t = T0; t < T0 + 90 * MIN; t += MIN) {
      p.at(t);
      p.at(t + 25); // the venue's reports
    }
    expect(submitted(p.events)).toEqual(submitted(bar.events));
    expect(filledQty(p.events)).toBeCloseTo(0.6, 9);
    // Each child walked the book: 0.05 at 40 000, the rest at 40 001 (our fills never deplete it).
    const px = p.sched.progress('algo-1' as never);
    expect(px?.state).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    expect(px?.avgPrice).toBeGreaterThan(40_000);
    expect(px?.avgPrice).toBeLessThan(40_001);
  });

  it('cancelling the parent while a child is in flight cancels the child (no fill)', () => {
    const p = paperRig({ latencyMs: 100 });
    p.book.applyLevels([39_990, 5], [40_000, 10]);
    p.tick(40_000);
    const res = p.sched.submit({ ...TWAP, startTs: T0, timeJitter: 0 }, T0);
    p.at(T0);
    expect(p.openChildren()).toHaveLength(1);
    if (!res.ok) throw new Error(res.error);
    p.sched.cancel(res.value, T0);
    p.at(T0 + 100);
    p.at(T0 + 200);
    expect(p.openChildren()).toHaveLength(0);
    expect(p.events.filter((e) => e.type === 'order_cancelled')).toHaveLength(1);
    expect(filledQty(p.events)).toBe(0);
    for (let t = T0; t < T0 + 90 * MIN; t += MIN) p.at(t);
    expect(submitted(p.events)).toHaveLength(1);
    expect(p.sched.progress(res.value)?.state).toEqual({ kind: 'cancelled', reason: null });
    // A cancelled child is not a refusal.
    expect(p.exec.some((e) => e.type === 'child_refused')).toBe(false);
  });

  it('a child the venue expires unfilled (empty book) counts as a refusal', () => {
    const p = paperRig({ latencyMs: 0, retryDelayMs: 1_000 });
    p.tick(40_000); // a price but an empty book
    p.sched.submit({ ...TWAP, startTs: T0, timeJitter: 0 }, T0);
    for (let t = T0; t <= T0 + 3_000; t += 1_000) p.at(t);
    const refused = p.exec.filter((e) => e.type === 'child_refused');
    expect(refused.map((e) => e.reason)).toEqual(
      new Array(3).fill('expired: market_protection: the book has no more within 42000'),
    );
    expect(p.sched.progress('algo-1' as never)?.state.kind).toBe('failed');
  });
});

describe('POV on the paper venue, observing trades', () => {
  it('stays within ± tolerance of participation × traded volume after every trade', () => {
    const p = paperRig({ latencyMs: 20 });
    p.book.applyLevels([39_990, 50], [40_000, 50]);
    p.tick(40_000);
    const part = 0.1;
    const tol = 0.25;
    p.sched.submit(
      {
        algo: 'pov',
        symbol: BTC,
        side: 'BUY',
        qty: 100,
        participation: part,
        tolerance: tol,
        minChildQty: 0.001,
        maxChildQty: 5,
      },
      T0,
    );
    const rng = mulberry32(5);
    let volume = 0;
    for (let i = 1; i <= 300; i++) {
      const t = T0 + i * 1_000;
      p.at(t);
      const qty = Math.round((0.01 + rng()) * 1000) / 1000;
      volume += qty;
      p.trade(rng() < 0.5 ? 39_990 : 40_000, qty, rng() < 0.5 ? 'BUY' : 'SELL');
      p.at(t + 20); // the child reaches the venue and walks the book
      p.at(t + 40); // its fill report arrives
      const ratio = filledQty(p.events) / volume;
      expect(ratio).toBeGreaterThanOrEqual(part * (1 - tol));
      expect(ratio).toBeLessThanOrEqual(part * (1 + tol));
    }
  });
});

describe('Iceberg on the paper venue', () => {
  it('never shows more than its visible size at any moment, through queue fills and latency', () => {
    const p = paperRig({ latencyMs: 10, btc: 10 });
    p.book.applyLevels([40_000, 5], [40_010, 0.3]);
    p.tick(40_005);
    const visible = 0.2;
    p.sched.submit(
      {
        algo: 'iceberg',
        symbol: BTC,
        side: 'SELL',
        qty: 1,
        price: 40_010,
        visibleQty: visible,
        sizeVariance: 0.5,
        seed: 9,
      },
      T0,
    );
    const check = () => {
      const open = p.openChildren();
      expect(open.length).toBeLessThanOrEqual(1);
      const shown = open.reduce((s, o) => s + o.request.qty - o.executedQty, 0);
      expect(shown).toBeLessThanOrEqual(visible + 1e-12);
    };
    for (let i = 0; i < 100; i++) {
      const t = T0 + i * 1_000;
      p.at(t);
      check();
      p.trade(40_010, 0.13, 'BUY'); // buyers lift the ask: the queue ahead (0.3) first, then us
      check();
      p.at(t + 10);
      check();
      p.at(t + 20);
      check();
    }
    expect(filledQty(p.events)).toBeCloseTo(1, 9);
    const fills = p.events.filter((e) => e.type === 'order_filled');
    expect(fills.every((f) => f.type === 'order_filled' && f.price === 40_010)).toBe(true);
    expect(p.sched.progress('algo-1' as never)?.state.kind).toBe('done');
  });
});
