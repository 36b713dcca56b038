import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalBinance, startLocalBinance } from '../../../test/local-exchange';
import type { EngineEvent } from '../../engine-process/engine-link';
import { BTCUSDT, KEY, SECRET } from '../binance/testing/adapter-harness';
import type { CredentialOrigin, CredentialSource } from '../credentials/credential-source';
import type { VenueCredentials, VenueId } from '../venue-adapter';
import { buildLiveDesk, type DeskSetup } from './desk-config';
import type { LiveDesk } from './live-desk';

// The whole live path in one process tree: the desk arms against the local Binance exchange,
// starts the real engine process (external venue, file WAL) and routes through the real adapter.

class MemoryCredentials implements CredentialSource {
  constructor(private creds: VenueCredentials | null) {}
  async get(venue: VenueId): Promise<VenueCredentials | null> {
    return venue === 'binance' ? this.creds : null;
  }
  async origins(): Promise<Record<VenueId, CredentialOrigin>> {
    const b = this.creds === null ? 'absent' : 'stored';
    return { binance: b, okx: 'absent', bybit: 'absent', coinbase: 'absent' };
  }
  async store(_venue: VenueId, c: VenueCredentials): Promise<void> {
    this.creds = c;
  }
  async forget(): Promise<void> {
    this.creds = null;
  }
}

/** Every line the desk, the supervisor and the adapter log, to grep for keys. */
const logged: string[] = [];
const LOGGER = {
  info: (m: string) => logged.push(m),
  warn: (m: string) => logged.push(m),
  error: (m: string) => logged.push(m),
};

let ex: LocalBinance;
let dir: string;
let desk: LiveDesk;
let events: EngineEvent[];

