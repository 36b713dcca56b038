import { describe, expect, it } from 'vitest';
import { makeEngine, ofType, order, tick } from '../../testing/engine-fixtures';
import { DEFAULT_RISK_LIMITS } from '../risk-limits';
import { BreakerGate, type KillSwitchPort } from './breaker-gate';
import type { BreakerConfig } from './circuit-breaker';
import { scaleLimits } from './dynamic-limits';

const market = () => ({ type: 'MARKET' as const });
const limit = (price: number) => ({ type: 'LIMIT' as const, price });

const CONFIG: BreakerConfig = {
  maxLoss: 100,
  lossWindowMs: 3_600_000,
  maxErrorRate: 0.5,
  errorWindowMs: 60_000,
  minOrdersForErrorRate: 3,
  staleAfterMs: 10_000,
  coolDownMs: 60_000,
  probeOrders: 1,
};

/** A kill switch that records what it was told (as the live router would act on it). */
function port(): KillSwitchPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    engageKillSwitch: (reason) => calls.push(`engage ${reason}`),
    releaseKillSwitch: () => calls.push('release'),
  };
}

function setup(extra: Partial<ConstructorParameters<typeof BreakerGate>[2]> = {}) {
  const { engine, clock } = makeEngine({ usdt: 100_000 });
  const ks = port();
  const gate = new BreakerGate(engine, clock, { breaker: CONFIG, killSwitch: ks, ...extra });
  return { engine, clock, gate, ks };
}

describe('breaker gate on a real engine', () => {
  it('a losing round trip trips it: open orders cancelled, kill switch engaged, orders refused', () => {
    const { engine, clock, gate, ks } = setup();
    gate.handle(tick(50_000));
    expect(gate.handle(order('b1', 'BUY', 0.1, market())).ok).toBe(true);
    gate.handle(order('rest', 'BUY', 0.01, limit(45_000)));
    expect(engine.state.openOrders.size).toBe(1);
    clock.advanceTo(clock.now() + 1000);
    gate.handle(tick(48_000));
    // Sold 2 000 lower on 0.1: realized −200 > 100.
    const sold = gate.handle(order('s1', 'SELL', 0.1, market()));
    expect(sold.ok).toBe(true);
    if (sold.ok)
      expect(ofType(sold.value, 'order_cancelled').map((e) => e.clientOrderId)).toEqual(['rest']);
    expect(gate.breaker.status).toBe('open');
    expect(engine.state.openOrders.size).toBe(0);
    expect(ks.calls).toEqual([
      'engage circuit_breaker: loss_rate: realized loss 200 > 100 in 3600000 ms',
    ]);
    const refused = gate.handle(order('b2', 'BUY', 0.01, market()));
    expect(refused).toEqual({
      ok: false,
      error: 'circuit_breaker: open (loss_rate: realized loss 200 > 100 in 3600000 ms)',
    });
    expect(engine.state.orders.has('b2' as never)).toBe(false);
  });

  it('after the cool-down it probes: the kill switch is released, a good probe closes it', () => {
    const { clock, gate, ks } = setup();
    gate.handle(tick(50_000));
    gate.trip('test');
    expect(ks.calls).toEqual(['engage circuit_breaker: manual: test']);
    clock.advanceTo(clock.now() + 60_000);
    gate.handle(tick(50_100));
    expect(gate.breaker.status).toBe('half_open');
    expect(ks.calls.at(-1)).toBe('release');
    expect(gate.handle(order('p1', 'BUY', 0.01, market())).ok).toBe(true);
    expect(gate.breaker.status).toBe('closed');
  });

  it('a failed probe reopens it', () => {
    const { clock, gate } = setup();
    gate.handle(tick(50_000));
    gate.trip('test');
    clock.advanceTo(clock.now() + 60_000);
    gate.handle(tick(50_000));
    // Unknown symbol: the engine denies it.
    gate.handle(order('p1', 'BUY', 1, market(), { symbol: 'NOPEUSDT' }));
    expect(gate.breaker).toMatchObject({ status: 'open', reason: { code: 'probe_failed' } });
  });

  it('denied orders trip the error rate; stale market data trips on poll', () => {
    const a = setup();
    a.gate.handle(tick(50_000));
    for (const id of ['x1', 'x2', 'x3'])
      a.gate.handle(order(id, 'BUY', 1, market(), { symbol: 'NOPEUSDT' }));
    expect(a.gate.breaker).toMatchObject({
      status: 'open',
      reason: { code: 'error_rate', failed: 3 },
    });

    const b = setup();
    b.gate.handle(tick(50_000));
    b.clock.advanceTo(b.clock.now() + 10_001);
    b.gate.poll();
    expect(b.gate.breaker).toMatchObject({ status: 'open', reason: { code: 'stale_market' } });
  });

  it('applies volatility-scaled notional limits with the engine’s own rules', () => {
    const { gate } = setup({ limits: () => scaleLimits(DEFAULT_RISK_LIMITS, 0.1) });
    gate.handle(tick(50_000));
    expect(gate.handle(order('big', 'BUY', 0.2, market()))).toEqual({
      ok: false,
      error: 'max_order_notional: 10000 > 5000',
    });
    expect(gate.handle(order('small', 'BUY', 0.05, market())).ok).toBe(true);
  });
});
