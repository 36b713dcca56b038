// The adapter through real ccxt against each venue's local fake, which checks every private
// request's signature: what passes here went over HTTP in the venue's own format.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConnectionState,
  ExecReport,
  LiveOrderRequest,
  VenueAdapterEvents,
  VenueSnapshot,
} from '../venue-adapter';
import { CcxtVenueAdapter } from './ccxt-venue-adapter';
import { type RunningFake, startFake } from './testing/fake-venue';
import type { CcxtVenueId } from './venue-profile';

class Recorder implements VenueAdapterEvents {
  readonly reports: ExecReport[] = [];
  readonly states: ConnectionState[] = [];
  readonly snapshots: VenueSnapshot[] = [];
  private _waiters: (() => void)[] = [];
  onReport(r: ExecReport): void {
    this.reports.push(r);
    for (const w of this._waiters.splice(0)) w();
  }
  onConnection(s: ConnectionState): void {
    this.states.push(s);
  }
  onReconciled(s: VenueSnapshot): void {
    this.snapshots.push(s);
  }
  /** Resolves once a report satisfies `pred` (the suite's timeout catches a hang). */
  async waitFor(pred: (r: ExecReport) => boolean): Promise<ExecReport> {
    for (;;) {
      const hit = this.reports.find(pred);
      if (hit !== undefined) return hit;
      await new Promise<void>((resolve) => this._waiters.push(resolve));
    }
  }
}

const VENUES: readonly CcxtVenueId[] = ['okx', 'bybit', 'coinbase'];

