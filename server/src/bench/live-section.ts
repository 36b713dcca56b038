// `npm run bench -- live`: the live path on loopback. The proxy (fastify, the real API), the
// engine process (external venue, file WAL with fsync) and the Binance adapter run for real; the
// exchange is the local one (server/test/local-exchange), so the figures are the proxy's own cost
// plus loopback, not an exchange's.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalBinance } from '../../test/local-exchange';
import { BTCUSDT_SPEC } from '../../test/local-exchange/symbols';
import type { EngineEvent } from '../engine-process/engine-link';
import { buildApp } from '../http/app';
import type { CredentialOrigin, CredentialSource } from '../live/credentials/credential-source';
import { buildLiveDesk } from '../live/desk/desk-config';
import type { VenueCredentials, VenueId } from '../live/venue-adapter';
import { percentile } from './stats';

// Binance's key format: 64 letters and digits.
const KEY = 'BenchKey'.repeat(8);
const SECRET = 'BenchSecretLocal'.repeat(4);
const TOKEN = 'bench-token-0123456789abcdef0123456789abcdef';
const ORDERS = 300;
const SSE_CLIENTS = 50;
const SSE_EVENTS = 20_000;
const SILENT = { info() {}, warn() {}, error() {} };

/** Keys for the local exchange only, held in memory. */
class BenchCredentials implements CredentialSource {
  async get(venue: VenueId): Promise<VenueCredentials | null> {
    return venue === 'binance' ? { apiKey: KEY, apiSecret: SECRET } : null;
  }
  async origins(): Promise<Record<VenueId, CredentialOrigin>> {
    return { binance: 'env', okx: 'absent', bybit: 'absent', coinbase: 'absent' };
  }
  async store(): Promise<void> {}
  async forget(): Promise<void> {}
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

export async function printLiveSection(): Promise<void> {
  console.log(
    `[live] order → ack through the proxy and the engine on loopback; SSE fan-out to ${SSE_CLIENTS} clients`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'veloz-bench-live-'));
  const ex = await startLocalBinance({
    accounts: [{ apiKey: KEY, apiSecret: SECRET, balances: { USDT: 1_000_000 } }],
    // Binance allows 100 orders per 10 s: the adapter would wait, and this measures the proxy.
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 1_000_000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100_000 },
    ],
    symbols: [BTCUSDT_SPEC],
  });
  ex.controls.setPrice('BTCUSDT', 20_000);
  const desk = buildLiveDesk({
    endpoints: { venue: 'binance', restUrl: ex.restUrl, wsApiUrl: ex.wsUrl },
    credentials: new BenchCredentials(),
    dataDir: dir,
    logger: SILENT,
  });
  const app = await buildApp({
    engine: desk.engine,
    auth: { apiToken: TOKEN, launchToken: null },
    rateLimit: { max: 1e9, orderMax: 1e9 },
    processMetrics: false,
  });
  try {
    const armed = await desk.arm('binance');
    if (!armed.ok) throw new Error(armed.reason);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    await orderLatency(port, desk.engine);
    await sseFanOut(port, desk.engine);
  } finally {
    await app.close();
    await desk.stop();
    await ex.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('  reproduce: npm run bench -- live\n');
}

