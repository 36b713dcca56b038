import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { SseOptions } from '../app';
import { FakeEngineLink } from '../testing/fake-engine-link';
import { type SseFrame, SseTestClient } from '../testing/sse-client';
import { API_TOKEN, BEARER, testApp } from '../testing/test-app';

// A real server on 127.0.0.1 port 0: SSE is about sockets, which app.inject does not have.

const market = (n: number) => ({ type: 'market', symbol: 'BTCUSDT', price: n });
const dataFrames = (frames: SseFrame[]) => frames.filter((f) => f.data !== undefined);

describe('GET /api/stream', () => {
  let app: FastifyInstance;
  let engine: FakeEngineLink;
  let base: string;
  const clients: SseTestClient[] = [];

  async function start(sse: Partial<SseOptions> = {}): Promise<void> {
    engine = new FakeEngineLink();
    app = await testApp({ engine, sse, clock: { now: () => 0 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  function connect(query = '', headers: Record<string, string> = BEARER): SseTestClient {
    const c = new SseTestClient(`${base}/api/stream${query}`, headers);
    clients.push(c);
    return c;
  }

  async function metric(name: string): Promise<number> {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: BEARER });
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(res.body);
    return m?.[1] === undefined ? Number.NaN : Number(m[1]);
  }

  /** Polls until `check` holds (no time limit of its own: vitest's timeout catches a hang). */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    while (!(await check())) await new Promise((r) => setTimeout(r, 5));
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) {
      c.close();
    }
    await app.close();
  });

  it('streams every engine event as id / event / data, with the hardening headers', async () => {
    await start();
    const c = connect();
    await c.until((f) => f.some((x) => x.retry !== undefined));
    expect(c.response?.statusCode).toBe(200);
    expect(c.response?.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(c.response?.headers['cache-control']).toContain('no-cache');
    expect(c.response?.headers['x-content-type-options']).toBe('nosniff');
    expect(c.response?.headers['access-control-allow-origin']).toBeUndefined();
    engine.emit(market(1));
    engine.emit({ type: 'order_update', client_order_id: 'a1', status: 'ACCEPTED' });
    const frames = dataFrames(await c.until((f) => dataFrames(f).length === 2));
    expect(frames).toEqual([
      { id: '1', event: 'market', data: JSON.stringify(market(1)) },
      {
        id: '2',
        event: 'order_update',
        data: '{"type":"order_update","client_order_id":"a1","status":"ACCEPTED"}',
      },
    ]);
  });

  it('gives a new client only what comes next', async () => {
    await start();
    engine.emit(market(1));
    const c = connect();
    await c.until((f) => f.length > 0);
    engine.emit(market(2));
    const frames = dataFrames(await c.until((f) => dataFrames(f).length === 1));
    expect(frames.map((f) => f.id)).toEqual(['2']);
  });

  it('resumes after the Last-Event-ID header, then goes on live', async () => {
    await start();
    for (let i = 1; i <= 5; i++) engine.emit(market(i));
    const c = connect('', { ...BEARER, 'last-event-id': '2' });
    await c.until((f) => dataFrames(f).length === 3);
    engine.emit(market(6));
    const frames = dataFrames(await c.until((f) => dataFrames(f).length === 4));
    expect(frames.map((f) => f.id)).toEqual(['3', '4', '5', '6']);
  });

  it('resumes after ?last_id=, and the header wins when both come', async () => {
    await start();
    for (let i = 1; i <= 5; i++) engine.emit(market(i));
    const q = connect('?last_id=3');
    const both = connect('?last_id=1', { ...BEARER, 'last-event-id': '4' });
    expect(dataFrames(await q.until((f) => dataFrames(f).length === 2)).map((f) => f.id)).toEqual([
      '4',
      '5',
    ]);
    expect(dataFrames(await both.until((f) => dataFrames(f).length === 1))[0]?.id).toBe('5');
  });

  it('sends event: reset when the id is older than the buffer, with an id to resume from', async () => {
    await start({ bufferSize: 3 });
    for (let i = 1; i <= 6; i++) engine.emit(market(i));
    const c = connect('?last_id=1');
    const [reset] = dataFrames(await c.until((f) => dataFrames(f).length === 1));
    expect(reset).toEqual({
      id: '6',
      event: 'reset',
      data: JSON.stringify({ reason: 'too_old', last_id: 6 }),
    });
    engine.emit(market(7));
    const frames = dataFrames(await c.until((f) => dataFrames(f).length === 2));
    expect(frames[1]?.id).toBe('7');
    // the edge: the buffer now keeps 5..7, so resuming after 4 is complete, after 3 is not
    const edge = connect('?last_id=4');
    const edgeFrames = dataFrames(await edge.until((f) => dataFrames(f).length === 3));
    expect(edgeFrames.map((f) => f.id)).toEqual(['5', '6', '7']);
    const past = connect('?last_id=3');
    expect(dataFrames(await past.until((f) => dataFrames(f).length === 1))[0]?.event).toBe('reset');
  });

  it('refuses a malformed resume id with 400 bad_params', async () => {
    await start();
    for (const [query, headers] of [
      ['?last_id=abc', BEARER],
      ['?last_id=-1', BEARER],
      ['', { ...BEARER, 'last-event-id': '1e3' }],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/api/stream${query}`, headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('bad_params');
    }
  });

  it('sends : keep-alive comments at the configured interval', async () => {
    await start({ keepAliveMs: 20 });
    const c = connect();
    const frames = await c.until((f) => f.filter((x) => x.comment === 'keep-alive').length >= 2);
    expect(frames.filter((f) => f.comment === 'keep-alive').length).toBeGreaterThanOrEqual(2);
  });

  it('opens for a browser session cookie and refuses a stranger', async () => {
    await start();
    const login = await app.inject({ method: 'GET', url: `/?token=${API_TOKEN}` });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const c = connect('', { cookie });
    await c.until((f) => f.length > 0);
    expect(c.response?.statusCode).toBe(200);
    const stranger = connect('', {});
    await stranger.closed();
    expect(stranger.response?.statusCode).toBe(401);
  });

  it('drops a client that stops reading, keeps one that reads, and counts both', async () => {
    await start({ maxBufferedBytes: 256 * 1024 });
    const reader = connect();
    await reader.until((f) => f.length > 0);
    // A client that never reads: its socket buffers fill, then the server's.
    const stalled = request(`${base}/api/stream`, { headers: BEARER });
    // (its side sees the end only once it reads past what is queued, so the server's count tells)
    stalled.on('response', (res) => res.pause());
    stalled.on('error', () => {});
    stalled.end();
    await eventually(async () => (await metric('veloz_sse_clients')) === 2);

    const pad = 'x'.repeat(32 * 1024);
    let sent = 0;
    while ((await metric('veloz_sse_clients_dropped_total')) === 0) {
      engine.emit({ type: 'market', symbol: 'BTCUSDT', price: sent, pad });
      sent += 1;
      if (sent > 5_000) throw new Error('the stalled client was never dropped');
      await new Promise((r) => setImmediate(r));
    }
    expect(await metric('veloz_sse_clients')).toBe(1);
    // the reader got everything, in order
    const frames = dataFrames(await reader.until((f) => dataFrames(f).length === sent));
    expect(frames.map((f) => Number(f.id))).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    stalled.destroy();
  });

  it('forgets a client when it disconnects, and ends open streams on close', async () => {
    await start();
    const a = connect();
    const b = connect();
    await a.until((f) => f.length > 0);
    await b.until((f) => f.length > 0);
    expect(await metric('veloz_sse_clients')).toBe(2);
    a.close();
    await eventually(async () => (await metric('veloz_sse_clients')) === 1);
    await app.close(); // would wait for ever on an open stream
    await b.closed();
  });
});
