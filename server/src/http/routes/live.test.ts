import { afterEach, describe, expect, it } from 'vitest';
import type { BreakerView } from '../../live/desk/desk-breaker';
import type { ArmResult, LiveStatus } from '../../live/desk/live-desk';
import { browserHeaders, testApp } from '../testing/test-app';
import type { LiveControl } from './live';

/** A desk that records what it was asked and answers like the real one. */
class FakeDesk implements LiveControl {
  readonly calls: string[] = [];
  armed = false;
  kill: { engaged: boolean; reason?: string } = { engaged: false };
  breaker: BreakerView['state'] = 'open';
  async status(): Promise<LiveStatus> {
    return {
      venue: 'binance',
      armed: this.armed,
      phase: this.armed ? 'running' : 'idle',
      kill_switch: this.kill,
      connection: { state: this.armed ? 'connected' : 'closed' },
      credentials: 'env',
      breaker: {
        state: this.breaker,
        limits: {
          max_loss: null,
          loss_window_ms: 3_600_000,
          max_error_rate: 0.5,
          error_window_ms: 300_000,
          min_orders: 5,
          cool_down_ms: 300_000,
          probe_orders: 1,
        },
        persisted: false,
      },
    };
  }
  async arm(confirm: string): Promise<ArmResult> {
    this.calls.push(`arm ${confirm}`);
    if (confirm !== 'binance') return { ok: false, reason: 'confirm must be "binance"' };
    this.armed = true;
    return { ok: true };
  }
  disarm(): void {
    this.calls.push('disarm');
    this.armed = false;
  }
  async engageKillSwitch(reason: string): Promise<ArmResult> {
    this.calls.push(`kill ${reason}`);
    this.kill = { engaged: true, reason };
    return { ok: true };
  }
  releaseKillSwitch(): ArmResult {
    this.calls.push('release');
    this.kill = { engaged: false };
    return { ok: true };
  }
  resetBreaker(): ArmResult {
    this.calls.push('reset breaker');
    this.breaker = 'closed';
    return { ok: true };
  }
}

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function setup(live?: LiveControl) {
  const app = await testApp(live === undefined ? {} : { live });
  apps.push(app);
  const headers = await browserHeaders(app);
  const post = (url: string, payload: unknown, h: Record<string, string> = headers) =>
    app.inject({ method: 'POST', url, headers: h, payload: payload as object });
  return { app, headers, post };
}

describe('live routes', () => {
  it('arms only with the venue named, disarms, and shows the desk', async () => {
    const desk = new FakeDesk();
    const { app, headers, post } = await setup(desk);
    const before = await app.inject({ method: 'GET', url: '/api/live', headers });
    expect(before.json()).toMatchObject({ armed: false, phase: 'idle', venue: 'binance' });

    const wrong = await post('/api/live', { armed: true, confirm: 'okx' });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.json()).toMatchObject({ ok: false, reason: 'confirm must be "binance"' });

    const armed = await post('/api/live', { armed: true, confirm: 'binance' });
    expect(armed.json()).toMatchObject({ ok: true, live: { armed: true, phase: 'running' } });
    const disarmed = await post('/api/live', { armed: false });
    expect(disarmed.json()).toMatchObject({ ok: true, live: { armed: false } });
    expect(desk.calls).toEqual(['arm okx', 'arm binance', 'disarm']);
  });

  it('engages and releases the kill switch', async () => {
    const desk = new FakeDesk();
    const { post } = await setup(desk);
    const on = await post('/api/kill_switch', { engaged: true, reason: 'too fast' });
    expect(on.json()).toMatchObject({ ok: true, live: { kill_switch: { engaged: true } } });
    await post('/api/kill_switch', { engaged: true });
    const off = await post('/api/kill_switch', { engaged: false });
    expect(off.json()).toMatchObject({ ok: true, live: { kill_switch: { engaged: false } } });
    expect(desk.calls).toEqual(['kill too fast', 'kill kill switch pressed', 'release']);
  });

  it('shows the breaker and resets it by hand, with or without an empty body', async () => {
    const desk = new FakeDesk();
    const { app, headers, post } = await setup(desk);
    const before = await app.inject({ method: 'GET', url: '/api/live', headers });
    expect(before.json().breaker).toMatchObject({ state: 'open', persisted: false });
    const reset = await post('/api/breaker/reset', {});
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ ok: true, live: { breaker: { state: 'closed' } } });
    const bare = await app.inject({ method: 'POST', url: '/api/breaker/reset', headers });
    expect(bare.statusCode).toBe(200);
    expect(desk.calls).toEqual(['reset breaker', 'reset breaker']);
  });

  it('refuses a reset with fields, from a foreign Origin, or without a login', async () => {
    const desk = new FakeDesk();
    const { app, headers, post } = await setup(desk);
    const extra = await post('/api/breaker/reset', { state: 'closed' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ error: 'bad_params', message: 'state: unknown field' });
    const foreign = await post(
      '/api/breaker/reset',
      {},
      { ...headers, origin: 'http://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
    const anon = await app.inject({ method: 'POST', url: '/api/breaker/reset', payload: {} });
    expect(anon.statusCode).toBe(401);
    expect(desk.calls).toEqual([]);
  });

  it('refuses malformed bodies with the field, a foreign Origin, and no login', async () => {
    const desk = new FakeDesk();
    const { app, headers, post } = await setup(desk);
    const cases: [unknown, RegExp][] = [
      [{ armed: true }, /^confirm: /],
      [{ armed: 'yes', confirm: 'binance' }, /^armed: /],
      [{ armed: false, confirm: 'binance' }, /^confirm: unknown field/],
      [{}, /^armed: /],
    ];
    for (const [body, message] of cases) {
      const res = await post('/api/live', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('bad_params');
      expect(res.json().message).toMatch(message);
    }
    const kill = await post('/api/kill_switch', { engaged: true, reason: '' });
    expect(kill.statusCode).toBe(400);
    expect(kill.json().message).toMatch(/^reason: /);

    const foreign = await post(
      '/api/live',
      { armed: true, confirm: 'binance' },
      { ...headers, origin: 'http://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
    const anon = await app.inject({
      method: 'POST',
      url: '/api/kill_switch',
      payload: { engaged: true },
    });
    expect(anon.statusCode).toBe(401);
    expect(desk.calls).toEqual([]);
  });

  it('answers 503 when the server has no live desk', async () => {
    const { app, headers } = await setup();
    const res = await app.inject({ method: 'GET', url: '/api/live', headers });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('execution_unavailable');
  });
});
