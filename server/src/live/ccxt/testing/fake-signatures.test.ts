// The fakes' signature checks against requests signed here by hand from the venues' documents,
// independently of ccxt: the right signature passes, any change to what is signed fails.
import { createHmac, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyBybitSignature } from './fake-bybit';
import { coinbaseKeyPair, verifyCoinbaseJwt } from './fake-coinbase';
import type { FakeRequest } from './fake-http';
import { verifyOkxSignature } from './fake-okx';

const request = (over: Partial<FakeRequest>): FakeRequest => ({
  method: 'GET',
  path: '/',
  rawQuery: '',
  query: new URLSearchParams(over.rawQuery ?? ''),
  headers: {},
  body: '',
  ...over,
});

describe('OKX v5 signature', () => {
  const keys = { apiKey: 'k', secret: 'sec', passphrase: 'pp' };
  const now = Date.parse('2020-12-08T09:08:57.715Z');
  const signed = (method: string, path: string, rawQuery: string, body: string): FakeRequest => {
    const ts = '2020-12-08T09:08:57.715Z';
    const prehash = ts + method + path + (rawQuery === '' ? '' : `?${rawQuery}`) + body;
    const s = createHmac('sha256', keys.secret).update(prehash).digest('base64');
    return request({
      method,
      path,
      rawQuery,
      body,
      headers: {
        'ok-access-key': 'k',
        'ok-access-passphrase': 'pp',
        'ok-access-timestamp': ts,
        'ok-access-sign': s,
      },
    });
  };

  it('accepts the documented prehash, refuses any change', () => {
    const get = signed('GET', '/api/v5/trade/order', 'instId=BTC-USDT&clOrdId=a1', '');
    expect(verifyOkxSignature(get, keys, now)).toBeNull();
    expect(
      verifyOkxSignature({ ...get, rawQuery: 'instId=BTC-USDT&clOrdId=a2' }, keys, now),
    ).toMatch(/50113/);
    const post = signed('POST', '/api/v5/trade/order', '', '{"sz":"1"}');
    expect(verifyOkxSignature(post, keys, now)).toBeNull();
    expect(verifyOkxSignature({ ...post, body: '{"sz":"2"}' }, keys, now)).toMatch(/50113/);
    expect(verifyOkxSignature(post, { ...keys, passphrase: 'x' }, now)).toMatch(/50105/);
    expect(verifyOkxSignature(post, keys, now + 31_000)).toMatch(/50102/);
  });
});

describe('Bybit v5 signature', () => {
  const keys = { apiKey: 'key1', secret: 'sec' };
  const signed = (ts: number, method: string, rawQuery: string, body: string): FakeRequest => {
    const payload = `${ts}key15000${method === 'GET' ? rawQuery : body}`;
    const s = createHmac('sha256', keys.secret).update(payload).digest('hex');
    return request({
      method,
      rawQuery,
      body,
      headers: {
        'x-bapi-api-key': 'key1',
        'x-bapi-timestamp': String(ts),
        'x-bapi-recv-window': '5000',
        'x-bapi-sign': s,
      },
    });
  };

  it('accepts the documented payload, refuses changes and stale or future timestamps', () => {
    const now = 1_700_000_000_000;
    const get = signed(now, 'GET', 'category=spot&symbol=BTCUSDT', '');
    expect(verifyBybitSignature(get, keys, now)).toBeNull();
    expect(
      verifyBybitSignature({ ...get, rawQuery: 'category=spot&symbol=ETHUSDT' }, keys, now)?.[0],
    ).toBe(10004);
    const post = signed(now, 'POST', '', '{"qty":"1"}');
    expect(verifyBybitSignature(post, keys, now)).toBeNull();
    expect(verifyBybitSignature({ ...post, body: '{"qty":"2"}' }, keys, now)?.[0]).toBe(10004);
    // server_time - recv_window <= timestamp < server_time + 1000
    expect(verifyBybitSignature(post, keys, now + 5000)).toBeNull();
    expect(verifyBybitSignature(post, keys, now + 5001)?.[0]).toBe(10002);
    expect(verifyBybitSignature(post, keys, now - 1000)?.[0]).toBe(10002);
    expect(verifyBybitSignature(post, { ...keys, apiKey: 'other' }, now)?.[0]).toBe(10003);
  });
});

describe('Coinbase ES256 JWT', () => {
  const pair = coinbaseKeyPair();
  const keyName = 'organizations/o/apiKeys/k';
  const jwt = (claims: Record<string, unknown>, pem = pair.privatePem): string => {
    const header = {
      alg: 'ES256',
      kid: keyName,
      nonce: randomBytes(16).toString('hex'),
      typ: 'JWT',
    };
    const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
    const input = `${enc(header)}.${enc(claims)}`;
    const sig = sign('sha256', Buffer.from(input), {
      key: createPrivateKey(pem),
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${sig.toString('base64url')}`;
  };
  const now = 1_700_000_000_000;
  const s = now / 1000;
  const claims = {
    iss: 'cdp',
    sub: keyName,
    nbf: s,
    exp: s + 120,
    uri: 'GET api.coinbase.com/api/v3/brokerage/accounts',
  };
  const req = (token: string) =>
    request({
      path: '/api/v3/brokerage/accounts',
      headers: { host: 'api.coinbase.com', authorization: `Bearer ${token}` },
    });
  const key = { keyName, publicKey: pair.publicKey };

  it('accepts the documented token, refuses another key, another uri, an expired token', () => {
    expect(verifyCoinbaseJwt(req(jwt(claims)), key, now)).toBeNull();
    expect(verifyCoinbaseJwt(req(jwt(claims, coinbaseKeyPair().privatePem)), key, now)).toBe(
      'invalid signature',
    );
    expect(
      verifyCoinbaseJwt(
        req(jwt({ ...claims, uri: 'POST api.coinbase.com/api/v3/brokerage/accounts' })),
        key,
        now,
      ),
    ).toMatch(/uri/);
    expect(verifyCoinbaseJwt(req(jwt(claims)), key, now + 121_000)).toMatch(/not valid now/);
    expect(verifyCoinbaseJwt(req(jwt({ ...claims, sub: 'someone' })), key, now)).toBe('bad sub');
  });
});
