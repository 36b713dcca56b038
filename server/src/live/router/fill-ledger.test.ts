import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FillLedger } from './fill-ledger';

/** Feeds trades through a ledger against an engine that starts at `engineStart`. */
function run(ledger: FillLedger, engineStart: number, trades: readonly [string, number][]) {
  let engine = engineStart;
  for (const [id, qty] of trades) {
    const d = ledger.decide(id, qty, engine);
    if (d.forward) engine += d.qty;
    ledger.record(id, qty);
  }
  return engine;
}

describe('FillLedger', () => {
  it('drops a trade id seen before', () => {
    const l = new FillLedger(1);
    expect(l.decide('a', 0.5, 0)).toEqual({ forward: true, qty: 0.5 });
    l.record('a', 0.5);
    expect(l.decide('a', 0.5, 0.5)).toEqual({ forward: false, why: 'duplicate' });
  });

  it('after a restart: replayed trades up to the engine executed qty are skipped, later ones pass', () => {
    const l = new FillLedger(1);
    expect(
      run(l, 0.5, [
        ['t1', 0.2],
        ['t2', 0.3],
        ['t3', 0.1],
      ]),
    ).toBeCloseTo(0.6, 12);
  });

  it('a trade straddling the engine qty forwards only the excess', () => {
    const l = new FillLedger(1);
    expect(l.decide('t1', 0.4, 0.3)).toEqual({ forward: true, qty: expect.closeTo(0.1, 12) });
  });

  it('syncTo lets new trades through when the replay never comes', () => {
    const l = new FillLedger(1);
    l.syncTo(0.5);
    expect(l.decide('t9', 0.1, 0.5)).toEqual({ forward: true, qty: expect.closeTo(0.1, 12) });
  });

  it('property: any replay of a prefix plus duplicates ends at the venue cumulative, exactly once', () => {
    const trades = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(trades, fc.nat(), fc.array(fc.nat(), { maxLength: 20 }), (lots, cut, dups) => {
        const qtys = lots.map((q) => q / 1000);
        const ids = qtys.map((_, i) => `t${i}`);
        const k = cut % (qtys.length + 1);
        // The engine already has the first k trades (a previous router run forwarded them).
        const engineStart = qtys.slice(0, k).reduce((a, b) => a + b, 0);
        const stream: [string, number][] = qtys.map((q, i) => [ids[i] as string, q]);
        for (const d of dups) {
          const i = d % stream.length;
          // A duplicate is delivered again later in the stream (never before its first time).
          stream.splice(i + 1 + (d % 3), 0, stream[i] as [string, number]);
        }
        const total = qtys.reduce((a, b) => a + b, 0);
        const end = run(new FillLedger(total), engineStart, stream);
        expect(end).toBeCloseTo(total, 9);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
