import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../strategy';
import { smaCross } from '../strategy';
import { enumerateGrid, gridSize, MAX_COMBINATIONS } from './grid';
import { type GridAxis, parseGridSpec } from './grid-spec';

const axes = (...specs: string[]): GridAxis[] =>
  specs.map((s) => {
    const r = parseGridSpec(s);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });

const SPECS: readonly ParamSpec[] = [
  { name: 'n', type: 'int', default: 3, min: 1, max: 10, step: 1, description: '' },
  { name: 'k', type: 'float', default: 0.5, min: 0, max: 1, description: '' },
  { name: 'on', type: 'bool', default: false, description: '' },
];

describe('enumerateGrid', () => {
  it('is the cartesian product, last axis fastest, params in spec order with defaults', () => {
    const r = enumerateGrid(SPECS, axes('k=0.1:0.2:0.1', 'n=1,2,3'));
    expect(r).toEqual({
      ok: true,
      value: [
        { n: 1, k: 0.1, on: false },
        { n: 2, k: 0.1, on: false },
        { n: 3, k: 0.1, on: false },
        { n: 1, k: 0.2, on: false },
        { n: 2, k: 0.2, on: false },
        { n: 3, k: 0.2, on: false },
      ],
    });
    expect(r.ok && Object.keys(r.value[0] ?? {})).toEqual(['n', 'k', 'on']);
  });

  it('sma-cross fast 5..24 × slow 30..49 is 400 combinations', () => {
    const a = axes('fast=5:24:1', 'slow=30:49:1');
    expect(gridSize(a)).toBe(400);
    const r = enumerateGrid(smaCross.params, a);
    expect(r.ok && r.value.length).toBe(400);
    expect(r.ok && r.value[399]).toEqual({ fast: 24, slow: 49 });
  });

  it('no axes: one combination, the defaults', () => {
    expect(enumerateGrid(SPECS, [])).toEqual({ ok: true, value: [{ n: 3, k: 0.5, on: false }] });
  });

  it('takes booleans for bool params', () => {
    const r = enumerateGrid(SPECS, axes('on=false,true'));
    expect(r.ok && r.value.map((p) => p.on)).toEqual([false, true]);
  });

  it.each([
    [['x=1:2:1'], '"x=1:2:1": unknown param "x" (known: n, k, on)'],
    [['n=0:3:1'], '"n=0:3:1": param n: 0 < min 1'],
    [['n=8:12:2'], '"n=8:12:2": param n: 12 > max 10'],
    [['n=1:2:0.5'], '"n=1:2:0.5": param n: 1.5 is not an integer'],
    [['k=0:1.5:0.5'], '"k=0:1.5:0.5": param k: 1.5 > max 1'],
    [['on=1,2'], '"on=1,2": param on: "2" is not true or false'],
    [['n=true'], '"n=true": param n: "true" is not a number'],
    [['n=1,2', 'n=3'], '"n=3": n is given twice'],
  ])('rejects %j against the specs', (specs, message) => {
    expect(enumerateGrid(SPECS, axes(...specs))).toEqual({ ok: false, error: message });
  });

  it('refuses grids past MAX_COMBINATIONS before building them', () => {
    const wide: ParamSpec[] = ['a', 'b', 'c'].map((name) => ({
      name,
      type: 'int',
      default: 0,
      min: 0,
      max: 1e6,
      description: '',
    }));
    const r = enumerateGrid(wide, axes('a=1:1000:1', 'b=1:1000:1', 'c=1:11:1'));
    expect(r).toEqual({
      ok: false,
      error: `the grid has 11000000 combinations (max ${MAX_COMBINATIONS})`,
    });
  });
});