function waitFor(pred: (e: EngineEvent) => boolean, what: string): Promise<EngineEvent> {
  const found = events.find(pred);
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(events.slice(-8))}`));
    }, 20_000);
    const off = desk.engine.subscribe((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

const update = (id: string, status: string) => (e: EngineEvent) =>
  e.type === 'order_update' && e.client_order_id === id && e.status === status;

async function engineBalances(): Promise<Record<string, number>> {
  const [acct] = (await desk.engine.query('ACCOUNT')).filter((e) => e.type === 'account');
  const out: Record<string, number> = {};
  for (const b of (acct?.balances ?? []) as { asset: string; free: number; locked: number }[])
    out[b.asset] = b.free + b.locked;
  return out;
}

function venueBalances(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of ex.controls.balances(KEY)) out[b.asset] = b.free + b.locked;
  return out;
}

beforeEach(async () => {
  ex = await startLocalBinance({
    accounts: [{ apiKey: KEY, apiSecret: SECRET, balances: { USDT: 10_000 } }],
    symbols: [BTCUSDT],
  });
  ex.controls.setPrice('BTCUSDT', 20_000);
  dir = mkdtempSync(join(tmpdir(), 'veloz-desk-'));
  events = [];
});

afterEach(async () => {
  await desk?.stop();
  await ex.close();
  rmSync(dir, { recursive: true, force: true });
});

function makeDesk(
  creds: VenueCredentials | null,
  extra: Pick<DeskSetup, 'breaker' | 'now' | 'every'> = {},
): LiveDesk {
  desk = buildLiveDesk({
    endpoints: { venue: 'binance', restUrl: ex.restUrl, wsApiUrl: ex.wsUrl },
    credentials: new MemoryCredentials(creds),
    dataDir: dir,
    logger: LOGGER,
    ...extra,
  });
  desk.engine.subscribe((e) => events.push(e));
  return desk;
}

describe('LiveDesk against the local Binance exchange', () => {
  it('refuses orders until armed, and arming needs the venue named and keys present', async () => {
    makeDesk(null);
    await expect(
      desk.engine.order({ side: 'BUY', symbol: 'BTCUSDT', qty: 0.1, type: 'MARKET' }),
    ).rejects.toThrow(/not armed/);
    expect(await desk.arm('okx')).toEqual({
      ok: false,
      reason: 'confirm must be "binance" to trade live on it',
    });
    const noKeys = await desk.arm('binance');
    expect(noKeys.ok).toBe(false);
    expect(noKeys.ok ? '' : noKeys.reason).toMatch(/no API keys for binance/);
    expect((await desk.status()).phase).toBe('failed');
    expect(ex.controls.orders()).toHaveLength(0);
  });

  it('arms, routes a limit order to the venue, books its fill as the venue did, kill switch and disarm', async () => {
    makeDesk({ apiKey: KEY, apiSecret: SECRET });
    expect(await desk.arm('binance')).toEqual({ ok: true });
    const st = await desk.status();
    expect(st).toMatchObject({ armed: true, phase: 'running', credentials: 'stored' });
    // The engine started from the venue's free balances.
    expect(await engineBalances()).toEqual({ USDT: 10_000 });

    const ack = await desk.engine.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.1,
      type: 'LIMIT',
      price: 19_000,
      clientOrderId: 'desk-a1',
    });
    expect(ack.status).toBe('NEW');
    await waitFor(update('desk-a1', 'ACCEPTED'), 'desk-a1 ACCEPTED');
    expect(ex.controls.orders().map((o) => [o.clientOrderId, o.status])).toEqual([
      ['desk-a1', 'NEW'],
    ]);

    ex.controls.setPrice('BTCUSDT', 18_900);
    await waitFor(update('desk-a1', 'FILLED'), 'desk-a1 FILLED');
    const fill = events.find((e) => e.type === 'fill' && e.client_order_id === 'desk-a1');
    // Maker fill at the limit, fee 0.1 % of the base received (the local exchange's base tier).
    expect(fill).toMatchObject({ qty: 0.1, price: 19_000, fee: 0.0001, fee_asset: 'BTC' });
    const engine = await engineBalances();
    const venue = venueBalances();
    expect(engine.USDT).toBeCloseTo(8_100, 9);
    expect(engine.BTC).toBeCloseTo(0.0999, 12);
    expect(engine.USDT).toBeCloseTo(venue.USDT as number, 9);
    expect(engine.BTC).toBeCloseTo(venue.BTC as number, 12);

    // Kill switch: the resting order is cancelled at the venue, a new one is refused.
    await desk.engine.order({
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.05,
      type: 'LIMIT',
      price: 18_000,
      clientOrderId: 'desk-a2',
    });
    await waitFor(update('desk-a2', 'ACCEPTED'), 'desk-a2 ACCEPTED');
    expect(await desk.engageKillSwitch('test')).toEqual({ ok: true });
    await waitFor(update('desk-a2', 'CANCELLED'), 'desk-a2 CANCELLED');
    expect(ex.controls.orders().find((o) => o.clientOrderId === 'desk-a2')?.status).toBe(
      'CANCELED',
    );
    // Refused before the engine books it (the router would refuse it after).
    await expect(
      desk.engine.order({
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.01,
        type: 'MARKET',
        clientOrderId: 'desk-a3',
      }),
    ).rejects.toThrow('kill switch engaged (test): release it first');
    expect(events.some((e) => e.client_order_id === 'desk-a3')).toBe(false);
    expect(ex.controls.orders().some((o) => o.clientOrderId === 'desk-a3')).toBe(false);
    expect((await desk.status()).kill_switch).toEqual({ engaged: true, reason: 'test' });
    expect(desk.releaseKillSwitch()).toEqual({ ok: true });

    desk.disarm();
    await expect(
      desk.engine.order({ side: 'BUY', symbol: 'BTCUSDT', qty: 0.01, type: 'MARKET' }),
    ).rejects.toThrow(/not armed/);
    // The stream carried the desk's own events too.
    expect(events.filter((e) => e.type === 'live').map((e) => e.armed)).toEqual([true, false]);

    // The keys are nowhere but in the adapter: not in the engine's WAL and snapshot, not in
    // the logs, not in any event the API would stream.
    await desk.stop();
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    expect(files.some((f) => f.name === 'engine.wal')).toBe(true);
    const blobs = [
      ...files.map((f) => readFileSync(join(f.parentPath, f.name)).toString('latin1')),
      logged.join('\n'),
      JSON.stringify(events),
    ];
    for (const secret of [KEY, SECRET]) {
      for (const form of [
        secret,
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('hex'),
      ])
        for (const blob of blobs) expect(blob.includes(form)).toBe(false);
    }
  });

  it('trips the circuit breaker on venue rejections: kill switch, refusal, probe, reset', async () => {
    const clock = { t: Date.now() };
    makeDesk(
      { apiKey: KEY, apiSecret: SECRET },
      {
        breaker: {
          maxLoss: null,
          lossWindowMs: 3_600_000,
          maxErrorRate: 0.5,
          errorWindowMs: 60_000,
          minOrdersForErrorRate: 3,
          staleAfterMs: null,
          coolDownMs: 5_000,
          probeOrders: 1,
        },
        now: () => clock.t,
        // No timer: the test moves the clock, and the status asks the breaker the time.
        every: () => () => undefined,
      },
    );
    expect(await desk.arm('binance')).toEqual({ ok: true });
    const limit = (id: string, price: number, postOnly = false) =>
      desk.engine.order({
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.01,
        type: 'LIMIT',
        price,
        clientOrderId: id,
        ...(postOnly ? { postOnly } : {}),
      });
    /** A post-only buy above the last price: the venue refuses it. */
    const crossing = async (id: string) => {
      await limit(id, 21_000, true);
      await waitFor(update(id, 'REJECTED'), `${id} REJECTED`);
    };
    await limit('brk-rest', 18_000);
    await waitFor(update('brk-rest', 'ACCEPTED'), 'brk-rest ACCEPTED');
    await crossing('brk-x1');
    expect((await desk.status()).breaker).toMatchObject({
      state: 'closed',
      window: { orders: 2, failed: 1 },
    });
    await crossing('brk-x2');

    // 2 of 3 failed > 0.5: open, the kill switch engaged with the reason, the resting order
    // cancelled at the venue, a `breaker` event on the stream.
    const reason = 'error_rate: 2 of 3 orders failed, 0.666666666667 > 0.5 in 60000 ms';
    await waitFor(update('brk-rest', 'CANCELLED'), 'brk-rest CANCELLED');
    expect(ex.controls.orders().find((o) => o.clientOrderId === 'brk-rest')?.status).toBe(
      'CANCELED',
    );
    const st = await desk.status();
    expect(st.breaker).toMatchObject({ state: 'open', reason, probe_at_ms: clock.t + 5_000 });
    expect(st.kill_switch).toEqual({ engaged: true, reason: `circuit_breaker: ${reason}` });
    expect(events.filter((e) => e.type === 'breaker').map((e) => [e.state, e.reason])).toEqual([
      ['open', reason],
    ]);
    await expect(limit('brk-no', 18_000)).rejects.toThrow(
      `circuit_breaker: open (${reason}): probing from ${new Date(clock.t + 5_000).toISOString()}, or reset the breaker (POST /api/breaker/reset)`,
    );
    expect(events.some((e) => e.client_order_id === 'brk-no')).toBe(false);

    // After the cool-down: half-open, the kill switch released; one probe goes and closes it.
    clock.t += 5_000;
    expect((await desk.status()).breaker).toMatchObject({
      state: 'half_open',
      probes: { sent: 0, ok: 0, needed: 1 },
    });
    expect((await desk.status()).kill_switch).toEqual({ engaged: false });
    await limit('brk-p1', 18_000);
    await waitFor(update('brk-p1', 'ACCEPTED'), 'brk-p1 ACCEPTED');
    expect((await desk.status()).breaker.state).toBe('closed');

    // Closing started a fresh window (the probe is not in it): three more failures trip it
    // again; a manual reset closes it and releases the kill switch it engaged.
    await crossing('brk-x3');
    await crossing('brk-x4');
    expect((await desk.status()).breaker.state).toBe('closed');
    await crossing('brk-x5');
    expect((await desk.status()).breaker).toMatchObject({
      state: 'open',
      reason: 'error_rate: 3 of 3 orders failed, 1 > 0.5 in 60000 ms',
    });
    expect((await desk.status()).kill_switch.engaged).toBe(true);
    expect(desk.resetBreaker()).toEqual({ ok: true });
    const after = await desk.status();
    expect(after.breaker).toMatchObject({ state: 'closed', window: { orders: 0, failed: 0 } });
    expect(after.kill_switch).toEqual({ engaged: false });
    await limit('brk-ok', 18_000);
    await waitFor(update('brk-ok', 'ACCEPTED'), 'brk-ok ACCEPTED');
    expect(events.filter((e) => e.type === 'breaker').map((e) => e.state)).toEqual([
      'open',
      'half_open',
      'closed',
      'open',
      'closed',
    ]);
    // The breaker's events carry no key.
    const blob = JSON.stringify(events);
    for (const secret of [KEY, SECRET]) expect(blob.includes(secret)).toBe(false);
  });
});
