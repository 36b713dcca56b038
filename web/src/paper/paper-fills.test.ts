import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../engine-core/src/clock';
import { Engine, type EngineConfig } from '../../../engine-core/src/engine';
import { KNOWN_INSTRUMENTS } from '../../../engine-core/src/instruments';
import {
  asset,
  type EngineEvent,
  isStateEvent,
  symbolId,
  timestampMs,
} from '../../../engine-core/src/model';
import { NO_RISK_LIMITS } from '../../../engine-core/src/risk';
import { order } from '../../../engine-core/src/testing/engine-fixtures';
import { SimulatedVenue } from '../../../engine-core/src/venue';
import { PaperVenue } from '../../../engine-core/src/venue/paper';
import type { WalRecord } from '../../../engine-core/src/wal';
import { fillRow, pushCapped, recoveredFills } from './paper-fills';

const BTC = symbolId('BTCUSDT');
const CONFIG: EngineConfig = {
  accountAsset: asset('USDT'),
  instruments: KNOWN_INSTRUMENTS,
  fees: { makerBps: 2, takerBps: 5 },
  risk: NO_RISK_LIMITS,
  marketProtection: 0.05,
};

/** An engine with a journal of its state events (seq from 1), and a way to cut it at a snapshot. */
function journaled() {
  const clock = new VirtualClock(1_700_000_000_000);
  const engine = new Engine(
    CONFIG,
    clock,
    new SimulatedVenue({ latencyMs: 0, marketProtection: 0.05 }),
  );
  const log: WalRecord[] = [];
  const take = (events: EngineEvent[]) => {
    for (const e of events) if (isStateEvent(e)) log.push({ seq: log.length + 1, event: e });
    return events;
  };
  take(engine.deposit(asset('USDT'), 100_000));
  const tick = (price: number) => {
    clock.advanceTo(clock.now() + 1000);
    return take(engine.handle({ type: 'market_tick', symbol: BTC, price, ts: null }));
  };
  return { engine, log, take, tick };
}

describe('recoveredFills', () => {
  it('without a snapshot: exactly the fill events, oldest first', () => {
    const { engine, log, take, tick } = journaled();
    tick(100);
    take(engine.handle(order('a', 'BUY', 1, { type: 'MARKET' })));
    tick(101);
    take(engine.handle(order('b', 'SELL', 0.5, { type: 'LIMIT', price: 103 })));
    tick(104);
    const events = log.map((r) => r.event);
    const expected = events.flatMap((e) => {
      const r = fillRow(e);
      return r === null ? [] : [r];
    });
    expect(expected.map((f) => f.clientOrderId)).toEqual(['a', 'b']);
    expect(recoveredFills(engine.state, log)).toEqual(expected);
  });

  it('fills before the snapshot become one merged row per order; totals match the orders', () => {
    // The paper venue fills a resting limit in parts, trade by trade: cut the journal between them.
    const clock = new VirtualClock(1_700_000_000_000);
    const venue = new PaperVenue({ latencyMs: 0, marketProtection: 0.05, book: () => undefined });
    const engine = new Engine(CONFIG, clock, venue);
    const log: WalRecord[] = [];
    const take = (events: EngineEvent[]) => {
      for (const e of events) if (isStateEvent(e)) log.push({ seq: log.length + 1, event: e });
    };
    const trade = (price: number, qty: number) => {
      clock.advanceTo(clock.now() + 1000);
      venue.onTrade({ kind: 'trade', symbol: BTC, price, qty, side: 'SELL', ts: clock.now() });
      take(engine.handle({ type: 'market_tick', symbol: BTC, price, ts: null }));
    };
    take(engine.deposit(asset('USDT'), 100_000));
    trade(101, 1);
    take(engine.handle(order('a', 'BUY', 1, { type: 'LIMIT', price: 100 })));
    take(engine.handle(order('b', 'BUY', 2, { type: 'LIMIT', price: 99 })));
    trade(100, 0.25);
    trade(100, 0.25);
    const cut = log.length; // the snapshot covers seqs 1..cut: 'a' half filled
    trade(100, 0.25);
    trade(98, 5); // through both prices: the rest of 'a' and all of 'b'
    const tail = log.slice(cut);
    const rows = recoveredFills(engine.state, tail);
    expect(rows.map((r) => [r.clientOrderId, r.qty, r.merged === true])).toEqual([
      ['a', 0.5, true],
      ['a', 0.25, false],
      ['a', 0.25, false],
      ['b', 2, false],
    ]);
    for (const o of engine.state.orders.values()) {
      const mine = rows.filter((r) => r.clientOrderId === o.request.clientOrderId);
      expect(mine.reduce((s, r) => s + r.qty, 0)).toBeCloseTo(o.executedQty, 12);
      expect(mine.reduce((s, r) => s + r.qty * r.price, 0)).toBeCloseTo(o.cumQuote, 9);
      expect(mine.reduce((s, r) => s + r.fee, 0)).toBeCloseTo(o.fees, 12);
    }
    expect(rows[0]?.liquidity).toBe('MAKER');
  });

  it('keeps the newest `max`', () => {
    const { engine, log, take, tick } = journaled();
    tick(100);
    for (let i = 0; i < 8; i++) {
      take(engine.handle(order(`o${i}`, 'BUY', 0.1, { type: 'MARKET' })));
      tick(100 + i);
    }
    const rows = recoveredFills(engine.state, log, 3);
    expect(rows.map((r) => r.clientOrderId)).toEqual(['o5', 'o6', 'o7']);
  });

  it('fillRow reads order_filled only', () => {
    expect(fillRow({ type: 'market_updated', ts: timestampMs(1), symbol: BTC, price: 1 })).toBe(
      null,
    );
  });
});

describe('pushCapped', () => {
  it('appends and drops the oldest beyond max', () => {
    const l = [1, 2, 3];
    pushCapped(l, [4, 5], 4);
    expect(l).toEqual([2, 3, 4, 5]);
  });
});
