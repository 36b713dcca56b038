// The paper engine's crash test: real Chromium, real IndexedDB, a replay feed. Each cycle fires
// a burst of orders and cancels from the leader tab, kills its renderer at a seeded random
// moment (CDP `Page.crash`: no unload, no beforeunload; the engine's worker dies with the
// process, mid-write or not), and checks the account as the next leader recovers it: in even
// cycles a tab opened after the kill (a reload), in odd ones a follower tab that was already
// open and takes over. Checked against what the test saw acknowledged: every acknowledged order
// is there exactly once, every acknowledged cancel holds, no order is filled beyond its
// quantity, balances equal the deposit plus the orders' fills as counted here, and the WAL in
// IndexedDB has no gap. (`page.close`, `Target.closeTarget` and `chrome://crash` also cut
// in-flight orders short; `Page.crash` takes effect soonest.) Page scripts are strings: tsx would
// inject `__name` into functions.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';

// Tracing would snapshot the page at every step of 50 cycles.
test.use({ trace: 'off', screenshot: 'off' });

const CYCLES = 50;
const SEED = 20_251_125;
const CASH = 1_000_000;
const P = 'window.__velozPaper';
/**
 * Order latency in market time: 30 min, 50 ms of wall time at the replay's 36 000×, so that
 * kills land between a cancel and the venue's report too.
 */
const LATENCY_MS = 1_800_000;
const APP = `/paper?e2e=1&cash=${CASH}&compactEvery=400&latencyMs=${LATENCY_MS}`;
const REPLAY = { source: 'replay', symbol: 'BTCUSDT', datasetId: 'sample', speed: 36_000 };
/** Quantities name the orders: the g-th order the test sends has qty (1 + g) × 1e-5. */
const qtyOf = (g: number): number => (1 + g) / 100_000;
const gOf = (qty: number): number => Math.round(qty * 100_000) - 1;
/** The four opening buys of 1 BTC. */
const OPENING = gOf(1);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface OrderRow {
  readonly request: { readonly clientOrderId: string; readonly side: string; readonly qty: number };
  readonly status: string;
  readonly executedQty: number;
  readonly cumQuote: number;
  readonly fees: number;
}
interface Inspection {
  readonly orders: readonly OrderRow[];
  readonly balances: readonly { asset: string; free: number; locked: number }[];
  readonly durableSeq: number;
}
/** The WAL database as stored, read with raw IndexedDB (no app code). */
interface WalDump {
  readonly snapshotSeq: number | null;
  readonly snapshotOrders: readonly string[];
  readonly batches: readonly { first: number; last: number; submitted: string[] }[];
}

const DUMP_WAL = `new Promise((resolve, reject) => {
  const q = indexedDB.open('veloz-paper-wal');
  q.onerror = () => reject(q.error);
  q.onsuccess = () => {
    const db = q.result;
    const tx = db.transaction(['snapshot', 'batches'], 'readonly');
    const snap = tx.objectStore('snapshot').get('latest');
    const all = tx.objectStore('batches').getAll();
    tx.oncomplete = () => {
      db.close();
      const s = snap.result;
      resolve({
        snapshotSeq: s ? s.seq : null,
        snapshotOrders: s ? s.state.orders.map((e) => e[0]) : [],
        batches: all.result.map((b) => ({
          first: b.first,
          last: b.last,
          submitted: b.events
            .filter((e) => e.type === 'order_submitted' || e.type === 'order_denied')
            .map((e) => e.request.clientOrderId),
        })),
      });
    };
  };
})`;

/** What the test saw acknowledged. */
interface Acks {
  /** g → client order id. */
  readonly submits: Map<number, string>;
  readonly cancels: Set<string>;
}

