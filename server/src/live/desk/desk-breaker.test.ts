import { describe, expect, it } from 'vitest';
import type { BreakerConfig, BreakerState } from '../../../../engine-core/src/risk';
import type { EngineEvent } from '../../engine-process/engine-link';
import { KILL_SWITCH_REASON } from '../router';
import { DeskBreaker, feeInQuote } from './desk-breaker';

// The desk's breaker fed with the lines the engine prints (encode-event.ts): `order_update`
// NEW → ACCEPTED/FILLED/REJECTED, an engine denial as a bare REJECTED with the order's fields,
// `fill` with its fee. The clock is a variable the test moves.

const CONFIG: BreakerConfig = {
  maxLoss: 100,
  lossWindowMs: 3_600_000,
  maxErrorRate: 0.5,
  errorWindowMs: 60_000,
  minOrdersForErrorRate: 4,
  staleAfterMs: null,
  coolDownMs: 30_000,
  probeOrders: 2,
};

function setup(config: BreakerConfig = CONFIG) {
  const clock = { t: 1_700_000_000_000 };
  const changes: [BreakerState['status'], BreakerState['status']][] = [];
  const b = new DeskBreaker({
    config,
    now: () => clock.t,
    onChange: (from, to) => changes.push([from.status, to.status]),
  });
  return { b, clock, changes };
}

const update = (id: string, status: string, extra: Record<string, unknown> = {}): EngineEvent => ({
  type: 'order_update',
  ts: 1,
  client_order_id: id,
  status,
  ...extra,
});
const ORDER = { symbol: 'BTCUSDT', side: 'BUY', qty: 0.1, price: 20_000 };
const accepted = (b: DeskBreaker, id: string) => {
  b.observe(update(id, 'NEW', ORDER));
  b.observe(update(id, 'ACCEPTED', { venue_order_id: `v-${id}`, ...ORDER }));
};
const venueRejected = (b: DeskBreaker, id: string, reason = 'Filter failure: NOTIONAL') => {
  b.observe(update(id, 'NEW', ORDER));
  b.observe(update(id, 'REJECTED', { reason }));
};
const fill = (
  side: 'BUY' | 'SELL',
  qty: number,
  price: number,
  fee: number,
  feeAsset: string,
): EngineEvent => ({
  type: 'fill',
  ts: 1,
  client_order_id: 'f',
  symbol: 'BTCUSDT',
  side,
  qty,
  price,
  fee,
  fee_asset: feeAsset,
  liquidity: 'TAKER',
});

/** Trips on errors: 3 of 4 decided orders failed. */
function tripOnErrors(b: DeskBreaker): void {
  accepted(b, 'a');
  venueRejected(b, 'b');
  venueRejected(b, 'c', 'Account has insufficient balance for requested action.');
  venueRejected(b, 'd', 'Order would immediately match and take.');
}

