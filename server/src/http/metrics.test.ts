import { describe, expect, it } from 'vitest';
import { FakeEngineLink } from './testing/fake-engine-link';
import { BEARER, testApp } from './testing/test-app';

const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? (-?[0-9.e+-]+|[Nn]a[Nn]|[+-]?[Ii]nf)$/;
// (values are Go ParseFloat syntax, which takes NaN in any case: prom-client writes `Nan`)

/** Parses Prometheus text exposition into `name{labels}` → value; throws on a bad line. */
function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = SAMPLE.exec(line);
    if (m === null) throw new Error(`not exposition format: ${line}`);
    out.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return out;
}

describe('GET /metrics', () => {
  it('needs the API token or a session', async () => {
    const app = await testApp();
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    await app.close();
  });

  it('is Prometheus text that counts requests by route and status, events by type', async () => {
    const engine = new FakeEngineLink();
    const app = await testApp({ engine, processMetrics: true });
    for (let i = 0; i < 3; i++)
      await app.inject({ method: 'GET', url: '/api/config', headers: BEARER });
    await app.inject({ method: 'GET', url: '/api/order_state', headers: BEARER }); // 400
    await app.inject({ method: 'GET', url: '/api/secret-token-path', headers: BEARER }); // 404
    await app.inject({ method: 'GET', url: '/api/config' }); // 401
    engine.emit({ type: 'market', symbol: 'BTCUSDT', price: 1 });
    engine.emit({ type: 'market', symbol: 'BTCUSDT', price: 2 });
    engine.emit({ type: 'fill', client_order_id: 'a1' });

    const res = await app.inject({ method: 'GET', url: '/metrics', headers: BEARER });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parseExposition(res.body);
    const req = (route: string, status: number) =>
      m.get(`veloz_http_requests_total{method="GET",route="${route}",status="${status}"}`);
    expect(req('/api/config', 200)).toBe(3);
    expect(req('/api/config', 401)).toBe(1);
    expect(req('/api/order_state', 400)).toBe(1);
    expect(req('not_found', 404)).toBe(1);
    expect(res.body).not.toContain('secret-token-path');
    expect(
      m.get('veloz_http_request_duration_seconds_count{method="GET",route="/api/config"}'),
    ).toBe(4);
    expect(m.get('veloz_engine_events_total{type="market"}')).toBe(2);
    expect(m.get('veloz_engine_events_total{type="fill"}')).toBe(1);
    expect(m.get('veloz_sse_clients')).toBe(0);
    expect(m.get('veloz_engine_state{state="running"}')).toBe(1);
    expect(m.get('veloz_engine_state{state="restarting"}')).toBe(0);
    expect(m.has('process_cpu_user_seconds_total')).toBe(true);
    expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true);

    engine.state = { state: 'restarting', attempt: 3, lastExit: 'signal SIGKILL' };
    const later = parseExposition(
      (await app.inject({ method: 'GET', url: '/metrics', headers: BEARER })).body,
    );
    expect(later.get('veloz_engine_state{state="restarting"}')).toBe(1);
    expect(later.get('veloz_engine_restart_attempt')).toBe(3);
    await app.close();
  });

  it('keeps each app its own registry', async () => {
    const a = await testApp();
    const b = await testApp();
    await a.inject({ method: 'GET', url: '/api/config', headers: BEARER });
    const mb = parseExposition(
      (await b.inject({ method: 'GET', url: '/metrics', headers: BEARER })).body,
    );
    expect(
      mb.get('veloz_http_requests_total{method="GET",route="/api/config",status="200"}'),
    ).toBeUndefined();
    await a.close();
    await b.close();
  });
});