describe.each(VENUES)('CcxtVenueAdapter on the %s fake', (venue) => {
  let fake: RunningFake;
  let adapter: CcxtVenueAdapter;
  let events: Recorder;
  let n = 0;
  /** Every backoff the adapter asked for (the sleep is injected: no real waiting). */
  let sleeps: number[] = [];

  const order = (over: Partial<LiveOrderRequest> = {}): LiveOrderRequest => ({
    clientOrderId: `c${venue}${++n}x${Date.now() % 100000}`,
    symbol: fake.engineSymbol,
    side: 'BUY',
    type: 'LIMIT',
    qty: 0.5,
    price: 49_000,
    tif: 'GTC',
    postOnly: false,
    ...over,
  });

  const build = (credentials = fake.credentials) =>
    new CcxtVenueAdapter({
      venue,
      credentials,
      baseUrl: fake.baseUrl,
      pollIntervalMs: 5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });

  beforeEach(async () => {
    fake = await startFake(venue);
    sleeps = [];
    events = new Recorder();
    adapter = build();
    await adapter.start(events);
  });

  afterEach(async () => {
    await adapter.close();
    expect(fake.server.unhandled).toEqual([]);
    await fake.close();
  });

  it('starts: markets loaded, reconciled, connected', () => {
    expect(events.states.map((s) => s.state)).toEqual(['connecting', 'connected']);
    const usd = events.snapshots[0]?.balances.find((b) => b.asset === fake.quote);
    expect(usd).toEqual({ asset: fake.quote, free: 100_000, locked: 0 });
  });

  it('place → ACCEPTED → a fill reported once → FILLED', async () => {
    const o = order();
    const placed = await adapter.place(o);
    expect(placed.ok).toBe(true);
    const venueOrderId = placed.ok ? placed.venueOrderId : '';
    expect(fake.market.findByClientId(o.clientOrderId)?.venueOrderId).toBe(venueOrderId);
    expect(events.reports[0]).toMatchObject({
      kind: 'status',
      status: 'ACCEPTED',
      clientOrderId: o.clientOrderId,
      venueOrderId,
    });

    fake.market.setPrice(fake.instrumentId, 48_500, 0.25); // half fills
    await events.waitFor((r) => r.kind === 'fill');
    fake.market.setPrice(fake.instrumentId, 48_000); // the rest
    await events.waitFor((r) => r.kind === 'fill' && r.status === 'FILLED');
    // A few more rounds: nothing is reported again.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const fills = events.reports.filter((r) => r.kind === 'fill');
    const venueTrades = fake.market.trades().filter((t) => t.clientOrderId === o.clientOrderId);
    expect(fills.map((f) => f.tradeId)).toEqual(venueTrades.map((t) => t.tradeId));
    expect(fills.map((f) => [f.status, f.fillQty, f.fillPrice, f.liquidity])).toEqual([
      ['PARTIALLY_FILLED', 0.25, 49_000, 'MAKER'],
      ['FILLED', 0.25, 49_000, 'MAKER'],
    ]);
    expect(events.reports.filter((r) => r.kind === 'status')).toHaveLength(1);
  });

  it('cancel: the venue cancels, a CANCELLED report follows', async () => {
    const o = order();
    await adapter.place(o);
    const r = await adapter.cancel(o.clientOrderId, o.symbol);
    expect(r.ok).toBe(true);
    expect(fake.market.findByClientId(o.clientOrderId)?.status).toBe('cancelled');
    await events.waitFor((x) => x.kind === 'status' && x.status === 'CANCELLED');
    const again = await adapter.cancel(o.clientOrderId, o.symbol);
    expect(again).toMatchObject({ ok: false, kind: 'rejected' });
  });

  it('queryOrder by client id; null for an id the venue never saw', async () => {
    const o = order({ side: 'SELL', price: 51_000, qty: 0.75 });
    const placed = await adapter.place(o);
    const q = await adapter.queryOrder(o.clientOrderId, o.symbol);
    expect(q).toEqual({
      clientOrderId: o.clientOrderId,
      venueOrderId: placed.ok ? placed.venueOrderId : '?',
      symbol: fake.engineSymbol,
      side: 'SELL',
      qty: 0.75,
      executedQty: 0,
      price: 51_000,
      status: 'NEW',
    });
    expect(await adapter.queryOrder('neverSeen123', o.symbol)).toBeNull();
  });

  it('reconcile: open orders and balances with the locked part', async () => {
    const o = order({ qty: 1, price: 40_000 });
    await adapter.place(o);
    const snap = await adapter.reconcile();
    expect(snap.openOrders.map((x) => [x.clientOrderId, x.status, x.qty])).toEqual([
      [o.clientOrderId, 'NEW', 1],
    ]);
    const quote = snap.balances.find((b) => b.asset === fake.quote);
    expect(quote).toEqual({ asset: fake.quote, free: 60_000, locked: 40_000 });
  });

  it('a 5xx then success: placed exactly once', async () => {
    fake.server.failNext('POST', fake.createPath, { kind: 'status', status: 503 });
    const o = order();
    const r = await adapter.place(o);
    expect(r.ok).toBe(true);
    expect(fake.market.orders().filter((x) => x.clientOrderId === o.clientOrderId)).toHaveLength(1);
    expect(fake.server.count('POST', fake.createPath)).toBe(2);
  });

  it('429 with Retry-After: waits at least that long, then places once', async () => {
    fake.server.failNext('POST', fake.createPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3' },
    });
    const o = order();
    expect((await adapter.place(o)).ok).toBe(true);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(fake.market.orders().filter((x) => x.clientOrderId === o.clientOrderId)).toHaveLength(1);
  });

  it('a lost response (executed, never answered): found by client id, not sent again', async () => {
    fake.server.failNext('POST', fake.createPath, { kind: 'drop-after' });
    const o = order();
    const r = await adapter.place(o);
    const atVenue = fake.market.orders().filter((x) => x.clientOrderId === o.clientOrderId);
    expect(atVenue).toHaveLength(1);
    expect(r).toEqual({ ok: true, venueOrderId: atVenue[0]?.venueOrderId });
    expect(fake.server.count('POST', fake.createPath)).toBe(1);
  });

  it('no answer at all: unknown after every attempt, never a second order', async () => {
    for (let i = 0; i < 3; i++)
      fake.server.failNext('POST', fake.createPath, { kind: 'status', status: 502 });
    const r = await adapter.place(order());
    expect(r).toMatchObject({ ok: false, kind: 'unknown' });
    expect(fake.market.orders()).toHaveLength(0);
  });

  it('insufficient funds and a bad client id are rejected with precise reasons', async () => {
    const broke = await adapter.place(order({ qty: 10 }));
    expect(broke).toMatchObject({ ok: false, kind: 'rejected' });
    expect(broke.ok ? '' : broke.reason).toMatch(/^insufficient_funds:/);
    const badId = await adapter.place(order({ clientOrderId: 'has space!' }));
    expect(badId.ok ? '' : badId.reason).toMatch(/does not fit/);
    expect(fake.market.orders()).toHaveLength(0);
  });

  it('a wrong secret: the fake refuses the signature and the adapter says auth', async () => {
    const bad = build(fake.wrongSecret);
    const error = await bad.start(new Recorder()).then(
      () => new Error('started'),
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/: auth: /);
    expect(String(error)).not.toContain(fake.wrongSecret.apiSecret);
    await bad.close();
    expect(fake.market.orders()).toHaveLength(0);
  });

  it('ping measures a round trip', async () => {
    const { latencyMs } = await adapter.ping();
    expect(latencyMs).toBeGreaterThan(0);
  });
});
