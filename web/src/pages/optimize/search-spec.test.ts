import { describe, expect, it } from 'vitest';
import { enumerateGrid, randomSearch } from '../../../../engine-core/src/optimizer';
import { smaCross, trend } from '../../../../engine-core/src/strategy';
import {
  defaultRanges,
  type NumberRange,
  numberText,
  type ParamRange,
  parseMethod,
  rangesToAxes,
} from './search-spec';

const row = (name: string, from: string, to: string, step: string): NumberRange => ({
  kind: 'number',
  name,
  vary: true,
  from,
  to,
  step,
  value: '',
});

describe('param ranges from the schema', () => {
  it('start from min/max/step, bools both ways', () => {
    expect(defaultRanges(trend.params)).toEqual([
      { kind: 'number', name: 'fast', vary: true, from: '1', to: '1000', step: '1', value: '12' },
      { kind: 'number', name: 'slow', vary: true, from: '2', to: '5000', step: '1', value: '26' },
      {
        kind: 'number',
        name: 'atrPeriod',
        vary: true,
        from: '1',
        to: '1000',
        step: '1',
        value: '14',
      },
      {
        kind: 'number',
        name: 'atrMult',
        vary: true,
        from: '0.5',
        to: '20',
        step: '0.5',
        value: '3',
      },
      { kind: 'bool', name: 'allowShort', choice: 'both' },
    ]);
  });

  it('fix an unbounded param at its default; a float without a step gets a tenth of its span', () => {
    expect(
      defaultRanges([
        { name: 'k', type: 'float', default: 2, description: '' },
        { name: 'f', type: 'float', default: 0.1, min: 0.1, max: 0.4, description: '' },
      ]),
    ).toEqual([
      { kind: 'number', name: 'k', vary: false, from: '2', to: '2', step: '1', value: '2' },
      { kind: 'number', name: 'f', vary: true, from: '0.1', to: '0.4', step: '0.03', value: '0.1' },
    ]);
    expect(numberText(0.1 + 0.2)).toBe('0.3');
  });
});

