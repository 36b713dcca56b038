import { describe, expect, it } from 'vitest';
import { type BodyParser, HttpClient } from './http-client';

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (url: string) => Response | Error) {
  const seen: Seen[] = [];
  const fn = async (url: string, init: RequestInit): Promise<Response> => {
    seen.push({ url, init });
    const r = respond(url);
    if (r instanceof Error) throw r;
    return r;
  };
  return { fn, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const numberField: BodyParser<number> = (b) =>
  typeof b === 'object' && b !== null && typeof (b as { n?: unknown }).n === 'number'
    ? { ok: true, value: (b as { n: number }).n }
    : { ok: false, message: 'n: expected a number' };

describe('HttpClient', () => {
  it('sends the session cookie same-origin and POST bodies as JSON', async () => {
    const f = fakeFetch(() => json(200, { n: 1 }));
    const c = new HttpClient(f.fn);
    expect(await c.call('GET', '/api/x', numberField)).toEqual({ ok: true, value: 1 });
    await c.call('POST', '/api/y', numberField, { a: 1 });
    expect(f.seen[0]?.init.credentials).toBe('same-origin');
    expect(f.seen[0]?.init.body).toBeUndefined();
    expect(f.seen[1]?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('maps error answers, with Retry-After', async () => {
    const f = fakeFetch(() =>
      json(429, { error: 'rate_limit_exceeded', message: 'too many' }, { 'retry-after': '3' }),
    );
    const r = await new HttpClient(f.fn).call('POST', '/api/order', numberField, {});
    expect(r).toEqual({
      ok: false,
      error: { kind: 'rate_limited', retryAfterSec: 3, message: 'too many' },
    });
  });

  it('maps an error answer that is not JSON by its status', async () => {
    const f = fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 }));
    const r = await new HttpClient(f.fn).call('GET', '/api/x', numberField);
    expect(r).toEqual({
      ok: false,
      error: { kind: 'http', status: 502, code: null, message: 'status 502' },
    });
  });

  it('refuses a 2xx body that is not JSON or does not fit, naming the path', async () => {
    const html = fakeFetch(() => new Response('<!doctype html>', { status: 200 }));
    const r1 = await new HttpClient(html.fn).call('GET', '/api/config', numberField);
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.error.kind).toBe('bad_response');
      expect(r1.error.message).toContain('not JSON');
    }
    const wrong = fakeFetch(() => json(200, { n: 'one' }));
    const r2 = await new HttpClient(wrong.fn).call('GET', '/api/config', numberField);
    expect(r2).toEqual({
      ok: false,
      error: { kind: 'bad_response', path: '/api/config', message: 'n: expected a number' },
    });
  });

  it('turns a refused connection into a network error, but lets an abort through', async () => {
    const down = fakeFetch(() => new TypeError('Failed to fetch'));
    expect(await new HttpClient(down.fn).call('GET', '/api/x', numberField)).toEqual({
      ok: false,
      error: { kind: 'network', message: 'Failed to fetch' },
    });
    const ctrl = new AbortController();
    ctrl.abort();
    const aborted = fakeFetch(() => new DOMException('aborted', 'AbortError'));
    await expect(
      new HttpClient(aborted.fn).call('GET', '/api/x', numberField, undefined, ctrl.signal),
    ).rejects.toThrow('aborted');
  });
});