/** Everything wrong with a recovered account, in words (empty: nothing). */
function problems(state: Inspection, wal: WalDump, acks: Acks): string[] {
  const out: string[] = [];
  const byId = new Map(state.orders.map((o) => [o.request.clientOrderId, o]));
  const perG = new Map<number, number>();
  for (const o of state.orders) {
    const k = gOf(o.request.qty);
    perG.set(k, (perG.get(k) ?? 0) + 1);
  }
  // Every acknowledged order is there, as sent; none was applied twice.
  for (const [k, id] of acks.submits) {
    const o = byId.get(id);
    if (o === undefined) out.push(`acknowledged order ${id} (g ${k}) lost`);
    else if (gOf(o.request.qty) !== k) out.push(`${id} holds g ${gOf(o.request.qty)}, not ${k}`);
  }
  for (const [k, n] of perG) if (k !== OPENING && n > 1) out.push(`g ${k} applied ${n} times`);
  // Every acknowledged cancel holds.
  for (const id of acks.cancels) {
    const status = byId.get(id)?.status;
    if (status !== 'CANCELLED') out.push(`acknowledged cancel of ${id}, but it is ${status}`);
  }
  // No order filled beyond its quantity; balances are the deposit plus the orders' fills.
  let usdt = CASH;
  let btc = 0;
  for (const o of state.orders) {
    if (o.executedQty > o.request.qty * (1 + 1e-12))
      out.push(`${o.request.clientOrderId} filled ${o.executedQty} > ${o.request.qty}`);
    const sign = o.request.side === 'BUY' ? 1 : -1;
    usdt -= sign * o.cumQuote + o.fees;
    btc += sign * o.executedQty;
  }
  const total = (a: string): number => {
    const b = state.balances.find((x) => x.asset === a);
    return b === undefined ? 0 : b.free + b.locked;
  };
  if (Math.abs(total('USDT') - usdt) > 1e-6) out.push(`USDT ${total('USDT')} ≠ ${usdt}`);
  if (Math.abs(total('BTC') - btc) > 1e-9) out.push(`BTC ${total('BTC')} ≠ ${btc}`);
  // The WAL: contiguous batches from the snapshot on, at least up to the durable seq the
  // session reported (read before the dump: the replay goes on writing); no order twice.
  const base = wal.snapshotSeq ?? 0;
  const seen = new Set(wal.snapshotOrders);
  let next = base + 1;
  for (const b of [...wal.batches].sort((x, y) => x.first - y.first)) {
    if (b.last < next) continue; // covered by the snapshot, not deleted yet
    if (b.first > next) out.push(`WAL gap: seqs ${next}..${b.first - 1} missing`);
    next = b.last + 1;
    if (b.first <= base) continue; // cut by the snapshot: its first orders are in it
    for (const id of b.submitted) {
      if (seen.has(id)) out.push(`${id} journaled twice`);
      seen.add(id);
    }
  }
  if (next - 1 < state.durableSeq) out.push(`WAL ends at ${next - 1} < ${state.durableSeq}`);
  return out;
}

/** A tab of the app; resolves once it runs the engine, or follows a running one. */
async function openApp(ctx: BrowserContext, role: 'leader' | 'follower'): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(APP);
  await waitFor(page, role);
  return page;
}

async function waitFor(page: Page, role: 'leader' | 'follower'): Promise<void> {
  await page.waitForFunction(
    `${P} !== undefined && ${P}.view().role === '${role}' && ${P}.view().status === 'running'`,
    null,
    { timeout: 30_000, polling: 20 },
  );
}

