import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CENSOR, redactUrl } from './logging';
import { FakeCredentialSource } from './testing/fake-credential-source';
import { FakeEngineLink } from './testing/fake-engine-link';
import { API_TOKEN, BEARER, LAUNCH_TOKEN, ORIGIN, testApp } from './testing/test-app';

const API_KEY = 'AKxLogTestApiKey4242424242';
const API_SECRET = 'SKxLogTestSecret/+=9191919191';
const PASSPHRASE = 'PPxLogTestPassphrase777';

/** A log destination that keeps every line. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('redactUrl', () => {
  it('censors token values wherever they sit in the query', () => {
    expect(redactUrl(`/?token=${API_TOKEN}`)).toBe(`/?token=${CENSOR}`);
    expect(redactUrl(`/p?a=1&token=${API_TOKEN}&b=2`)).toBe(`/p?a=1&token=${CENSOR}&b=2`);
    expect(redactUrl('/p?tokenish=1')).toBe('/p?tokenish=1');
  });
});

describe('logs', () => {
  it('carry no token, cookie or credential, whatever goes through the API', async () => {
    const log = capture();
    const engine = new FakeEngineLink();
    engine.onOrder = async () => {
      throw new Error('engine pipe broke');
    };
    const app = await testApp({
      engine,
      credentials: new FakeCredentialSource(),
      logger: { level: 'trace', stream: log.stream },
    });

    const launch = await app.inject({ method: 'GET', url: `/paper?token=${LAUNCH_TOKEN}` });
    const cookieValue = String(launch.headers['set-cookie']).split(';')[0]?.split('=')[1] ?? '';
    expect(cookieValue.length).toBeGreaterThan(20);
    const cookie = `veloz_session=${cookieValue}`;
    await app.inject({ method: 'GET', url: `/?token=${LAUNCH_TOKEN}` }); // spent: 401
    await app.inject({ method: 'GET', url: `/?a=1&token=${API_TOKEN}` });
    await app.inject({ method: 'GET', url: '/api/config', headers: { cookie } });
    await app.inject({ method: 'GET', url: '/api/config', headers: BEARER });
    await app.inject({
      method: 'GET',
      url: '/api/config',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    const browser = { cookie, origin: ORIGIN };
    const good = { venue: 'okx', api_key: API_KEY, api_secret: API_SECRET, passphrase: PASSPHRASE };
    const stored = await app.inject({
      method: 'POST',
      url: '/api/credentials',
      headers: browser,
      payload: good,
    });
    expect(stored.statusCode).toBe(200);
    for (const payload of [
      { ...good, venue: 'binance' }, // refused: passphrase
      { ...good, extra: API_SECRET },
      `{"venue":"okx","api_key":"${API_KEY}","api_secret":"${API_SECRET}"`, // bad JSON
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/credentials',
        headers: { ...BEARER, 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expect(res.statusCode).toBe(400);
      for (const s of [API_KEY, API_SECRET, PASSPHRASE]) expect(res.body).not.toContain(s);
    }
    const failed = await app.inject({
      method: 'POST',
      url: '/api/order',
      headers: BEARER,
      payload: { side: 'BUY', symbol: 'BTCUSDT', qty: 1 },
    });
    expect(failed.statusCode).toBe(500);
    // Code that logs headers or a body by mistake is covered by the redaction paths too.
    app.log.warn({ req: { headers: { authorization: `Bearer ${API_TOKEN}`, cookie } } }, 'probe');
    app.log.warn({ headers: { authorization: `Bearer ${API_TOKEN}`, cookie } }, 'probe');
    app.log.warn({ body: good }, 'probe');
    await app.close();

    const text = log.text();
    expect(text).toContain('incoming request'); // the requests were logged at all
    expect(text).toContain(`token=${CENSOR}`);
    expect(text).toContain('engine pipe broke'); // the 500 was logged
    for (const secret of [LAUNCH_TOKEN, API_TOKEN, cookieValue, API_KEY, API_SECRET, PASSPHRASE]) {
      expect(text.includes(secret), `a secret in the logs: ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