describe('DeskBreaker', () => {
  it('trips on the error rate, with the counts and the limit in the reason and the refusal', () => {
    const { b, clock, changes } = setup();
    accepted(b, 'a');
    venueRejected(b, 'b');
    venueRejected(b, 'c', 'Account has insufficient balance for requested action.');
    // Not failures of the system: a denial by the engine's own risk check (no NEW before it:
    // the trader's input), a refused cancel, a duplicate id, and a refusal by the kill switch
    // (the halt itself). An order the venue took that then ended (cancelled, an IOC's expiry)
    // succeeded.
    b.observe(update('x', 'REJECTED', { ...ORDER, reason: 'max_order_notional: 60000 > 50000' }));
    b.observe(update('a', 'REJECTED', { reason: 'cancel refused' }));
    b.observe(update('a', 'REJECTED', { reason: 'duplicate client_order_id' }));
    b.observe(update('k', 'NEW', ORDER));
    b.observe(update('k', 'REJECTED', { reason: KILL_SWITCH_REASON }));
    b.observe(update('i', 'NEW', ORDER));
    b.observe(update('i', 'EXPIRED', { ...ORDER, reason: 'IOC' }));
    expect(b.view()).toMatchObject({ state: 'closed', window: { orders: 4, failed: 2 } });
    expect(b.refusal()).toBeNull();

    venueRejected(b, 'd', 'Order would immediately match and take.');
    expect(changes).toEqual([['closed', 'open']]);
    const reason = 'error_rate: 3 of 5 orders failed, 0.6 > 0.5 in 60000 ms';
    expect(b.view()).toEqual({
      state: 'open',
      reason,
      trip: { code: 'error_rate', failed: 3, total: 5, limit: 0.5, window_ms: 60_000 },
      opened_at_ms: clock.t,
      probe_at_ms: clock.t + 30_000,
      limits: {
        max_loss: 100,
        loss_window_ms: 3_600_000,
        max_error_rate: 0.5,
        error_window_ms: 60_000,
        min_orders: 4,
        cool_down_ms: 30_000,
        probe_orders: 2,
      },
      persisted: false,
    });
    expect(b.refusal()).toBe(
      `circuit_breaker: open (${reason}): probing from ${new Date(clock.t + 30_000).toISOString()}, or reset the breaker (POST /api/breaker/reset)`,
    );
  });

  it('counts only outcomes inside the window, and an engine that could not take an order', () => {
    const { b, clock } = setup();
    venueRejected(b, 'a');
    venueRejected(b, 'b');
    venueRejected(b, 'c');
    clock.t += 60_000; // the three fall out of the window
    accepted(b, 'd');
    b.orderError('engine restarting');
    expect(b.view()).toMatchObject({ state: 'closed', window: { orders: 2, failed: 1 } });
    accepted(b, 'e');
    accepted(b, 'f');
    expect(b.view()).toMatchObject({ state: 'closed', window: { orders: 4, failed: 1 } });
  });

  it('trips on the realized loss net of fees, folded like the engine books it', () => {
    const { b, changes } = setup();
    // Buy 0.1 @ 20000, fee 0.0001 BTC = 2 USDT at the fill price: −2.
    b.observe(fill('BUY', 0.1, 20_000, 0.0001, 'BTC'));
    expect(b.view().window?.realized_pnl).toBeCloseTo(-2, 9);
    // Sell 0.06 @ 19000, fee 1.14 USDT: (19000 − 20000) × 0.06 − 1.14 = −61.14.
    b.observe(fill('SELL', 0.06, 19_000, 1.14, 'USDT'));
    expect(b.view().window?.realized_pnl).toBeCloseTo(-63.14, 9);
    expect(changes).toEqual([]);
    // Sell 0.04 @ 19100, fee 0.764: (19100 − 20000) × 0.04 − 0.764 = −36.764; total −99.904.
    b.observe(fill('SELL', 0.04, 19_100, 0.764, 'USDT'));
    expect(b.view().state).toBe('closed');
    // A fee in a third asset has no exact quote value: it is left out, and nothing is realized.
    b.observe(fill('BUY', 0.01, 19_000, 0.5, 'BNB'));
    expect(b.view().state).toBe('closed');
    // Buy 0.01 more @ 19000, fee 0.19 USDT: −0.19, total −100.094 > 100.
    b.observe(fill('BUY', 0.01, 19_000, 0.19, 'USDT'));
    expect(changes).toEqual([['closed', 'open']]);
    const v = b.view();
    expect(v.trip).toMatchObject({ code: 'loss_rate', limit: 100, window_ms: 3_600_000 });
    const loss = v.trip?.code === 'loss_rate' ? v.trip.loss : Number.NaN;
    expect(loss).toBeCloseTo(2 + 61.14 + 36.764 + 0.19, 9);
    expect(v.reason).toBe('loss_rate: realized loss 100.094 > 100 in 3600000 ms');
  });

  it('continues from the positions the engine reported at start-up', () => {
    const { b } = setup();
    b.seedPositions([
      {
        type: 'position',
        ts: 1,
        symbol: 'BTCUSDT',
        qty: 0.2,
        avg_price: 21_000,
        realized_pnl: 50,
        unrealized_pnl: 0,
      },
    ]);
    // Sell 0.1 @ 20000 against an entry of 21000: −100, fee 2 USDT: −102 > 100.
    b.observe(fill('SELL', 0.1, 20_000, 2, 'USDT'));
    expect(b.view().reason).toBe('loss_rate: realized loss 102 > 100 in 3600000 ms');
  });

  it('probes after the cool-down: closes when every probe succeeds, opens again when one fails', () => {
    const { b, clock, changes } = setup();
    tripOnErrors(b);
    clock.t += 29_999;
    b.tick();
    expect(b.view().state).toBe('open');
    clock.t += 1;
    b.tick();
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half_open'],
    ]);
    expect(b.refusal()).toBeNull();
    // An order the engine denies, or a duplicate id, is no probe: it never reaches the venue.
    b.observe(update('x', 'REJECTED', { ...ORDER, reason: 'max_order_notional: 60000 > 50000' }));
    b.observe(update('a', 'REJECTED', { reason: 'duplicate client_order_id' }));
    expect(b.view()).toMatchObject({ state: 'half_open', probes: { sent: 0, ok: 0, needed: 2 } });
    b.observe(update('p1', 'NEW', ORDER));
    b.observe(update('p2', 'NEW', ORDER));
    expect(b.view()).toMatchObject({ state: 'half_open', probes: { sent: 2, ok: 0, needed: 2 } });
    expect(b.refusal()).toMatch(
      /^circuit_breaker: half-open, 2 of 2 probe orders in flight \(error_rate: 3 of 4 orders failed, 0\.75 > 0\.5 in 60000 ms\): waiting for the probe orders/,
    );
    b.observe(update('p1', 'ACCEPTED', ORDER));
    expect(b.view()).toMatchObject({ state: 'half_open', probes: { ok: 1 } });
    b.observe(
      update('p2', 'REJECTED', {
        reason: 'Account has insufficient balance for requested action.',
      }),
    );
    expect(changes.at(-1)).toEqual(['half_open', 'open']);
    expect(b.view().reason).toBe(
      'probe_failed: Account has insufficient balance for requested action.',
    );

    clock.t += 30_000;
    b.tick();
    accepted(b, 'p3');
    // A probe the venue took and that then expired (an IOC) succeeded too: none is left hanging.
    b.observe(update('p4', 'NEW', ORDER));
    b.observe(update('p4', 'EXPIRED', ORDER));
    expect(changes.at(-1)).toEqual(['half_open', 'closed']);
    expect(b.view()).toMatchObject({ state: 'closed', window: { orders: 0, failed: 0 } });
  });

  it('resets by hand from open, with empty windows', () => {
    const { b, changes } = setup();
    tripOnErrors(b);
    b.reset();
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'closed'],
    ]);
    expect(b.view()).toMatchObject({ state: 'closed', window: { orders: 0, failed: 0 } });
    expect(b.refusal()).toBeNull();
    // An outcome of an order from before the reset is not counted.
    b.observe(update('x', 'REJECTED', { reason: 'late' }));
    expect(b.view()).toMatchObject({ window: { orders: 0 } });
  });

  it('a limit set to null never trips', () => {
    const { b } = setup({ ...CONFIG, maxErrorRate: null, maxLoss: null });
    tripOnErrors(b);
    b.observe(fill('BUY', 1, 20_000, 0, 'USDT'));
    b.observe(fill('SELL', 1, 10_000, 0, 'USDT'));
    expect(b.view()).toMatchObject({ state: 'closed', window: { orders: 4, failed: 3 } });
  });
});

describe('feeInQuote', () => {
  it('takes quote fees as they are, base fees at the fill price, other assets not at all', () => {
    expect(feeInQuote('BTCUSDT', 1.5, 'USDT', 20_000)).toBe(1.5);
    expect(feeInQuote('BTCUSDT', 0.0001, 'BTC', 20_000)).toBeCloseTo(2, 12);
    expect(feeInQuote('ETHBTC', 0.01, 'ETH', 0.05)).toBeCloseTo(0.0005, 12);
    expect(feeInQuote('BTCUSDT', 0.01, 'BNB', 20_000)).toBe(0);
    expect(feeInQuote('BTCUSDT', 0, 'USDT', 20_000)).toBe(0);
  });
});