test('paper engine: 50 kills at random moments lose nothing acknowledged and apply nothing twice', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const rnd = mulberry32(SEED);
  const ctx = await browser.newContext();
  // The Binance base URL points nowhere: the first start's live feed fails at once, offline.
  await ctx.addInitScript(
    "if (location.protocol === 'http:') localStorage.setItem('veloz-binance-base-url', 'http://127.0.0.1:9')",
  );
  const acks: Acks = { submits: new Map(), cancels: new Set() };
  await ctx.exposeBinding('__paperAck', (_src, kind: string, g: number, id: string) => {
    if (kind === 'submit') acks.submits.set(g, id);
    else acks.cancels.add(id);
  });

  let page = await openApp(ctx, 'leader');
  const feed = await page.evaluate(`${P}.commands.setFeed(${JSON.stringify(REPLAY)})`);
  expect(feed).toEqual({ ok: true, clientOrderId: null });
  // Bitcoin to sell: four market buys of 1 (each under the 50 000 USDT order limit).
  for (let i = 0; i < 4; i++) {
    const r = await page.evaluate(
      `${P}.commands.submit({ side: 'BUY', type: 'MARKET', qty: 1, tif: 'GTC', postOnly: false, reduceOnly: false })`,
    );
    expect(r).toMatchObject({ ok: true });
  }

  let g = 0;
  let cutShort = 0;
  let cutCycles = 0;
  const started = Date.now();
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const takeover = cycle % 2 === 1;
    const next = takeover ? await openApp(ctx, 'follower') : null;
    const cdp = await ctx.newCDPSession(page);
    const view = (await page.evaluate(`${P}.view()`)) as {
      lastPrice: number | null;
      openOrders: { clientOrderId: string }[];
    };
    const price = view.lastPrice ?? 40_000;
    // A burst: market buys and sells, resting limit buys 1–3 % below, cancels of open orders.
    const burst: string[] = [];
    const mine: number[] = [];
    const n = 6 + Math.floor(rnd() * 10);
    for (let i = 0; i < n; i++) {
      const k = g++;
      mine.push(k);
      const market = rnd() < 0.6;
      const o = {
        side: market && rnd() < 0.5 ? 'SELL' : 'BUY',
        type: market ? 'MARKET' : 'LIMIT',
        qty: qtyOf(k),
        ...(market ? {} : { price: Math.round(price * (0.97 + rnd() * 0.02) * 100) / 100 }),
        tif: 'GTC',
        postOnly: false,
        reduceOnly: false,
      };
      burst.push(
        `${P}.commands.submit(${JSON.stringify(o)}).then((r) => { if (r.ok) window.__paperAck('submit', ${k}, r.clientOrderId); })`,
      );
    }
    for (const o of view.openOrders) {
      if (rnd() < 0.5) {
        burst.push(
          `${P}.commands.cancel(${JSON.stringify(o.clientOrderId)}).then((r) => { if (r.ok) window.__paperAck('cancel', 0, r.clientOrderId); })`,
        );
      }
    }
    // The kill is sent while the burst runs (it takes effect some ms after it is sent).
    const crashed = new Promise((r) => page.once('crash', r));
    page.evaluate(`(() => { ${burst.join(';\n')}; })()`).catch(() => {});
    await new Promise((r) => setTimeout(r, rnd() * 80));
    cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close().catch(() => {});

    if (next !== null) {
      page = next;
      await waitFor(page, 'leader');
    } else {
      page = await openApp(ctx, 'leader');
    }
    const state = (await page.evaluate(`${P}.inspect()`)) as Inspection;
    const wal = (await page.evaluate(DUMP_WAL)) as WalDump;
    expect(problems(state, wal, acks), `cycle ${cycle}`).toEqual([]);
    // What the kill cut short: sent, neither acknowledged nor journaled.
    const journaled = new Set(state.orders.map((o) => gOf(o.request.qty)));
    const cut = mine.filter((k) => !acks.submits.has(k) && !journaled.has(k)).length;
    cutShort += cut;
    if (cut > 0) cutCycles++;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  await page.close();
  await ctx.close();
  console.log(
    `paper crash test: ${CYCLES} kills in ${seconds} s, ${g} orders sent, ${acks.submits.size} acknowledged, ${acks.cancels.size} cancels acknowledged, ${cutShort} cut short by a kill (in ${cutCycles} cycles)`,
  );
  // The kills landed while orders were in flight, and the cycles did real work.
  expect(cutCycles).toBeGreaterThan(0);
  expect(acks.submits.size).toBeGreaterThan(CYCLES);
  expect(acks.cancels.size).toBeGreaterThan(0);
});

// ---- start-up at 100 000 WAL records ----------------------------------------------------------

/** Writes a WAL into the origin's `veloz-paper-wal` as IdbWalStore lays it out (raw IndexedDB). */
const WRITE_WAL = (part: unknown): string => `(async (part) => {
  const db = await new Promise((resolve, reject) => {
    const q = indexedDB.open('veloz-paper-wal', 1);
    q.onupgradeneeded = () => {
      q.result.createObjectStore('batches', { keyPath: 'last' });
      q.result.createObjectStore('snapshot');
    };
    q.onsuccess = () => resolve(q.result);
    q.onerror = () => reject(q.error);
  });
  const tx = db.transaction(['batches', 'snapshot'], 'readwrite');
  if (part.snapshot) {
    tx.objectStore('snapshot').put(part.snapshot, 'latest');
    tx.objectStore('snapshot').put(part.snapshot.seq, 'seq');
  }
  for (const b of part.batches) tx.objectStore('batches').add(b);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
})(${JSON.stringify(part)})`;

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

