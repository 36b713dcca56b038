import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timer-heap';

describe('TimerHeap', () => {
  it('pops by time, and by insertion order among equal times', () => {
    const h = new TimerHeap();
    h.push(30, 0, 0);
    h.push(10, 1, 0);
    h.push(20, 2, 0);
    h.push(10, 3, 0);
    const out: number[] = [];
    while (h.size > 0) {
      out.push(h.peekSlot());
      h.pop();
    }
    expect(out).toEqual([1, 3, 2, 0]);
    expect(h.peekTime()).toBeNull();
  });

  it('property: any sequence of pushes and pops matches a stable sort of the pushed entries', () => {
    const op = fc.oneof(
      fc.record({ push: fc.constant(true), time: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ push: fc.constant(false), time: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const h = new TimerHeap();
        const model: { time: number; slot: number }[] = [];
        let slot = 0;
        for (const o of ops) {
          if (o.push) {
            h.push(o.time, slot, 7);
            model.push({ time: o.time, slot: slot++ });
          } else if (model.length > 0) {
            // The model: the earliest time, first inserted among ties.
            let best = 0;
            for (let i = 1; i < model.length; i++) {
              if ((model[i]?.time as number) < (model[best]?.time as number)) best = i;
            }
            const [m] = model.splice(best, 1);
            expect([h.peekTime(), h.peekSlot(), h.peekToken()]).toEqual([m?.time, m?.slot, 7]);
            h.pop();
          }
          expect(h.size).toBe(model.length);
        }
      }),
    );
  });
});
