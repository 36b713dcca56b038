import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParamSpec, smaCross } from '../strategy';
import { mulberry32 } from '../util/rng';
import { crossover, mutate, randomGenome, tournament } from './genetic-operators';
import { decodeGenome, type GenomeSpace, genomeSpace } from './genome';
import { type GridAxis, parseGridSpec } from './grid-spec';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const axes = (...specs: string[]): GridAxis[] => specs.map((s) => value(parseGridSpec(s)));

const SPECS: readonly ParamSpec[] = [
  { name: 'n', type: 'int', default: 3, min: 2, max: 400, step: 2, description: '' },
  { name: 'k', type: 'float', default: 0.5, min: 0, max: 5, description: '' },
  { name: 'on', type: 'bool', default: false, description: '' },
  { name: 'm', type: 'int', default: 1, min: 1, max: 9, description: '' },
];

describe('tournament selection', () => {
  const pop = Array.from({ length: 10 }, (_, i) => i); // 0 is the best
  const better = (a: number, b: number) => a < b;
  const freq = (size: number) => {
    const rng = mulberry32(5);
    const n = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) (n[tournament(pop, size, better, rng)] as number)++;
    return n.map((c) => c / 20_000);
  };

  it('size 1 picks uniformly', () => {
    for (const f of freq(1)) expect(Math.abs(f - 0.1)).toBeLessThan(0.01);
  });

  it('size k picks member i with P(best of k draws) = ((10 − i)^k − (9 − i)^k) / 10^k', () => {
    const f = freq(3);
    f.forEach((got, i) => {
      const want = ((10 - i) ** 3 - (9 - i) ** 3) / 1000;
      expect(Math.abs(got - want)).toBeLessThan(0.01);
    });
    expect(f[0]).toBeGreaterThan(0.25); // 0.271: pressure towards the best
  });
});

describe('crossover', () => {
  it('takes each gene from one parent, both parents about equally', () => {
    const rng = mulberry32(2);
    const a = [0, 0, 0, 0, 0, 0, 0, 0];
    const b = [1, 1, 1, 1, 1, 1, 1, 1];
    let fromB = 0;
    for (let i = 0; i < 2_000; i++) {
      const c = crossover(a, b, rng);
      expect(c).toHaveLength(8);
      for (const g of c) expect(g === 0 || g === 1).toBe(true);
      fromB += c.reduce((s, g) => s + g, 0);
    }
    expect(Math.abs(fromB / 16_000 - 0.5)).toBeLessThan(0.02);
    expect(crossover([3, 4], [3, 4], rng)).toEqual([3, 4]);
  });
});

describe('mutation', () => {
  const space = value(genomeSpace(SPECS, axes('n=2:400:2', 'k=0.1:5:0.3', 'on=false,true', 'm=7')));

  it('keeps genes in range and values on the step, for any genome, rate and seed (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: 1 }),
        (seed, rate) => {
          const rng = mulberry32(seed);
          let g = randomGenome(space, rng);
          for (let i = 0; i < 20; i++) {
            g = mutate(g, space, rate, rng);
            g.forEach((gene, a) => {
              expect(Number.isInteger(gene)).toBe(true);
              expect(gene >= 0 && gene < (space.sizes[a] as number)).toBe(true);
            });
            const p = decodeGenome(space, g);
            const n = p.n as number;
            expect(n >= 2 && n <= 400 && n % 2 === 0).toBe(true);
            const k = p.k as number;
            expect(k >= 0.1 && k <= 5).toBe(true);
            expect(Number(((k - 0.1) / 0.3).toFixed(9)) % 1).toBe(0); // on the 0.3 step from 0.1
            expect(Number(k.toFixed(1))).toBe(k); // no float drift
            expect(typeof p.on).toBe('boolean');
            expect(p.m).toBe(7);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rate 0 changes nothing; rate 1 changes every gene that has another value', () => {
    const rng = mulberry32(9);
    for (let i = 0; i < 500; i++) {
      const g = randomGenome(space, rng);
      expect(mutate(g, space, 0, rng)).toEqual(g);
      const m = mutate(g, space, 1, rng);
      expect(m[0]).not.toBe(g[0]);
      expect(m[1]).not.toBe(g[1]);
      expect(m[2]).not.toBe(g[2]);
      expect(m[3]).toBe(0); // a fixed param has one value
    }
  });

  it('decodes to the grid param sets, in the strategy param order', () => {
    const s: GenomeSpace = value(genomeSpace(smaCross.params, axes('slow=20:40:10', 'fast=5,9')));
    expect(decodeGenome(s, [2, 1])).toEqual({ fast: 9, slow: 40 });
    expect(Object.keys(decodeGenome(s, [0, 0]))).toEqual(['fast', 'slow']);
    expect(s.size).toBe(6);
  });

  it('rejects axes outside the schema, as the grid does', () => {
    expect(genomeSpace(smaCross.params, axes('fast=0:3:1'))).toEqual({
      ok: false,
      error: '"fast=0:3:1": param fast: 0 < min 1',
    });
  });
});