test('start-up at 100 000 WAL records: the worker recovers the account exactly (timings printed)', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { paperSessionEvents, freshPaperState } = await import(
    '../engine-core/src/wal/testing/engine-session'
  );
  const { recoverState, serializeState } = await import('../engine-core/src/wal');
  const RECORDS = 100_000;
  const events = paperSessionEvents(7, RECORDS);
  const records = events.map((event, i) => ({ seq: i + 1, event }));
  const expected = recoverState({ snapshot: null, records }, freshPaperState);
  if (!expected.ok) throw new Error(expected.error);
  const want = {
    orders: [...expected.value.state.orders.values()].map((o) => [
      o.request.clientOrderId,
      o.status,
      o.executedQty,
      o.cumQuote,
      o.fees,
    ]),
    balances: [...expected.value.state.balances].map(([asset, b]) => ({ asset, ...b })),
  };
  // The writer snapshots every 10 000 records: at most ~10 000 follow the newest snapshot.
  const SNAPSHOT_AT = 90_000;
  const atSnapshot = recoverState(
    { snapshot: null, records: records.slice(0, SNAPSHOT_AT) },
    freshPaperState,
  );
  if (!atSnapshot.ok) throw new Error(atSnapshot.error);
  const layouts = [
    {
      label: `snapshot at seq ${SNAPSHOT_AT} + ${RECORDS - SNAPSHOT_AT} records`,
      from: SNAPSHOT_AT,
      snapshot: { seq: SNAPSHOT_AT, state: serializeState(atSnapshot.value.state) },
    },
    { label: `${RECORDS} records, no snapshot`, from: 0, snapshot: null },
  ];
  const lines: string[] = [];
  for (const layout of layouts) {
    const ctx = await browser.newContext();
    await ctx.addInitScript(
      "if (location.protocol === 'http:') localStorage.setItem('veloz-binance-base-url', 'http://127.0.0.1:9')",
    );
    const page = await ctx.newPage();
    await page.goto('/health'); // the origin, without the app (which would start an account)
    const tail = records.slice(layout.from);
    for (let i = 0; i < tail.length; i += 10_000) {
      const chunk = tail.slice(i, i + 10_000);
      const batches = [];
      for (let j = 0; j < chunk.length; j += 100) {
        const b = chunk.slice(j, j + 100);
        batches.push({
          first: (b[0] as { seq: number }).seq,
          last: (b[b.length - 1] as { seq: number }).seq,
          events: b.map((r) => r.event),
        });
      }
      await page.evaluate(WRITE_WAL({ snapshot: i === 0 ? layout.snapshot : null, batches }));
    }
    const openMs: number[] = [];
    const sessionMs: number[] = [];
    const toRunning: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = Date.now();
      await page.goto('/paper?e2e=1');
      await page.waitForFunction(`${P} !== undefined && ${P}.view().status === 'running'`, null, {
        timeout: 30_000,
        polling: 10,
      });
      toRunning.push(Date.now() - t0);
      openMs.push((await page.evaluate(`${P}.openMs()`)) as number);
      const got = (await page.evaluate(
        `${P}.inspect().then((r) => ({ seq: r.durableSeq, ms: r.sessionOpenMs, balances: r.balances, orders: r.orders.map((o) => [o.request.clientOrderId, o.status, o.executedQty, o.cumQuote, o.fees]) }))`,
      )) as { seq: number; ms: number; balances: unknown[]; orders: unknown[] };
      sessionMs.push(got.ms);
      if (run === 0) {
        expect(got.seq).toBe(RECORDS);
        expect(got.orders).toEqual(want.orders);
        expect(got.balances).toEqual(want.balances);
      }
    }
    lines.push(
      `  ${layout.label}: PaperSession.open (WAL load + recovery) ${median(sessionMs).toFixed(0)} ms, worker start to running ${median(openMs).toFixed(0)} ms, navigation to a running engine ${median(toRunning)} ms (medians of ${openMs.length}; worker start ${openMs.map((x) => x.toFixed(0)).join(', ')} ms)`,
    );
    await ctx.close();
  }
  console.log(`paper start-up, ${want.orders.length} orders in the account:\n${lines.join('\n')}`);
});