function post(port: number, path: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: keepAlive,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          data += c;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${data}`));
          else resolve(JSON.parse(data));
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

interface Waiter {
  readonly pred: (e: EngineEvent) => boolean;
  readonly resolve: (t: number) => void;
}

async function orderLatency(
  port: number,
  engine: { subscribe(l: (e: EngineEvent) => void): () => void },
): Promise<void> {
  const waiters = new Set<Waiter>();
  const off = engine.subscribe((e) => {
    const t = performance.now();
    for (const w of waiters)
      if (w.pred(e)) {
        waiters.delete(w);
        w.resolve(t);
      }
  });
  const when = (id: string, status: string) =>
    new Promise<number>((resolve) =>
      waiters.add({
        pred: (e) => e.type === 'order_update' && e.client_order_id === id && e.status === status,
        resolve,
      }),
    );
  const acks: number[] = [];
  const venueAcks: number[] = [];
  for (let i = -30; i < ORDERS; i++) {
    const id = `bench-${i + 30}`;
    const accepted = when(id, 'ACCEPTED');
    const t0 = performance.now();
    await post(port, '/api/order', {
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.001,
      type: 'LIMIT',
      price: 10_000,
      client_order_id: id,
    });
    const t1 = performance.now();
    const t2 = await accepted;
    if (i >= 0) {
      acks.push(t1 - t0);
      venueAcks.push(t2 - t0);
    }
    const cancelled = when(id, 'CANCELLED');
    await post(port, '/api/cancel', { client_order_id: id });
    await cancelled;
  }
  off();
  acks.sort((a, b) => a - b);
  venueAcks.sort((a, b) => a - b);
  console.log(
    `  POST /api/order → its 200 (parsed, checked, through the engine process, journaled with fsync), ${ORDERS} orders one at a time after 30 warm-up:`,
  );
  console.log(
    `    p50 ${ms(percentile(acks, 50))}   p99 ${ms(percentile(acks, 99))}   max ${ms(acks[acks.length - 1] as number)}`,
  );
  console.log(
    '  POST /api/order → ACCEPTED by the local Binance exchange, back in the engine (router → signed REST → EXEC):',
  );
  console.log(
    `    p50 ${ms(percentile(venueAcks, 50))}   p99 ${ms(percentile(venueAcks, 99))}   max ${ms(venueAcks[venueAcks.length - 1] as number)}`,
  );
}

async function sseFanOut(port: number, engine: { publish(e: EngineEvent): void }): Promise<void> {
  const counts = new Int32Array(SSE_CLIENTS);
  let done = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((r) => {
    allDone = r;
  });
  const connected: Promise<void>[] = [];
  const reqs: ReturnType<typeof request>[] = [];
  for (let c = 0; c < SSE_CLIENTS; c++) {
    connected.push(
      new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/stream',
            headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' },
          },
          (res) => {
            if (res.statusCode !== 200) reject(new Error(`stream: ${res.statusCode}`));
            res.setEncoding('utf8');
            let carry = '';
            res.on('data', (chunk: string) => {
              const text = carry + chunk;
              let from = 0;
              for (;;) {
                const k = text.indexOf('\nevent: bench\n', from);
                if (k < 0) break;
                from = k + 1;
                if (++counts[c] === SSE_EVENTS && ++done === SSE_CLIENTS) allDone();
              }
              carry = text.slice(Math.max(from, text.length - 16));
            });
            resolve();
          },
        );
        req.on('error', reject);
        req.end();
        reqs.push(req);
      }),
    );
  }
  await Promise.all(connected);
  const t0 = performance.now();
  for (let i = 0; i < SSE_EVENTS; i++) {
    engine.publish({ type: 'bench', seq: i, symbol: 'BTCUSDT', price: 20_000 + (i % 100) });
    // Let sockets drain now and then, as a real feed would between ticks.
    if (i % 200 === 199) await new Promise((r) => setImmediate(r));
  }
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  for (const r of reqs) r.destroy();
  const delivered = SSE_CLIENTS * SSE_EVENTS;
  console.log(
    `  SSE (the ${SSE_CLIENTS} clients read in the same process as the server, so they share its cores): ${SSE_EVENTS.toLocaleString('en-US')} events published, each delivered to ${SSE_CLIENTS} /api/stream clients (${delivered.toLocaleString('en-US')} in all) in ${seconds.toFixed(2)} s:`,
  );
  console.log(
    `    ${Math.round(delivered / seconds).toLocaleString('en-US')} events/s delivered (${Math.round(SSE_EVENTS / seconds).toLocaleString('en-US')} published/s)`,
  );
}
