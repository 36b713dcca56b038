import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../strategy';
import { smaCross } from '../strategy';
import { mulberry32 } from '../util/rng';
import { type GridAxis, parseGridSpec } from './grid-spec';
import { randomSearch } from './random-search';

const axes = (...specs: string[]): GridAxis[] =>
  specs.map((s) => {
    const r = parseGridSpec(s);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });

const SPECS: readonly ParamSpec[] = [
  { name: 'n', type: 'int', default: 3, min: 2, max: 40, step: 2, description: '' },
  { name: 'k', type: 'float', default: 0.5, min: 0.1, max: 0.9, step: 0.1, description: '' },
  { name: 'u', type: 'float', default: 1, min: -1, max: 1, description: '' },
  { name: 'on', type: 'bool', default: false, description: '' },
  { name: 'free', type: 'float', default: 7, description: 'no bounds: stays at the default' },
];

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('mulberry32', () => {
  it('is the reference sequence, in [0, 1)', () => {
    const rng = mulberry32(1);
    // The first outputs (× 2^32) of Tommy Ettinger's C mulberry32 (uint32_t arithmetic), compiled
    // with gcc, for seeds 1 and 42.
    const first = [rng(), rng(), rng()].map((x) => x * 4_294_967_296);
    expect(first).toEqual([2_693_262_067, 11_749_833, 2_265_367_787]);
    const r2 = mulberry32(42);
    const next = [r2(), r2(), r2()].map((x) => x * 4_294_967_296);
    expect(next).toEqual([2_581_720_956, 1_925_393_290, 3_661_312_704]);
    for (let i = 0; i < 10_000; i++) {
      const x = r2();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('randomSearch', () => {
  it('is determined by the seed', () => {
    const a = value(randomSearch(SPECS, [], 50, 123));
    const b = value(randomSearch(SPECS, [], 50, 123));
    const c = value(randomSearch(SPECS, [], 50, 124));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toHaveLength(50);
  });

  it('draws within the specs, on their steps; no duplicates', () => {
    const sets = value(randomSearch(SPECS, [], 300, 9));
    const keys = new Set(sets.map((p) => JSON.stringify(p)));
    expect(keys.size).toBe(300);
    for (const p of sets) {
      expect(Object.keys(p)).toEqual(['n', 'k', 'u', 'on', 'free']);
      const n = p.n as number;
      expect(n >= 2 && n <= 40 && n % 2 === 0).toBe(true);
      const k = p.k as number;
      expect(k >= 0.1 && k <= 0.9).toBe(true);
      expect(Number(k.toFixed(1))).toBe(k); // on the 0.1 grid, no drift
      expect((p.u as number) >= -1 && (p.u as number) <= 1).toBe(true);
      expect(typeof p.on).toBe('boolean');
      expect(p.free).toBe(7);
    }
  });

  it('draws from the given ranges instead of the specs', () => {
    const sets = value(randomSearch(smaCross.params, axes('fast=5:9:2', 'slow=20,30'), 6, 1));
    expect(sets).toHaveLength(6); // the whole space: 3 × 2
    expect(new Set(sets.map((p) => `${p.fast}/${p.slow}`))).toEqual(
      new Set(['5/20', '5/30', '7/20', '7/30', '9/20', '9/30']),
    );
  });

  it('returns fewer sets when the space is smaller than asked', () => {
    expect(value(randomSearch(smaCross.params, axes('fast=5', 'slow=20,30'), 10, 1))).toHaveLength(
      2,
    );
  });

  it('rejects ranges outside the specs and bad counts', () => {
    expect(randomSearch(smaCross.params, axes('fast=0:3:1'), 5, 1)).toEqual({
      ok: false,
      error: '"fast=0:3:1": param fast: 0 < min 1',
    });
    expect(randomSearch(smaCross.params, [], -1, 1)).toMatchObject({ ok: false });
    expect(randomSearch(smaCross.params, [], 1.5, 1)).toMatchObject({ ok: false });
  });
});