describe('ranges → grid axes', () => {
  it('gives the same grid as the CLI specs (sma-cross fast 5..15/5 × slow 20..40/10)', () => {
    const r = rangesToAxes(smaCross.params, [
      row('fast', '5', '15', '5'),
      row('slow', '20', '40', '10'),
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.combinations).toBe(9);
    expect(r.axes.map((a) => [a.name, a.source, a.values])).toEqual([
      ['fast', 'fast=5:15:5', [5, 10, 15]],
      ['slow', 'slow=20:40:10', [20, 30, 40]],
    ]);
    const grid = enumerateGrid(smaCross.params, r.axes);
    if (!grid.ok) throw new Error(grid.error);
    expect(grid.value[0]).toEqual({ fast: 5, slow: 20 });
    expect(grid.value[8]).toEqual({ fast: 15, slow: 40 });
  });

  it('rounds float steps by their decimals; a fixed param and one bool are single values', () => {
    const ranges: ParamRange[] = [
      { ...row('fast', '10', '10', '1'), vary: false, value: '10' },
      row('slow', '30', '30', '1'),
      row('atrPeriod', '14', '14', '1'),
      row('atrMult', '0.6', '0.8', '0.1'),
      { kind: 'bool', name: 'allowShort', choice: 'true' },
    ];
    const r = rangesToAxes(trend.params, ranges);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.axes.map((a) => a.values)).toEqual([[10], [30], [14], [0.6, 0.7, 0.8], [true]]);
    expect(r.combinations).toBe(3);
  });

  it('names what is wrong per param: not a number, bounds, integers, reversed ranges', () => {
    const r = rangesToAxes(trend.params, [
      row('fast', 'x', '10', '1'),
      row('slow', '0', '10', '1'),
      row('atrPeriod', '1', '5', '0.5'),
      row('atrMult', '3', '1', '1'),
      { kind: 'bool', name: 'allowShort', choice: 'both' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: {
        fast: 'from: "x" is not a number',
        slow: '0 < min 2',
        atrPeriod: '1.5 is not an integer',
        atrMult: 'from 3 > to 1',
      },
    });
  });

  it('feeds the seeded random search, which stays within the ranges', () => {
    const r = rangesToAxes(smaCross.params, [
      row('fast', '2', '20', '2'),
      row('slow', '30', '90', '5'),
    ]);
    if (!r.ok) throw new Error('bad');
    const sets = randomSearch(smaCross.params, r.axes, 25, 7);
    if (!sets.ok) throw new Error(sets.error);
    expect(sets.value).toHaveLength(25);
    for (const s of sets.value) {
      expect(Number(s.fast) % 2).toBe(0);
      expect(s.slow).toBeGreaterThanOrEqual(30);
    }
    expect(randomSearch(smaCross.params, r.axes, 25, 7)).toEqual(sets);
  });
});

describe('search methods', () => {
  it('checks random and walk-forward settings', () => {
    expect(parseMethod({ kind: 'grid' }, 100)).toEqual({ ok: true, method: { kind: 'grid' } });
    expect(parseMethod({ kind: 'random', samples: '50', seed: '1' }, 100)).toEqual({
      ok: true,
      method: { kind: 'random', samples: 50, seed: 1 },
    });
    expect(parseMethod({ kind: 'random', samples: '0', seed: '1' }, 100)).toEqual({
      ok: false,
      error: 'samples: 0 is not within 1…200000',
    });
    expect(parseMethod({ kind: 'random', samples: '5', seed: '1.5' }, 100).ok).toBe(false);
    expect(
      parseMethod({ kind: 'walk-forward', inSample: '60', outOfSample: '20', step: '' }, 100),
    ).toEqual({
      ok: true,
      method: { kind: 'walk-forward', inSample: 60, outOfSample: 20, step: 20 },
    });
    expect(
      parseMethod({ kind: 'walk-forward', inSample: '60', outOfSample: '20', step: '10' }, 100),
    ).toEqual({ ok: false, error: 'step 10 < out-of-sample 20: test windows would overlap' });
    expect(
      parseMethod({ kind: 'walk-forward', inSample: '90', outOfSample: '20', step: '' }, 100),
    ).toEqual({ ok: false, error: 'in-sample + out-of-sample = 110 bars, the dataset has 100' });
  });
});

describe('the genetic method', () => {
  const form = {
    kind: 'genetic',
    population: '12',
    generations: '5',
    mutationRate: '0.3',
    crossoverRate: '0.8',
    elite: '1',
    tournament: '3',
    stall: '4',
    minImprovement: '0.001',
    seed: '7',
  } as const;

  it('checks its fields into settings', () => {
    expect(parseMethod(form, 100)).toEqual({
      ok: true,
      method: {
        kind: 'genetic',
        settings: {
          populationSize: 12,
          maxGenerations: 5,
          mutationRate: 0.3,
          crossoverRate: 0.8,
          eliteCount: 1,
          tournamentSize: 3,
          earlyStop: { generations: 4, minImprovement: 0.001 },
          seed: 7,
        },
      },
    });
    const off = parseMethod({ ...form, stall: '' }, 100);
    expect(off.ok && off.method.kind === 'genetic' && off.method.settings.earlyStop).toBe(null);
  });

  it.each([
    [{ population: '1' }, 'population: 1 is not within 2…200000'],
    [{ mutationRate: '1.2' }, 'mutation rate: "1.2" is not a number in 0…1'],
    [{ elite: '12' }, 'elite count 12 is not an integer in 0…11 (population − 1)'],
    [{ tournament: '13' }, 'tournament size 13 is not an integer in 1…12 (population)'],
    [{ stall: '2', minImprovement: '-1' }, 'min improvement: "-1" is not a number ≥ 0'],
    [{ seed: 'x' }, 'seed: "x" is not a whole number'],
  ])('names the bad field %j', (change, error) => {
    expect(parseMethod({ ...form, ...change }, 100)).toEqual({ ok: false, error });
  });
});
