import { describe, expect, it } from 'vitest';
import { applyEvent, createState } from '../engine';
import { makeEngine } from '../testing/engine-fixtures';
import { ExternalVenue } from '../venue';
import { LineSession } from './line-session';

/** mulberry32: a tiny seeded PRNG, so every run feeds the same lines. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINES_PER_RUN = 55_000;

function lineGenerator(r: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  // Fresh ids for most orders (a few reuse one: duplicates); cancels and EXECs aim at recent ones.
  let counter = 0;
  let lastId = 'id0';
  const recent = (): string => `id${Math.max(0, counter - Math.floor(r() * 40))}`;
  let btc = 50_000;
  let eth = 3_000;
  const px = (base: number) => (base * (1 + (r() - 0.5) * 0.1)).toFixed(pick([2, 2, 2, 3, 0]));
  const valid = (): string => {
    const k = r();
    const sym = pick(['BTCUSDT', 'ETHUSDT']);
    const base = sym === 'BTCUSDT' ? btc : eth;
    const qty =
      sym === 'BTCUSDT'
        ? pick(['0.001', '0.01', '0.05', '0.00001', '1', '0.0015'])
        : pick(['0.01', '0.1', '1', '2.5']);
    if (k < 0.35) {
      const type = pick(['', '', ' type=STOP', ' type=STOP_LIMIT', ' type=MARKET']);
      const price = type === ' type=STOP' || type === ' type=MARKET' ? 'MARKET' : px(base);
      const stop = type.includes('STOP') ? ` stop=${px(base)}` : '';
      const extra = pick(['', '', ' tif=IOC', ' tif=FOK', ' post_only=1', ' reduce_only=1']);
      lastId = r() < 0.05 ? recent() : `id${++counter}`;
      return `ORDER ${pick(['BUY', 'SELL', 'buy', 'Sell'])} ${sym} ${qty} ${price} ${lastId}${type}${stop}${extra}`;
    }
    if (k < 0.5) return `CANCEL ${recent()}`;
    if (k < 0.75) {
      if (sym === 'BTCUSDT') btc = Math.max(100, btc * (1 + (r() - 0.5) * 0.02));
      else eth = Math.max(10, eth * (1 + (r() - 0.5) * 0.02));
      return `MARKET ${sym} ${(sym === 'BTCUSDT' ? btc : eth).toFixed(2)}`;
    }
    if (k < 0.8) {
      // QUERY ORDERS lists every order ever placed: keep it rare so the run stays fast.
      if (r() < 0.01) return 'QUERY ORDERS';
      return pick(['QUERY ACCOUNT', 'QUERY POSITIONS', `QUERY ORDER ${recent()}`]);
    }
    if (k < 0.93) {
      const status = pick([
        'ACCEPTED',
        'PARTIALLY_FILLED',
        'FILLED',
        'CANCELLED',
        'REJECTED',
        'EXPIRED',
      ]);
      const fillQty = pick(['0.00001', '0.001', '0.01', qty]);
      // Mostly below the generated limits, so that buys fit in their reservation.
      const fillPx = (base * (0.93 + r() * 0.06)).toFixed(2);
      const fill = status.includes('FILLED') ? ` fill_qty=${fillQty} fill_price=${fillPx}` : '';
      // Mostly about the newest order, which is likeliest to be open.
      return `EXEC ${r() < 0.7 ? lastId : recent()} ${status}${fill}`;
    }
    return JSON.stringify({
      cmd: 'order',
      side: pick(['BUY', 'SELL']),
      symbol: sym,
      qty: Number(qty),
      price: Number(px(base)),
      client_order_id: `j${++counter}`,
    });
  };
  const mutate = (line: string): string => {
    const chars = [...line];
    const m = r();
    const i = Math.floor(r() * Math.max(1, chars.length));
    if (m < 0.2) chars.splice(i, 1);
    else if (m < 0.4)
      chars.splice(
        i,
        0,
        pick([
          '-',
          '0',
          'e',
          ' ',
          '.',
          'NaN',
          'Infinity',
          '1e309',
          '\u0000',
          '"',
          '{',
          'é',
          '\ud83d',
        ]),
      );
    else if (m < 0.6) {
      const toks = line.split(' ');
      const a = Math.floor(r() * toks.length);
      const b = Math.floor(r() * toks.length);
      [toks[a], toks[b]] = [toks[b] as string, toks[a] as string];
      return toks.join(' ');
    } else if (m < 0.8)
      return line
        .split(' ')
        .slice(0, Math.floor(r() * 6))
        .join(' ');
    else chars[i] = String.fromCharCode(Math.floor(r() * 0xffff));
    return chars.join('');
  };
  const garbage = (): string =>
    Array.from({ length: Math.floor(r() * 80) }, () =>
      String.fromCharCode(Math.floor(r() * 0x2000)),
    ).join('');
  return (): string => {
    const k = r();
    if (k < 0.6) return valid();
    if (k < 0.9) return mutate(valid());
    return garbage();
  };
}

function fuzz(seed: number, live: boolean): { lines: number; errors: number; fills: number } {
  const { engine, clock, config } = makeEngine({
    // Behind an external venue orders stay open until an EXEC closes them: give them room.
    usdt: live ? 1e9 : 1_000_000,
    makerBps: 2,
    takerBps: 5,
    ...(live ? { venue: new ExternalVenue() } : { latencyMs: 3 }),
    // Mutated MARKET lines move marks wildly, which would trip the kill switch and end all
    // trading early; the kill switch has its own tests.
    risk: {
      maxOrderNotional: 100_000,
      priceBand: 0.08,
      maxOpenOrders: 2_000,
      maxOrdersPerWindow: 500,
    },
  });
  const session = new LineSession(engine, clock);
  const replica = createState(
    config.accountAsset,
    config.instruments,
    config.risk.orderRateWindowMs,
  );
  // The deposit made by makeEngine happened before the session existed: replay it by hand.
  applyEvent(replica, {
    type: 'funds_deposited',
    ts: engine.state.lastTs,
    asset: config.accountAsset,
    amount: live ? 1e9 : 1_000_000,
  });
  const next = lineGenerator(rng(seed));
  let errors = 0;
  let fills = 0;
  const reasons = new Map<string, number>();
  for (let n = 1; n <= LINES_PER_RUN; n++) {
    if (n % 7 === 0) clock.advanceTo(clock.now() + 2);
    const line = next();
    const before = engine.state.nextSeq;
    const ordersBefore = engine.state.orders.size;
    session.handleLine(line, n);
    const { lines, stateEvents } = session.takeBatch();
    for (const e of stateEvents) applyEvent(replica, e);
    if (n % 5 === 0) {
      session.poll();
      for (const e of session.takeBatch().stateEvents) applyEvent(replica, e);
    }
    for (const out of lines) {
      const ev = JSON.parse(out) as { type: string; line?: number };
      expect(typeof ev.type).toBe('string');
      if (ev.type === 'error' && ev.line === n) {
        errors++;
        // Bad input never reaches the engine, so it cannot change its state.
        expect(engine.state.nextSeq).toBe(before);
        expect(engine.state.orders.size).toBe(ordersBefore);
        expect(stateEvents).toEqual([]);
      }
      if (ev.type === 'fill') fills++;
      if (process.env.FUZZ_DEBUG && (ev as { reason?: string }).reason)
        reasons.set(
          String((ev as { reason?: string }).reason).replace(/[0-9.]+/g, 'N'),
          (reasons.get(String((ev as { reason?: string }).reason).replace(/[0-9.]+/g, 'N')) ?? 0) +
            1,
        );
    }
    for (const [a, b] of engine.state.balances) {
      if (process.env.FUZZ_DEBUG && b.free < -1e-6) console.log('negative', a, b, n, line, lines);
      expect(b.free).toBeGreaterThanOrEqual(-1e-6);
      expect(b.locked).toBeGreaterThanOrEqual(-1e-6);
    }
    if (n % 5_000 === 0) expect(replica).toEqual(engine.state);
  }
  expect(replica).toEqual(engine.state);
  expect(stateEventsAreConsistent(engine)).toBe(true);
  if (process.env.FUZZ_DEBUG) console.log([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12));
  return { lines: LINES_PER_RUN, errors, fills };
}

function stateEventsAreConsistent(engine: ReturnType<typeof makeEngine>['engine']): boolean {
  const reserved = new Map<string, number>();
  for (const id of engine.state.openOrders) {
    const o = engine.state.orders.get(id);
    if (o?.reserved)
      reserved.set(o.reserved.asset, (reserved.get(o.reserved.asset) ?? 0) + o.reserved.amount);
  }
  for (const [a, b] of engine.state.balances) {
    if (Math.abs(b.locked - (reserved.get(a) ?? 0)) > 1e-6) return false;
  }
  return true;
}

describe('LineSession fuzz: 110 000 random and mutated lines through parser and engine', () => {
  it('simulated venue: nothing throws, errors leave state alone, replay matches', () => {
    const r = fuzz(20261125, false);
    expect(r.errors).toBeGreaterThan(5_000);
    expect(r.fills).toBeGreaterThan(100);
  }, 60_000);
  it('external venue with EXEC reports: same guarantees', () => {
    const r = fuzz(777, true);
    expect(r.errors).toBeGreaterThan(5_000);
    expect(r.fills).toBeGreaterThan(50);
  }, 60_000);
});
