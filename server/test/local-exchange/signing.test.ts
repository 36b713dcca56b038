import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySigned } from './signed-request';
import { type LocalBinance, startLocalBinance } from './start-local-binance';
import { account, BTCUSDT, DOC_KEY, DOC_SECRET, signedFetch } from './testing';

describe('local Binance: signed request rules', () => {
  let ex: LocalBinance;
  beforeEach(async () => {
    ex = await startLocalBinance({ accounts: [account({ USDT: 1000 })], symbols: [BTCUSDT] });
  });
  afterEach(() => ex.close());

  it("verifies Binance's documented HMAC example (query string only, and query + body)", () => {
    const secrets = new Map([[DOC_KEY, DOC_SECRET]]);
    const ts = 1499827319559;
    const query =
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    const sig = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';
    const ok = verifySigned(
      { query: `${query}&signature=${sig}`, body: '', apiKey: DOC_KEY },
      secrets,
      ts + 10,
    );
    expect(ok.ok).toBe(true);
    // Binance's mixed example: totalParams = query string + body, no separator.
    const mixed = verifySigned(
      {
        query: 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC',
        body: 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77',
        apiKey: DOC_KEY,
      },
      secrets,
      ts + 10,
    );
    expect(mixed.ok).toBe(true);
    const tampered = verifySigned(
      {
        query: `${query.replace('price=0.1', 'price=0.2')}&signature=${sig}`,
        body: '',
        apiKey: DOC_KEY,
      },
      secrets,
      ts + 10,
    );
    expect(tampered).toEqual({
      ok: false,
      error: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
    });
  });

  it('a good signature passes over HTTP (params in the query, or in the body)', async () => {
    const q = await signedFetch(ex.restUrl, { method: 'GET', path: '/api/v3/account' });
    expect(q.status).toBe(200);
    const b = await signedFetch(ex.restUrl, {
      method: 'POST',
      path: '/api/v3/order',
      query: { symbol: 'BTCUSDT', side: 'BUY' },
      body: { type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '10000' },
    });
    expect(b.status).toBe(200);
  });

  it('each bad case answers its documented status and code', async () => {
    const cases: [Parameters<typeof signedFetch>[1], number, number][] = [
      [{ method: 'GET', path: '/api/v3/account', apiKey: null }, 401, -2014],
      [{ method: 'GET', path: '/api/v3/account', apiKey: 'short' }, 401, -2014],
      [{ method: 'GET', path: '/api/v3/account', apiKey: 'A'.repeat(64) }, 401, -2015],
      [{ method: 'GET', path: '/api/v3/account', signature: 'ab'.repeat(32) }, 400, -1022],
      [{ method: 'GET', path: '/api/v3/account', secret: 'wrong' }, 400, -1022],
      [{ method: 'GET', path: '/api/v3/account', timestamp: Date.now() - 6000 }, 400, -1021],
      [{ method: 'GET', path: '/api/v3/account', timestamp: Date.now() + 1500 }, 400, -1021],
      [{ method: 'GET', path: '/api/v3/account', query: { recvWindow: '60001' } }, 400, -1131],
    ];
    for (const [call, status, code] of cases) {
      const r = await signedFetch(ex.restUrl, call);
      expect([r.status, (r.body as { code: number }).code]).toEqual([status, code]);
    }
  });

  it('recvWindow widens the window up to 60000 ms; the signature is checked case-insensitively', async () => {
    const old = await signedFetch(ex.restUrl, {
      method: 'GET',
      path: '/api/v3/account',
      query: { recvWindow: '60000' },
      timestamp: Date.now() - 50_000,
    });
    expect(old.status).toBe(200);
    const late = await signedFetch(ex.restUrl, {
      method: 'GET',
      path: '/api/v3/account',
      query: { recvWindow: '10000' },
      timestamp: Date.now() - 11_000,
    });
    expect((late.body as { code: number }).code).toBe(-1021);
  });

  it('a missing timestamp or signature is -1102', async () => {
    const res = await fetch(`${ex.restUrl}/api/v3/account?timestamp=${Date.now()}`, {
      headers: { 'X-MBX-APIKEY': DOC_KEY },
    });
    expect(await res.json()).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
    });
  });

  it('the retired listenKey endpoint answers 410 Gone', async () => {
    const res = await fetch(`${ex.restUrl}/api/v3/userDataStream`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': DOC_KEY },
    });
    expect(res.status).toBe(410);
  });
});
