import { BollingerBands, RSI, SMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { Sma } from '../../../engine-core/src/indicators';
import { type Candles, syntheticSample } from '../../../engine-core/src/market';
import { STRATEGIES } from '../../../engine-core/src/strategy';
import { sharedData } from '../../../engine-core/src/testing/shared-data';
import { type Overlay, overlaysFor } from './overlays';

const bars = syntheticSample({ bars: 300 });
const DATA = sharedData('the seed overlays’ real-data cross-checks are');

/** Per-bar values of a trading-signals 8.3 indicator (an independent library), NaN for null. */
function library<T>(
  close: Float64Array,
  ind: { update(x: number, replace: boolean): T | null },
  pick: (v: T) => number,
): Float64Array {
  return Float64Array.from(close, (c) => {
    const v = ind.update(c, false);
    return v === null ? Number.NaN : pick(v);
  });
}

/** Same warm-up (NaN rows) and values within 1e-9 relative, on more than half the rows. */
function expectAgree(label: string, ours: Float64Array | undefined, ref: Float64Array): void {
  expect(ours, label).toBeDefined();
  const a = ours as Float64Array;
  expect(a).toHaveLength(ref.length);
  let compared = 0;
  const bad: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = ref[i] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) bad.push(`row ${i}: ours ${x}, library ${y}`);
      continue;
    }
    compared++;
    const scale = Math.max(Math.abs(x), Math.abs(y), 1e-12);
    if (Math.abs(x - y) / scale > 1e-9) bad.push(`row ${i}: ours ${x}, library ${y}`);
  }
  expect(bad.slice(0, 5), label).toEqual([]);
  expect(compared, `${label}: nothing compared`).toBeGreaterThan(a.length / 2);
}

const byId = (lines: readonly Overlay[], id: string): Overlay => {
  const l = lines.find((o) => o.id === id);
  if (l === undefined) throw new Error(`no overlay ${id} in ${lines.map((o) => o.id).join(', ')}`);
  return l;
};

/** The three seed strategies' overlays against the library, with the params given. */
function crossCheckSeeds(
  c: Pick<Candles, 'length' | 'high' | 'low' | 'close'>,
  p: { fast: number; slow: number; period: number; k: number; rsi: number },
  where: string,
): void {
  const ma = overlaysFor('ma-crossover', c, { fast_period: p.fast, slow_period: p.slow });
  expectAgree(
    `${where} SMA ${p.fast}`,
    byId(ma, 'sma-fast').values,
    library(c.close, new SMA(p.fast), (v) => v),
  );
  expectAgree(
    `${where} SMA ${p.slow}`,
    byId(ma, 'sma-slow').values,
    library(c.close, new SMA(p.slow), (v) => v),
  );

  const bb = overlaysFor('bollinger', c, { period: p.period, std_dev: p.k });
  for (const line of ['upper', 'middle', 'lower'] as const)
    expectAgree(
      `${where} BB ${p.period},${p.k} ${line}`,
      byId(bb, `bb-${line}`).values,
      library(c.close, new BollingerBands(p.period, p.k), (v) => v[line]),
    );

  const [rsi] = overlaysFor('rsi', c, { period: p.rsi, overbought: 70, oversold: 30 });
  expectAgree(
    `${where} RSI ${p.rsi}`,
    rsi?.values,
    library(c.close, new RSI(p.rsi), (v) => v),
  );
}

