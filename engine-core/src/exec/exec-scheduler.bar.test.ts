import { describe, expect, it } from 'vitest';
import { candlesFromColumns } from '../market';
import { asset, type EngineEvent } from '../model';
import { mulberry32 } from '../util';
import { volumeProfile } from './algos/volume-profile';
import type { ParentState } from './parent-state';
import { BTC, barRig, flatBars, type RigBar, T0 } from './testing/rigs';

const MIN = 60_000;
const HOUR = 3_600_000;

const submitted = (events: readonly EngineEvent[], prefix = 'algo-1.') =>
  events.flatMap((e) =>
    e.type === 'order_submitted' && e.request.clientOrderId.startsWith(prefix)
      ? [{ ts: e.ts as number, qty: e.request.qty, id: e.request.clientOrderId as string }]
      : [],
  );
const filledQty = (events: readonly EngineEvent[]) =>
  events.reduce((s, e) => (e.type === 'order_filled' ? s + e.qty : s), 0);
const stateOf = (r: ReturnType<typeof barRig>, id: string): ParentState | undefined =>
  r.sched.progress(id as never)?.state;

function run(
  r: ReturnType<typeof barRig>,
  bars: readonly RigBar[],
  barMs: number,
  after?: (i: number) => void,
) {
  for (let i = 0; i < bars.length; i++) {
    r.step(bars[i] as RigBar, i > 0 ? (bars[i - 1] as RigBar) : null, barMs);
    after?.(i);
  }
}

