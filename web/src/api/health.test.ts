import { describe, expect, it } from 'vitest';
import { type FetchLike, fetchServerHealth } from './health';

function fakeFetch(status: number, body: unknown): FetchLike {
  return async () => new Response(JSON.stringify(body), { status });
}

describe('fetchServerHealth', () => {
  it('is online when the server answers {ok:true}', async () => {
    expect(await fetchServerHealth(undefined, fakeFetch(200, { ok: true }))).toBe('online');
  });

  it('is offline on a non-2xx answer', async () => {
    expect(await fetchServerHealth(undefined, fakeFetch(503, { ok: true }))).toBe('offline');
  });

  it('is offline when the body is not {ok:true}', async () => {
    expect(await fetchServerHealth(undefined, fakeFetch(200, { ok: 'yes' }))).toBe('offline');
    expect(await fetchServerHealth(undefined, fakeFetch(200, null))).toBe('offline');
  });

  it('is offline on a network error', async () => {
    const failing: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await fetchServerHealth(undefined, failing)).toBe('offline');
  });

  it('rethrows when aborted', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const aborting: FetchLike = async () => {
      throw new DOMException('aborted', 'AbortError');
    };
    await expect(fetchServerHealth(ctrl.signal, aborting)).rejects.toThrow('aborted');
  });
});