describe('overlaysFor', () => {
  it('draws sma-cross’s two SMAs from the run’s params', () => {
    const [fast, slow] = overlaysFor('sma-cross', bars, { fast: 7, slow: 21 });
    expect(fast?.label).toBe('SMA 7');
    expect(slow?.label).toBe('SMA 21');
    const ref = new Sma(21);
    const expected = Array.from(bars.close, (c) => ref.update(c));
    expect(Array.from(slow?.values ?? [])).toEqual(expected);
    expect(Number.isNaN(fast?.values[5])).toBe(true);
    expect(Number.isFinite(fast?.values[6])).toBe(true);
  });

  it('gives every built-in overlays as long as the bars, with the defaults', () => {
    for (const s of STRATEGIES.values()) {
      const params = Object.fromEntries(s.params.map((p) => [p.name, p.default]));
      const lines = overlaysFor(s.name, bars, params);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l.values).toHaveLength(bars.length);
    }
  });

  it('falls back to the close for unknown strategies and bad params', () => {
    const [close] = overlaysFor('mine', bars, {});
    expect(close?.id).toBe('close');
    expect(Array.from(close?.values ?? [])).toEqual(Array.from(bars.close));
    // A copy: handing the overlay over must not take the bars' column with it.
    expect(close?.values.buffer).not.toBe(bars.close.buffer);
    expect(overlaysFor('sma-cross', bars, { fast: -1, slow: 3 }).map((l) => l.id)).toEqual([
      'close',
    ]);
  });

  it('draws ma-crossover’s two SMAs with its own param names, as the library computes them', () => {
    const lines = overlaysFor('ma-crossover', bars, { fast_period: 7, slow_period: 25 });
    expect(lines.map((l) => [l.id, l.label, l.pane ?? 'price'])).toEqual([
      ['sma-fast', 'SMA 7', 'price'],
      ['sma-slow', 'SMA 25', 'price'],
    ]);
    // The strategy's defaults are 10/20 (not sma-cross's 10/30).
    const defaults = overlaysFor('ma-crossover', bars, {});
    expect(defaults.map((l) => l.label)).toEqual(['SMA 10', 'SMA 20']);
    expectAgree(
      'SMA 20',
      defaults[1]?.values,
      library(bars.close, new SMA(20), (v) => v),
    );
  });

  it('draws bollinger’s bands with period and std_dev, as the library computes them', () => {
    const lines = overlaysFor('bollinger', bars, { period: 14, std_dev: 1.5 });
    expect(lines.map((l) => [l.id, l.label, l.pane ?? 'price'])).toEqual([
      ['bb-upper', 'BB 14 +1.5σ', 'price'],
      ['bb-middle', 'BB 14 middle', 'price'],
      ['bb-lower', 'BB 14 −1.5σ', 'price'],
    ]);
    const middle = byId(lines, 'bb-middle').values;
    // Warm-up: the first band comes with the 14th close, as the strategy first sees it.
    expect(Number.isNaN(middle[12])).toBe(true);
    expect(Number.isFinite(middle[13])).toBe(true);
    expect(overlaysFor('bollinger', bars, {}).map((l) => l.label)).toEqual([
      'BB 20 +2σ',
      'BB 20 middle',
      'BB 20 −2σ',
    ]);
  });

  it('draws rsi in the oscillator pane on 0–100, with its overbought and oversold levels', () => {
    const lines = overlaysFor('rsi', bars, { period: 9, overbought: 75, oversold: 22 });
    expect(lines).toHaveLength(1);
    const [rsi] = lines;
    expect(rsi?.label).toBe('RSI 9');
    expect(rsi?.pane).toBe('oscillator');
    expect(rsi?.range).toEqual({ min: 0, max: 100 });
    expect(rsi?.levels).toEqual([
      { value: 75, label: 'Overbought' },
      { value: 22, label: 'Oversold' },
    ]);
    // The first value comes with the 10th close (9 changes); every value is in [0, 100].
    expect(Number.isNaN(rsi?.values[8])).toBe(true);
    expect(Number.isFinite(rsi?.values[9])).toBe(true);
    for (const v of rsi?.values.subarray(9) ?? []) expect(v >= 0 && v <= 100).toBe(true);
    expectAgree(
      'RSI 9',
      rsi?.values,
      library(bars.close, new RSI(9), (v) => v),
    );

    const [byDefault] = overlaysFor('rsi', bars, {});
    expect(byDefault?.label).toBe('RSI 14');
    expect(byDefault?.levels?.map((l) => l.value)).toEqual([70, 30]);
  });

  it('puts only rsi in the oscillator pane among the built-ins', () => {
    for (const s of STRATEGIES.values()) {
      const params = Object.fromEntries(s.params.map((p) => [p.name, p.default]));
      const panes = overlaysFor(s.name, bars, params).map((l) => l.pane ?? 'price');
      expect(panes, s.name).toEqual(panes.map(() => (s.name === 'rsi' ? 'oscillator' : 'price')));
    }
  });

  it('matches the library on the whole bundled sample with non-default params', () => {
    crossCheckSeeds(
      syntheticSample(),
      { fast: 5, slow: 50, period: 30, k: 2.5, rsi: 21 },
      'sample',
    );
  });

  describe.skipIf(!DATA.available)('on ../shared/data', () => {
    for (const file of DATA.files())
      it(`matches the library on ${file} with the defaults and other periods`, () => {
        const c = DATA.load(file);
        crossCheckSeeds(c, { fast: 10, slow: 20, period: 20, k: 2, rsi: 14 }, file);
        crossCheckSeeds(c, { fast: 3, slow: 100, period: 7, k: 1, rsi: 5 }, file);
      });
  });
});
