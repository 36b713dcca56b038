import { describe, expect, it } from 'vitest';
import { Engine, type EngineState } from '../../engine';
import type { EngineEvent, OrderPricing } from '../../model';
import { makeEngine, ofType, order, tick } from '../../testing/engine-fixtures';
import { SimulatedVenue } from './simulated-venue';

const T0 = 1_700_000_000_000;

/**
 * Engine A (latency 50) accepts an order at +50 whose outcome is due at +100, then "crashes";
 * engine B takes A's state on a fresh venue, and the price ticks on.
 */
function restartAfterAccept(pricing: OrderPricing, extra: Parameters<typeof order>[4] = {}) {
  const a = makeEngine({ latencyMs: 50, startMs: T0, usdt: 1_000_000 });
  a.engine.handle(tick(100));
  a.engine.handle(order('o', 'BUY', 2, pricing, extra));
  a.clock.advanceTo(T0 + 50);
  a.engine.poll();
  expect(a.engine.state.orders.get('o' as never)?.status).toBe('ACCEPTED');
  const venue = new SimulatedVenue({ latencyMs: 50, marketProtection: 0.05 });
  const b = new Engine(a.engine.config, a.clock, venue, a.engine.state as EngineState);
  const events: EngineEvent[] = [];
  a.clock.advanceTo(T0 + 80);
  events.push(...b.handle(tick(100.5)));
  a.clock.advanceTo(T0 + 500);
  events.push(...b.poll(), ...b.handle(tick(99)));
  a.clock.advanceTo(T0 + 600);
  events.push(...b.poll());
  return { b, events, final: b.state.orders.get('o' as never) };
}

describe('SimulatedVenue: restart between acceptance and execution', () => {
  it('a market order accepted but not filled arrives again and fills once, at the last price', () => {
    const { events, final, b } = restartAfterAccept({ type: 'MARKET' });
    expect(ofType(events, 'order_accepted')).toEqual([]);
    expect(ofType(events, 'order_filled').map((f) => [f.qty, f.price, f.liquidity])).toEqual([
      [2, 100, 'TAKER'], // it arrives again at its own time (+50), when the last price was 100
    ]);
    expect(final?.status).toBe('FILLED');
    expect(b.positions()[0]?.qty).toBe(2);
  });

  it('an IOC limit that did not cross expires instead of filling later as a resting order', () => {
    const ioc = restartAfterAccept({ type: 'LIMIT', price: 99.5 }, { tif: 'IOC' });
    expect(ioc.final?.status).toBe('EXPIRED');
    expect(ofType(ioc.events, 'order_filled')).toEqual([]);
    // A GTC limit rests as it was and fills when the price comes to it (the tick at 99).
    const gtc = restartAfterAccept({ type: 'LIMIT', price: 99.5 });
    expect(gtc.final?.status).toBe('FILLED');
    expect(ofType(gtc.events, 'order_filled').map((f) => [f.price, f.liquidity])).toEqual([
      [99.5, 'MAKER'],
    ]);
  });
});
