import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCredentialSource } from '../testing/fake-credential-source';
import { FakeEngineLink } from '../testing/fake-engine-link';
import { BEARER, testApp } from '../testing/test-app';

// Every body the API can be sent, well-formed or not, gets a 200 or a 400 that names a field and
// a reason: never a 500, and a refused body never reaches the engine or the credential store.

const FIELD_REASON = /^[A-Za-z0-9_.?-]+: [^;]+(; [A-Za-z0-9_.?-]+: [^;]+)*$/;
const ROUTES = ['/api/order', '/api/cancel', '/api/credentials'] as const;

const validOrder = fc.record(
  {
    side: fc.constantFrom('BUY', 'SELL', 'buy'),
    symbol: fc.constantFrom('BTCUSDT', 'ethusdt'),
    qty: fc.double({ min: 1e-8, max: 1e6, noNaN: true }),
    price: fc.double({ min: 1e-8, max: 1e6, noNaN: true }),
    tif: fc.constantFrom('GTC', 'IOC', 'FOK'),
    reduce_only: fc.boolean(),
    client_order_id: fc.stringMatching(/^[A-Za-z0-9_-]{1,36}$/),
  },
  { requiredKeys: ['side', 'symbol', 'qty'] },
);

/** A valid order with one field replaced, removed or added. */
const mutatedOrder = fc
  .tuple(
    validOrder,
    fc.constantFrom('side', 'symbol', 'qty', 'price', 'type', 'stop', 'tif', 'post_only', 'extra'),
    fc.option(fc.jsonValue(), { nil: undefined }),
  )
  .map(([order, key, value]) => {
    const out: Record<string, unknown> = { ...order };
    if (value === undefined) delete out[key];
    else out[key] = value;
    return out;
  });

describe('request bodies, fuzzed', () => {
  let app: FastifyInstance;
  const engine = new FakeEngineLink();
  const credentials = new FakeCredentialSource();

  beforeAll(async () => {
    app = await testApp({
      engine,
      credentials,
      rateLimit: { max: 1e9, orderMax: 1e9, windowMs: 60_000 },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  async function send(url: string, payload: string, contentType = 'application/json') {
    const before = engine.commandCount + credentials.stored.size;
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...BEARER, 'content-type': contentType },
      payload,
    });
    const reached = engine.commandCount + credentials.stored.size - before;
    credentials.stored.clear();
    return { res, reached };
  }

  function expectRefusedOrTaken(res: { statusCode: number; json(): unknown }, reached: number) {
    expect(res.statusCode).not.toBeGreaterThanOrEqual(500);
    if (res.statusCode === 200) {
      expect(reached).toBe(1);
      return;
    }
    expect(reached).toBe(0);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; message: string };
    if (body.error === 'bad_params') expect(body.message).toMatch(FIELD_REASON);
    else expect(body.error).toBe('bad_json');
  }

  it('any JSON value on any route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.jsonValue(), async (url, value) => {
        const { res, reached } = await send(url, JSON.stringify(value));
        expectRefusedOrTaken(res, reached);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('any text sent as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('{"__proto__":{"a":1}}')),
        async (url, text) => {
          const { res, reached } = await send(url, text);
          expectRefusedOrTaken(res, reached);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('valid orders with one field changed: taken exactly when the rules allow it', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedOrder, async (order) => {
        const { res, reached } = await send('/api/order', JSON.stringify(order));
        expectRefusedOrTaken(res, reached);
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('other content types: a clear 415 (400 when empty), nothing reaches the engine', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        ),
        fc.string(),
        async (type, text) => {
          const { res, reached } = await send('/api/order', text, type);
          expect(reached).toBe(0);
          if (text === '' && res.statusCode === 400) {
            // no body to parse: the route sees none
            expect(res.json()).toEqual({
              error: 'bad_params',
              message: 'body: expected object, received undefined',
            });
            return;
          }
          expect(res.statusCode).toBe(415);
          expect(res.json()).toEqual({
            error: 'unsupported_media_type',
            message: 'body: send application/json',
          });
        },
      ),
      { numRuns: 50, seed: 17 },
    );
  });

  it('a body over the limit: 413, nothing reaches the engine', async () => {
    const big = JSON.stringify({ side: 'BUY', symbol: 'BTCUSDT', qty: 1, pad: 'x'.repeat(70_000) });
    const { res, reached } = await send('/api/order', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large' });
    expect(reached).toBe(0);
  });

  it('an empty JSON body: bad_json', async () => {
    const { res } = await send('/api/order', '');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_json' });
  });
});