describe('TWAP on the bar venue', () => {
  it('finishes its quantity inside its window, each slice in its own interval, sized by the seeded plan', () => {
    const r = barRig();
    const start = T0 + 5 * MIN;
    const spec = {
      algo: 'twap' as const,
      symbol: BTC,
      side: 'BUY' as const,
      qty: 0.6,
      startTs: start,
      durationMs: 60 * MIN,
      slices: 6,
      timeJitter: 0.9,
      sizeJitter: 0.5,
      seed: 7,
    };
    expect(r.sched.submit(spec, T0).ok).toBe(true);
    run(r, flatBars(T0, MIN, 40_000, new Array(120).fill(10)), MIN);

    // The documented plan, recomputed here: per slice a time draw then a size draw.
    const rng = mulberry32(7);
    const interval = 10 * MIN;
    const times: number[] = [];
    const weights: number[] = [];
    for (let k = 0; k < 6; k++) {
      times.push(Math.floor(start + (k + rng() * 0.9) * interval));
      weights.push(1 + (2 * rng() - 1) * 0.5);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    const kids = submitted(r.events);
    expect(kids).toHaveLength(6);
    let cum = 0;
    let sent = 0;
    kids.forEach((c, k) => {
      // Fired at the first bar open at or after its planned time, inside its own interval.
      expect(c.ts).toBe(Math.ceil((times[k] as number) / MIN) * MIN);
      expect(c.ts - start).toBeGreaterThanOrEqual(k * interval);
      expect(c.ts - start).toBeLessThanOrEqual((k + 1) * interval);
      cum += (weights[k] as number) / total;
      const due = k === 5 ? 0.6 - sent : Math.floor((cum * 0.6 - sent) / 0.00001 + 1e-9) * 0.00001;
      expect(c.qty).toBeCloseTo(due, 9);
      sent += c.qty;
    });
    expect(filledQty(r.events)).toBeCloseTo(0.6, 9);
    const lastFill = r.events.filter((e) => e.type === 'order_filled').at(-1);
    expect(lastFill?.ts).toBeLessThan(start + 60 * MIN);
    expect(stateOf(r, 'algo-1')).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
    // The engine's account agrees: 0.6 BTC bought at 40 000, no fees.
    expect(r.engine.state.balances.get(asset('BTC'))?.free).toBeCloseTo(0.6, 9);
    expect(r.engine.state.balances.get(asset('USDT'))?.free).toBeCloseTo(1_000_000 - 24_000, 6);
  });

  it('a child refused by risk is retried after retryDelayMs and the parent fails after maxRefusals', () => {
    const r = barRig({ risk: { maxOrderNotional: 1_000 }, retryDelayMs: MIN, maxRefusals: 3 });
    r.sched.submit(
      {
        algo: 'twap',
        symbol: BTC,
        side: 'BUY',
        qty: 0.6,
        startTs: T0 + 5 * MIN,
        durationMs: 60 * MIN,
        slices: 6,
      },
      T0,
    );
    run(r, flatBars(T0, MIN, 40_000, new Array(30).fill(10)), MIN);
    const refused = r.exec.filter((e) => e.type === 'child_refused');
    expect(refused.map((e) => [e.ts - T0, e.consecutive, e.reason])).toEqual([
      [5 * MIN, 1, 'max_order_notional: 4000 > 1000'],
      [6 * MIN, 2, 'max_order_notional: 4000 > 1000'],
      [7 * MIN, 3, 'max_order_notional: 4000 > 1000'],
    ]);
    expect(stateOf(r, 'algo-1')).toEqual({
      kind: 'failed',
      reason: '3 children refused in a row; last: max_order_notional: 4000 > 1000',
    });
    expect(r.events.filter((e) => e.type === 'order_denied')).toHaveLength(3);
    expect(filledQty(r.events)).toBe(0);
  });

  it('a refusal followed by a fill resets the count: short of funds, then a deposit', () => {
    const r = barRig({ usdt: 1_000, retryDelayMs: MIN });
    r.sched.submit(
      {
        algo: 'twap',
        symbol: BTC,
        side: 'BUY',
        qty: 0.1,
        startTs: T0,
        durationMs: 20 * MIN,
        slices: 2,
      },
      T0,
    );
    const bars = flatBars(T0, MIN, 40_000, new Array(30).fill(10));
    r.step(bars[0] as RigBar, null, MIN);
    const refused = r.exec.filter((e) => e.type === 'child_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatch(/^insufficient_balance/);
    r.engine.deposit(asset('USDT'), 10_000);
    for (let i = 1; i < bars.length; i++) r.step(bars[i] as RigBar, bars[i - 1] as RigBar, MIN);
    // Denied at +0; retried at +1 min (0.05), then the second slice at +10 min (0.05).
    expect(refused[0]?.ts).toBe(T0);
    expect(submitted(r.events).map((c) => [c.ts - T0, c.qty])).toEqual([
      [MIN, 0.05],
      [10 * MIN, 0.05],
    ]);
    expect(filledQty(r.events)).toBeCloseTo(0.1, 12);
    expect(stateOf(r, 'algo-1')?.kind).toBe('done');
  });
});

describe('VWAP on the bar venue', () => {
  it('builds the time-of-day profile from history and sizes its slices by it', () => {
    // Three days of hourly bars; hour h trades (1 + h) × (day + 1): each day's shares are (1 + h) / 300.
    const n = 72;
    const time = new Float64Array(n);
    const px = new Float64Array(n).fill(40_000);
    const volume = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      time[i] = T0 + i * HOUR;
      volume[i] = (1 + (i % 24)) * (Math.floor(i / 24) + 1);
    }
    const history = candlesFromColumns('BTCUSDT', '1h', HOUR, {
      time,
      open: px,
      high: px,
      low: px,
      close: px,
      volume,
    });
    const profile = volumeProfile(history, HOUR);
    expect(profile.shares).toEqual(
      Array.from({ length: 24 }, (_, h) => expect.closeTo((1 + h) / 300, 12)),
    );

    const r = barRig();
    const day4 = T0 + 3 * 24 * HOUR;
    r.sched.submit(
      {
        algo: 'vwap',
        symbol: BTC,
        side: 'BUY',
        qty: 1.8,
        startTs: day4 + 2 * HOUR,
        endTs: day4 + 6 * HOUR,
        profile,
      },
      day4,
    );
    run(r, flatBars(day4, HOUR, 40_000, new Array(8).fill(100)), HOUR);
    // Hours 2..5 weigh 3, 4, 5, 6 (of 18): 0.3, 0.4, 0.5, 0.6 of 1.8.
    expect(submitted(r.events).map((c) => [(c.ts - day4) / HOUR, c.qty])).toEqual([
      [2, 0.3],
      [3, 0.4],
      [4, 0.5],
      [5, expect.closeTo(0.6, 9)],
    ]);
    expect(stateOf(r, 'algo-1')?.kind).toBe('done');
  });
});

describe('POV on the bar venue', () => {
  const rng = mulberry32(11);
  const volumes = Array.from({ length: 200 }, () => 5 + Math.floor(rng() * 46));

  it('stays within ± tolerance of its participation of the market volume, bar after bar', () => {
    const r = barRig({ usdt: 100_000_000 });
    const p = 0.05;
    const tol = 0.2;
    r.sched.submit(
      {
        algo: 'pov',
        symbol: BTC,
        side: 'BUY',
        qty: 1_000,
        participation: p,
        tolerance: tol,
        minChildQty: 0.01,
        maxChildQty: 10,
      },
      T0,
    );
    const bars = flatBars(T0, MIN, 40_000, volumes);
    let seen = 0;
    run(r, bars, MIN, (i) => {
      if (i === 0) return;
      // Market volume seen by the decision at this open: the bars before it.
      seen += volumes[i - 1] as number;
      const ratio = filledQty(r.events) / seen;
      expect(ratio).toBeGreaterThanOrEqual(p * (1 - tol));
      expect(ratio).toBeLessThanOrEqual(p * (1 + tol));
    });
    // Fewer children than bars: it waits while inside the band.
    const kids = submitted(r.events).length;
    expect(kids).toBeGreaterThan(20);
    expect(kids).toBeLessThan(199);
  });

  it('ends done when its quantity is filled, the last child capped to what is left', () => {
    const r = barRig();
    r.sched.submit(
      {
        algo: 'pov',
        symbol: BTC,
        side: 'BUY',
        qty: 3,
        participation: 0.1,
        tolerance: 0.1,
        minChildQty: 0.01,
        maxChildQty: 10,
      },
      T0,
    );
    run(r, flatBars(T0, MIN, 40_000, volumes), MIN);
    expect(filledQty(r.events)).toBeCloseTo(3, 9);
    expect(stateOf(r, 'algo-1')).toEqual({ kind: 'done', unfilledQty: 0, reason: null });
  });
});

describe('Iceberg on the bar venue', () => {
  // Every bar dips to 39 900: a buy limit at 39 950 fills each bar it works in.
  const bars: RigBar[] = Array.from({ length: 40 }, (_, i) => ({
    time: T0 + i * MIN,
    open: 40_000,
    high: 40_010,
    low: 39_900,
    close: 40_000,
    volume: 10,
  }));

  it('never shows more than its visible size; refreshes when the child fills; fills it all at its price', () => {
    const r = barRig();
    const visible = 0.05;
    r.sched.submit(
      {
        algo: 'iceberg',
        symbol: BTC,
        side: 'BUY',
        qty: 0.5,
        price: 39_950,
        visibleQty: visible,
        sizeVariance: 0.4,
        seed: 3,
      },
      T0,
    );
    const check = () => {
      const open = r.openChildren();
      expect(open.length).toBeLessThanOrEqual(1);
      const shown = open.reduce((s, o) => s + o.request.qty - o.executedQty, 0);
      expect(shown).toBeLessThanOrEqual(visible + 1e-12);
    };
    check();
    run(r, bars, MIN, check);
    const kids = submitted(r.events);
    for (const c of kids.slice(0, -1)) {
      expect(c.qty).toBeLessThanOrEqual(visible);
      expect(c.qty).toBeGreaterThanOrEqual(visible * 0.6 - 0.00001);
    }
    const fills = r.events.filter((e) => e.type === 'order_filled');
    expect(
      fills.every(
        (f) => f.type === 'order_filled' && f.price === 39_950 && f.liquidity === 'MAKER',
      ),
    ).toBe(true);
    expect(filledQty(r.events)).toBeCloseTo(0.5, 9);
    expect(stateOf(r, 'algo-1')?.kind).toBe('done');
  });

  it('cancelling the parent cancels its working child; nothing is sent after', () => {
    const r = barRig();
    const res = r.sched.submit(
      { algo: 'iceberg', symbol: BTC, side: 'BUY', qty: 0.5, price: 39_000, visibleQty: 0.05 },
      T0,
    );
    run(r, bars.slice(0, 3), MIN);
    expect(r.openChildren()).toHaveLength(1);
    const id = r.openChildren()[0]?.request.clientOrderId;
    expect(res.ok && r.sched.cancel(res.value, T0 + 3 * MIN, 'user').ok).toBe(true);
    expect(r.openChildren()).toHaveLength(0);
    expect(r.events.some((e) => e.type === 'order_cancelled' && e.clientOrderId === id)).toBe(true);
    run(r, bars.slice(3), MIN);
    expect(submitted(r.events)).toHaveLength(1);
    expect(stateOf(r, 'algo-1')).toEqual({ kind: 'cancelled', reason: 'user' });
  });

  it('pause cancels the child and sends nothing; resume shows a new one', () => {
    const r = barRig();
    const res = r.sched.submit(
      { algo: 'iceberg', symbol: BTC, side: 'BUY', qty: 0.5, price: 39_950, visibleQty: 0.05 },
      T0,
    );
    if (!res.ok) throw new Error(res.error);
    r.sched.pause(res.value, T0);
    expect(r.openChildren()).toHaveLength(0);
    run(r, bars.slice(0, 5), MIN);
    expect(filledQty(r.events)).toBe(0);
    expect(stateOf(r, 'algo-1')?.kind).toBe('paused');
    expect(r.sched.resume(res.value, T0 + 5 * MIN).ok).toBe(true);
    expect(r.openChildren()).toHaveLength(1);
    run(r, bars.slice(5), MIN);
    expect(filledQty(r.events)).toBeCloseTo(0.5, 9);
  });
});
