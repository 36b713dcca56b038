import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PinnedMap, PinnedSet } from './pinned-collections';

// Model test: any sequence of operations gives what a plain Map/Set gives, in the same order.

type Op =
  | { readonly op: 'set'; readonly k: number; readonly v: number }
  | { readonly op: 'delete'; readonly k: number }
  | { readonly op: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('set' as const), k: fc.nat(8), v: fc.integer() }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('delete' as const), k: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('PinnedMap', () => {
  it('behaves as a Map under any sequence of set, delete and clear', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const real = new Map<number, number>();
        const pinned = new PinnedMap<number, number>();
        for (const o of ops) {
          if (o.op === 'set') {
            expect(pinned.set(o.k, o.v)).toBe(pinned);
            real.set(o.k, o.v);
          } else if (o.op === 'delete') expect(pinned.delete(o.k)).toBe(real.delete(o.k));
          else {
            pinned.clear();
            real.clear();
          }
          expect(pinned.size).toBe(real.size);
          expect([...pinned]).toEqual([...real]);
          expect([...pinned.keys()]).toEqual([...real.keys()]);
          expect([...pinned.values()]).toEqual([...real.values()]);
          for (let k = 0; k <= 8; k++) {
            expect(pinned.has(k)).toBe(real.has(k));
            expect(pinned.get(k)).toBe(real.get(k));
          }
        }
        const seen: [number, number][] = [];
        pinned.forEach((v, k, m) => {
          expect(m).toBe(pinned);
          seen.push([k, v]);
        });
        expect(seen).toEqual([...real.entries()]);
        expect(Object.prototype.toString.call(pinned)).toBe('[object Map]');
      }),
    );
  });
});

describe('PinnedSet', () => {
  it('behaves as a Set under any sequence of add, delete and clear', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const real = new Set<number>();
        const pinned = new PinnedSet<number>();
        for (const o of ops) {
          if (o.op === 'set') {
            expect(pinned.add(o.k)).toBe(pinned);
            real.add(o.k);
          } else if (o.op === 'delete') expect(pinned.delete(o.k)).toBe(real.delete(o.k));
          else {
            pinned.clear();
            real.clear();
          }
          expect(pinned.size).toBe(real.size);
          expect([...pinned]).toEqual([...real]);
          expect([...pinned.entries()]).toEqual([...real.entries()]);
          for (let k = 0; k <= 8; k++) expect(pinned.has(k)).toBe(real.has(k));
        }
        const seen: number[] = [];
        pinned.forEach((v, v2) => {
          expect(v2).toBe(v);
          seen.push(v);
        });
        expect(seen).toEqual([...real]);
      }),
    );
  });
});
