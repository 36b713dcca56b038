import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/rng';
import { barProblem } from './bar-check';
import { barAt, type Candles } from './candles';
import { detectGaps } from './gaps';
import { syntheticSample } from './synthetic-sample';

describe('syntheticSample (the bundled, labelled synthetic dataset)', () => {
  it('is the same for the same seed and different for another', () => {
    const a = syntheticSample();
    const b = syntheticSample();
    expect(Array.from(a.close)).toEqual(Array.from(b.close));
    expect(Array.from(syntheticSample({ seed: 7 }).close)).not.toEqual(Array.from(a.close));
  });

  it('is a year of valid, gap-free hourly bars that move like a market', () => {
    const c = syntheticSample();
    expect(c.length).toBe(8760);
    expect(c.symbol).toBe('SYNTH-BTCUSDT');
    for (let i = 0; i < c.length; i++) {
      const b = barAt(c, i);
      expect(barProblem(b.open, b.high, b.low, b.close, b.volume)).toBeNull();
    }
    expect(detectGaps(c.time, c.intervalMs)).toEqual([]);
    // Hourly log returns: a daily-ish volatility and both up and down hours.
    let ups = 0;
    let sq = 0;
    for (let i = 1; i < c.length; i++) {
      const r = Math.log((c.close[i] as number) / (c.close[i - 1] as number));
      if (r > 0) ups++;
      sq += r * r;
    }
    const hourlyVol = Math.sqrt(sq / (c.length - 1));
    expect(hourlyVol).toBeGreaterThan(0.002);
    expect(hourlyVol).toBeLessThan(0.02);
    expect(ups / c.length).toBeGreaterThan(0.4);
    expect(ups / c.length).toBeLessThan(0.6);
  });

  it('has volatility clustering: large moves follow large moves', () => {
    const c = syntheticSample();
    const a: number[] = [];
    for (let i = 1; i < c.length; i++)
      a.push(Math.abs(Math.log((c.close[i] as number) / (c.close[i - 1] as number))));
    const mean = a.reduce((x, y) => x + y, 0) / a.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < a.length; i++) {
      den += ((a[i] as number) - mean) ** 2;
      if (i > 0) num += ((a[i] as number) - mean) * ((a[i - 1] as number) - mean);
    }
    // Lag-1 autocorrelation of |r|: ≈ 0 for i.i.d. returns (±0.02 at this length).
    expect(num / den).toBeGreaterThan(0.1);
  });

  it('with gapRate, leaves reported outages of 1–5 bars and the same prices', () => {
    const plain = syntheticSample({ bars: 5_000, seed: 3 });
    const gappy = syntheticSample({ bars: 5_000, seed: 3, gapRate: 0.01, symbol: 'SYNTH' });
    expect(gappy.symbol).toBe('SYNTH');
    expect(Array.from(gappy.close)).toEqual(Array.from(plain.close));
    const gaps = detectGaps(gappy.time, gappy.intervalMs);
    expect(gaps.length).toBeGreaterThan(20);
    expect(gaps.length).toBeLessThan(80);
    for (const g of gaps) expect(g.missingBars).toBeGreaterThanOrEqual(1);
    for (const g of gaps) expect(g.missingBars).toBeLessThanOrEqual(5);
    expect(() => syntheticSample({ gapRate: 1 })).toThrow(RangeError);
  });
});

/**
 * The generator as it was before its regimes became settable (a copy of the old code, with
 * its three regimes and 1/250 switch rate written in): the defaults must still give these bars.
 */
function oldSyntheticSample(o: {
  bars?: number;
  seed?: number;
  intervalMs?: number;
  startMs?: number;
  startPrice?: number;
  gapRate?: number;
}) {
  const n = o.bars ?? 8_760;
  const step = o.intervalMs ?? 3_600_000;
  const t0 = o.startMs ?? Date.UTC(2024, 0, 1);
  const seed = o.seed ?? 20_240_101;
  const rnd = mulberry32(seed);
  const gapRate = o.gapRate ?? 0;
  const gapRnd = mulberry32(seed ^ 0x5bd1e995);
  let skipped = 0;
  const gauss = () => {
    const u = 1 - rnd();
    const v = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const cols = { time: [0], open: [0], high: [0], low: [0], close: [0], volume: [0] };
  for (const c of Object.values(cols)) c.length = 0;
  const regimes = [
    { drift: 0.00002, vol: 0.004 },
    { drift: 0.00025, vol: 0.007 },
    { drift: -0.0003, vol: 0.012 },
  ];
  let regime = 0;
  let p = o.startPrice ?? 42_000;
  for (let i = 0; i < n; i++) {
    if (rnd() < 1 / 250) regime = Math.floor(rnd() * regimes.length);
    const { drift, vol } = regimes[regime] as { drift: number; vol: number };
    const open = p;
    const close = open * Math.exp(drift - (vol * vol) / 2 + vol * gauss());
    const wick = vol * open;
    const high = Math.max(open, close) + Math.abs(gauss()) * wick * 0.6;
    const low = Math.max(0.01, Math.min(open, close) - Math.abs(gauss()) * wick * 0.6);
    if (gapRate > 0 && i > 0 && gapRnd() < gapRate) skipped += 1 + Math.floor(gapRnd() * 5);
    cols.time.push(t0 + (i + skipped) * step);
    cols.open.push(round2(open));
    cols.close.push(round2(close));
    cols.high.push(round2(Math.max(high, open, close)));
    cols.low.push(round2(Math.min(low, open, close)));
    cols.volume.push(round2(50 + 4_000 * vol * (1 + Math.abs(gauss())) * 100));
    p = round2(close);
  }
  return cols;
}

const columnsOf = (c: Candles) => ({
  time: Array.from(c.time),
  open: Array.from(c.open),
  high: Array.from(c.high),
  low: Array.from(c.low),
  close: Array.from(c.close),
  volume: Array.from(c.volume),
});

/** FNV-1a over every column's float64 bytes (little-endian), in column order. */
function fnv1a(c: Candles): string {
  const dv = new DataView(new ArrayBuffer(8));
  let h = 0x811c9dc5;
  for (const col of [c.time, c.open, c.high, c.low, c.close, c.volume]) {
    for (const x of col) {
      dv.setFloat64(0, x, true);
      for (let k = 0; k < 8; k++) h = Math.imul(h ^ dv.getUint8(k), 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

describe('syntheticSample defaults (unchanged by the settable regimes)', () => {
  it.each([
    {},
    { bars: 5_000, seed: 3, gapRate: 0.01 },
    { bars: 2_000, seed: 7, intervalMs: 900_000, startMs: Date.UTC(2023, 5, 1), startPrice: 1800 },
    { bars: 20_000, seed: 0 },
  ])('%j gives the old generator’s bars exactly', (o) => {
    expect(columnsOf(syntheticSample(o))).toEqual(oldSyntheticSample(o));
  });

  it('the bundled sample’s bytes are pinned (hashes taken before the change)', () => {
    expect(fnv1a(syntheticSample())).toBe('a568a845');
    expect(fnv1a(syntheticSample({ bars: 5_000, seed: 3, gapRate: 0.01 }))).toBe('466366d8');
  });
});
