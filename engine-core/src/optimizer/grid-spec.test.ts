import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalsOf, MAX_AXIS_VALUES, parseGridSpec, rangeValues } from './grid-spec';

const values = (spec: string) => {
  const r = parseGridSpec(spec);
  if (!r.ok) throw new Error(r.error);
  return r.value.values;
};
const error = (spec: string) => {
  const r = parseGridSpec(spec);
  if (r.ok) throw new Error(`"${spec}" parsed: ${JSON.stringify(r.value.values)}`);
  return r.error;
};

describe('parseGridSpec', () => {
  it('parses ranges, ends included', () => {
    expect(values('fast=5:10:1')).toEqual([5, 6, 7, 8, 9, 10]);
    expect(values('fast=5:10:2')).toEqual([5, 7, 9]);
    expect(values('fast=5:5:1')).toEqual([5]);
    expect(values(' slow = -2 : 2 : 2 ')).toEqual([-2, 0, 2]);
    expect(parseGridSpec('fast=5:10:1')).toMatchObject({
      ok: true,
      value: { name: 'fast', source: 'fast=5:10:1' },
    });
  });

  it('computes float steps as from + i × step rounded to the step: no drift', () => {
    expect(values('x=0.1:0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(values('x=0:1:0.1')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(values('x=0.15:0.45:0.1')).toEqual([0.15, 0.25, 0.35, 0.45]);
    expect(values('x=1e-3:5e-3:1e-3')).toEqual([0.001, 0.002, 0.003, 0.004, 0.005]);
    expect(values('x=0:0.25:0.1')).toEqual([0, 0.1, 0.2]);
    // Accumulating 0.1 a hundred times would end at 9.99999999999998.
    const many = values('x=0:10:0.1');
    expect(many).toHaveLength(101);
    expect(many.at(-1)).toBe(10);
    expect(many[73]).toBe(7.3);
  });

  it('parses lists: numbers and booleans', () => {
    expect(values('fast=3,5,8')).toEqual([3, 5, 8]);
    expect(values('fast=7')).toEqual([7]);
    expect(values('flag=true,false')).toEqual([true, false]);
    expect(values('x=1.5, 2e1')).toEqual([1.5, 20]);
  });

  it.each([
    ['fast', '"fast": want name=from:to:step or name=v1,v2,…'],
    ['=1:2:1', 'no parameter name'],
    ['9x=1', '"9x" is not a parameter name'],
    ['fast=', 'no values'],
    ['fast=1:5', 'a range has 3 parts, from:to:step, got 2'],
    ['fast=1:5:1:2', 'got 4'],
    ['fast=a:5:1', 'from "a" is not a number'],
    ['fast=1:b:1', 'to "b" is not a number'],
    ['fast=1:5:', 'step "" is not a number'],
    ['fast=1:5:0', 'step must be > 0, got 0'],
    ['fast=1:5:-1', 'step must be > 0, got -1'],
    ['fast=5:1:1', 'from 5 > to 1'],
    ['fast=0x10:20:1', 'from "0x10" is not a number'],
    ['fast=Infinity:1:1', 'from "Infinity" is not a number'],
    ['fast=1e400:1e401:1', 'from "1e400" is out of range'],
    ['fast=0:1e9:1', `1000000001 values (max ${MAX_AXIS_VALUES})`],
    ['fast=1,,2', 'empty value in the list'],
    ['fast=1,two', 'value "two" is not a number'],
  ])('rejects %j: %s', (spec, message) => {
    const e = error(spec);
    expect(e).toContain(message);
    expect(e.startsWith(`"${spec}"`)).toBe(true);
  });

  it('never throws: any text parses or gives an error quoting it (fuzz)', () => {
    const alphabet = fc.constantFrom(...'fast=0123456789.:,-+e tru'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (text) => {
        const r = parseGridSpec(text);
        if (r.ok) {
          expect(r.value.values.length).toBeGreaterThan(0);
          for (const v of r.value.values)
            expect(typeof v === 'boolean' || Number.isFinite(v)).toBe(true);
        } else expect(r.error.startsWith(`"${text}": `)).toBe(true);
      }),
      { seed: 20_261_125, numRuns: 5_000 },
    );
  });

  it('ranges have floor((to − from) / step) + 1 values, within [from, to], on the step (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 4 }),
        (fromK, spanK, stepK, decimals) => {
          // from, to and step on a decimal grid: values must land exactly on it.
          const unit = 10 ** -decimals;
          const from = Number((fromK * unit).toFixed(decimals));
          const to = Number(((fromK + spanK) * unit).toFixed(decimals));
          const step = Number((stepK * unit).toFixed(decimals));
          const got = values(`x=${from}:${to}:${step}`);
          expect(got).toHaveLength(Math.floor(spanK / stepK) + 1);
          got.forEach((v, i) => {
            expect(v).toBe(Number(((fromK + i * stepK) * unit).toFixed(decimals)));
            expect(v as number).toBeLessThanOrEqual(to);
          });
        },
      ),
      { seed: 7, numRuns: 1_000 },
    );
  });
});

describe('decimalsOf and rangeValues', () => {
  it('counts decimals in plain and exponent notation', () => {
    expect(decimalsOf('5')).toBe(0);
    expect(decimalsOf('0.25')).toBe(2);
    expect(decimalsOf('1e-3')).toBe(3);
    expect(decimalsOf('2.5e-2')).toBe(3);
    expect(decimalsOf('1.5e2')).toBe(0);
  });

  it('rangeValues checks its arguments', () => {
    expect(rangeValues(1, 0, 1, 0)).toEqual({ ok: false, error: 'from 1 > to 0' });
    expect(rangeValues(0, 1, Number.NaN, 0)).toMatchObject({ ok: false });
  });
});
