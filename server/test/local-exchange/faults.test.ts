import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type LocalBinance, startLocalBinance } from './start-local-binance';
import { account, BTCUSDT, DOC_KEY, DOC_SECRET, signedFetch } from './testing';

const code = (b: unknown): number => (b as { code: number }).code;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function openWs(url: string): Promise<{ ws: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: unknown[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('error', reject);
  });
}

async function until(f: () => boolean): Promise<void> {
  for (let k = 0; k < 500 && !f(); k++) await sleep(5);
  expect(f()).toBe(true);
}

function subscribeMsg(secret = DOC_SECRET, ts = Date.now()): string {
  const payload = `apiKey=${DOC_KEY}&timestamp=${ts}`;
  const signature = createHmac('sha256', secret).update(payload).digest('hex');
  return JSON.stringify({
    id: 'sub-1',
    method: 'userDataStream.subscribe.signature',
    params: { apiKey: DOC_KEY, timestamp: ts, signature },
  });
}

const limitBuy = (cid: string) => ({
  method: 'POST' as const,
  path: '/api/v3/order',
  query: {
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.01',
    price: '10000',
    newClientOrderId: cid,
  },
});

describe('local Binance: faults, weights and the user-data stream', () => {
  let ex: LocalBinance;
  beforeEach(async () => {
    ex = await startLocalBinance({
      accounts: [account({ USDT: 10_000 })],
      symbols: [BTCUSDT],
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      ],
    });
    ex.controls.setPrice('BTCUSDT', 20_000);
  });
  afterEach(() => ex.close());

  it('sends the used weight and order count headers with Binance weights', async () => {
    const a = await signedFetch(ex.restUrl, { method: 'GET', path: '/api/v3/account' });
    const used1 = Number(a.headers.get('x-mbx-used-weight-1m'));
    const o = await signedFetch(ex.restUrl, limitBuy('w1'));
    expect(Number(o.headers.get('x-mbx-used-weight-1m'))).toBe(used1 + 1);
    expect(o.headers.get('x-mbx-order-count-10s')).toBe('1');
    const q = await signedFetch(ex.restUrl, {
      method: 'GET',
      path: '/api/v3/openOrders',
    });
    expect(Number(q.headers.get('x-mbx-used-weight-1m'))).toBe(used1 + 1 + 80);
  });

  it('latency delays every answer by at least the set time', async () => {
    ex.controls.setLatency(150);
    const t0 = performance.now();
    await fetch(`${ex.restUrl}/api/v3/ping`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it('5xx: the next N requests fail, without or with the order being carried out', async () => {
    ex.controls.failNext(2, 503);
    expect((await signedFetch(ex.restUrl, limitBuy('f1'))).status).toBe(503);
    expect((await signedFetch(ex.restUrl, limitBuy('f1'))).status).toBe(503);
    expect(ex.controls.orders()).toHaveLength(0);
    expect((await signedFetch(ex.restUrl, limitBuy('f1'))).status).toBe(200);
    ex.controls.failNext(1, 500, { execute: true });
    const r = await signedFetch(ex.restUrl, limitBuy('f2'));
    expect([r.status, code(r.body)]).toEqual([500, -1001]);
    expect(ex.controls.orders().map((o) => o.clientOrderId)).toEqual(['f1', 'f2']);
  });

  it('429 with Retry-After; a request before it passes gets 418; after it, 200', async () => {
    ex.controls.rateLimitNext(1, 1);
    const a = await fetch(`${ex.restUrl}/api/v3/ping`);
    expect([a.status, a.headers.get('retry-after')]).toEqual([429, '1']);
    const b = await fetch(`${ex.restUrl}/api/v3/ping`);
    expect(b.status).toBe(418);
    expect(code(await b.json())).toBe(-1003);
    await sleep(1_050);
    expect((await fetch(`${ex.restUrl}/api/v3/ping`)).status).toBe(200);
  });

  it('exceeding the REQUEST_WEIGHT limit answers 429 -1003 with Retry-After', async () => {
    const small = await startLocalBinance({
      accounts: [account({ USDT: 100 })],
      symbols: [BTCUSDT],
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 45 },
      ],
    });
    try {
      const s1 = await fetch(`${small.restUrl}/api/v3/exchangeInfo`);
      const s2 = await fetch(`${small.restUrl}/api/v3/exchangeInfo`);
      const s3 = await fetch(`${small.restUrl}/api/v3/exchangeInfo`);
      expect([s1.status, s2.status, s3.status]).toEqual([200, 200, 429]);
      expect(s3.headers.get('x-mbx-used-weight-1m')).toBe('60');
      expect(Number(s3.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  it('a lost response: the order is carried out, the answer never comes', async () => {
    ex.controls.loseNextResponses(1);
    const ctl = new AbortController();
    const pending = signedFetch(ex.restUrl, { ...limitBuy('lost1'), signal: ctl.signal });
    await until(() => ex.controls.orders().length === 1);
    await sleep(100);
    ctl.abort();
    await expect(pending).rejects.toThrow();
    expect(ex.controls.orders()[0]?.clientOrderId).toBe('lost1');
    // A late answer arrives after the set delay.
    ex.controls.loseNextResponses(1, { afterMs: 100 });
    const late = await signedFetch(ex.restUrl, limitBuy('lost2'));
    expect(late.status).toBe(200);
  });

  it('WebSocket API: subscribe with a signature, receive events, drops and refusals', async () => {
    const { ws, messages } = await openWs(ex.wsUrl);
    ws.send(subscribeMsg('wrong-secret'));
    await until(() => messages.length === 1);
    expect(messages[0]).toEqual({
      id: 'sub-1',
      status: 400,
      error: { code: -1022, msg: 'Signature for this request is not valid.' },
    });
    ws.send(subscribeMsg());
    await until(() => messages.length === 2);
    expect(messages[1]).toEqual({ id: 'sub-1', status: 200, result: { subscriptionId: 0 } });
    await signedFetch(ex.restUrl, limitBuy('s1'));
    await until(() => messages.length >= 4);
    const events = messages.slice(2) as {
      subscriptionId: number;
      event: Record<string, unknown>;
    }[];
    expect(events[0]?.subscriptionId).toBe(0);
    expect(events[0]?.event).toMatchObject({
      e: 'executionReport',
      s: 'BTCUSDT',
      c: 's1',
      x: 'NEW',
      X: 'NEW',
      q: '0.01000000',
      p: '10000.00000000',
      t: -1,
    });
    expect(events[1]?.event).toMatchObject({
      e: 'outboundAccountPosition',
      B: [{ a: 'USDT', f: '9900.00000000', l: '100.00000000' }],
    });
    // Cancel: `c` is the cancel's own id, `C` the order's.
    await signedFetch(ex.restUrl, {
      method: 'DELETE',
      path: '/api/v3/order',
      query: { symbol: 'BTCUSDT', origClientOrderId: 's1', newClientOrderId: 'cx1' },
    });
    await until(() => messages.length >= 6);
    expect((messages[4] as { event: unknown }).event).toMatchObject({
      x: 'CANCELED',
      c: 'cx1',
      C: 's1',
    });

    const closed = new Promise((r) => ws.on('close', r));
    ex.controls.dropConnections();
    await closed;
    ex.controls.setWsAvailable(false);
    await expect(openWs(ex.wsUrl)).rejects.toThrow(/503/);
    ex.controls.setWsAvailable(true);
    (await openWs(ex.wsUrl)).ws.close();
  });
});
