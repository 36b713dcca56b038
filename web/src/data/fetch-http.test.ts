import { describe, expect, it } from 'vitest';
import { createFetchHttpGet } from './fetch-http';

/** A fetch that answers after `delayMs` unless its signal aborts first. */
function slowFetch(delayMs: number, reply = () => new Response('[]', { status: 200 })) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const f = ((url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Promise<Response>((resolve, reject) => {
      const t = setTimeout(() => resolve(reply()), delayMs);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      });
    });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('createFetchHttpGet', () => {
  it('resolves with status, body and lower-case headers, errors included', async () => {
    const { f, calls } = slowFetch(
      0,
      () =>
        new Response('{"code":-1121,"msg":"Invalid symbol."}', {
          status: 400,
          headers: { 'X-MBX-USED-WEIGHT-1M': '12' },
        }),
    );
    const r = await createFetchHttpGet(f)('https://x.test/api/v3/klines?a=1', {});
    expect(r.status).toBe(400);
    expect(r.body).toContain('Invalid symbol');
    expect(r.headers['x-mbx-used-weight-1m']).toBe('12');
    expect(calls[0]?.init?.credentials).toBe('omit');
  });

  it('rejects on timeout, naming it', async () => {
    const { f } = slowFetch(1000);
    await expect(createFetchHttpGet(f)('https://x.test/', { timeoutMs: 10 })).rejects.toThrow(
      'timeout after 10 ms',
    );
  });

  it('rejects when the caller aborts, before or during the request', async () => {
    const { f } = slowFetch(1000);
    const get = createFetchHttpGet(f);
    const early = new AbortController();
    early.abort();
    await expect(get('https://x.test/', { signal: early.signal })).rejects.toThrow('aborted');
    const late = new AbortController();
    const p = get('https://x.test/', { signal: late.signal });
    setTimeout(() => late.abort(), 5);
    await expect(p).rejects.toThrow('aborted');
  });

  it('passes a network failure on', async () => {
    const f = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(createFetchHttpGet(f)('https://x.test/', {})).rejects.toThrow('Failed to fetch');
  });
});
