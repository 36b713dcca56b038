import { availableParallelism, loadavg } from 'node:os';
import { BookSync, OrderBook, parseBinanceStreamMessage, symbolId } from '../../../engine-core/src';
import {
  depthUpdateJson,
  envelope,
} from '../../../engine-core/src/market/feed/testing/binance-wire';
import { SyntheticDepth } from '../../../engine-core/src/market/feed/testing/synthetic-depth';

const REPRODUCE = '  reproduce: npm run bench -- book';
const RUNS = 5;
const LEVELS = 1000;
const DIFFS = 200_000;
const FLOOR = 2_000_000;

const M = (x: number) => `${(x / 1e6).toFixed(2)} M`;
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Diff {
  readonly bids: number[];
  readonly asks: number[];
}

/**
 * The diffs of a synthetic 1000-level book (`SyntheticDepth`: updates and deletes hit level k from
 * the top with geometrically falling odds, inserts land within 27 ticks of the best) and their mix.
 */
function makeDiffs(): {
  initial: [number[], number[]];
  diffs: Diff[];
  mix: string;
  levelUpdates: number;
} {
  const gen = new SyntheticDepth({ seed: 20_250_615, levels: LEVELS });
  const initial: [number[], number[]] = [gen.levels('bid'), gen.levels('ask')];
  // Classify each change against a plain copy of the book as it goes.
  const present = [new Set<number>(), new Set<number>()];
  for (let i = 0; i < initial[0].length; i += 2) present[0]?.add(initial[0][i] as number);
  for (let i = 0; i < initial[1].length; i += 2) present[1]?.add(initial[1][i] as number);
  let updates = 0;
  let inserts = 0;
  let deletes = 0;
  const diffs: Diff[] = [];
  for (let k = 0; k < DIFFS; k++) {
    const d = gen.nextDiff();
    diffs.push(d);
    for (const [s, levels] of [
      [0, d.bids],
      [1, d.asks],
    ] as const) {
      const set = present[s] as Set<number>;
      for (let i = 0; i < levels.length; i += 2) {
        const p = levels[i] as number;
        if (levels[i + 1] === 0) {
          deletes++;
          set.delete(p);
        } else if (set.has(p)) updates++;
        else {
          inserts++;
          set.add(p);
        }
      }
    }
  }
  const total = updates + inserts + deletes;
  const pct = (n: number) => `${((100 * n) / total).toFixed(0)}%`;
  return {
    initial,
    diffs,
    levelUpdates: total,
    mix: `${pct(updates)} quantity updates, ${pct(inserts)} inserts, ${pct(deletes)} deletes; updates/deletes at level k from the top, P(k) geometric (mean ≈ 3.5), inserts within 27 ticks of the best`,
  };
}

/** Seconds of this process's CPU time (user + system) so far. */
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Level updates per second (of wall time, and of this process's CPU time, which a busy machine
 * does not dilute) applying every diff to a fresh copy of the initial book.
 */
function applyRate(
  initial: [number[], number[]],
  diffs: readonly Diff[],
  levelUpdates: number,
): { wall: number; cpu: number } {
  const book = new OrderBook(symbolId('BTCUSDT'), 2048);
  book.load(initial[0], initial[1], 1);
  const c0 = cpuSeconds();
  const t0 = performance.now();
  for (let i = 0; i < diffs.length; i++) {
    const d = diffs[i] as Diff;
    book.applyLevels(d.bids, d.asks);
  }
  const s = (performance.now() - t0) / 1000;
  const c = cpuSeconds() - c0;
  if (book.isCrossed()) throw new Error('bench book crossed: the generator is wrong');
  return { wall: levelUpdates / s, cpu: levelUpdates / c };
}

/** depthUpdate messages per second through parse + BookSync.onDiff. */
function syncRate(initial: [number[], number[]], messages: readonly string[]): number {
  const sync = new BookSync(new OrderBook(symbolId('BTCUSDT'), 2048));
  sync.onSnapshot({ lastUpdateId: 1, bids: initial[0], asks: initial[1] });
  const t0 = performance.now();
  for (let i = 0; i < messages.length; i++) {
    const r = parseBinanceStreamMessage(messages[i] as string, 0);
    if (!r.ok || r.value.kind !== 'depth' || sync.onDiff(r.value) !== 'applied') {
      throw new Error(`bench message ${i} not applied: ${r.ok ? r.value.kind : r.error}`);
    }
  }
  return messages.length / ((performance.now() - t0) / 1000);
}

/** Prints the `book` section. */
export function printBookSection(): void {
  const { initial, diffs, mix, levelUpdates } = makeDiffs();
  // Warm-up (JIT), then the measured runs.
  applyRate(initial, diffs.slice(0, 20_000), 1);
  const runs = Array.from({ length: RUNS }, () => applyRate(initial, diffs, levelUpdates));
  const rates = runs.map((r) => r.wall);
  const rate = median(rates);
  const cpuRate = median(runs.map((r) => r.cpu));
  console.log(
    `[book] order-book diff apply, ${LEVELS}-level book per side, ${diffs.length.toLocaleString('en-US')} diffs = ${levelUpdates.toLocaleString('en-US')} level updates, ${RUNS} runs`,
  );
  console.log(`  mix: ${mix}`);
  console.log(
    `  median ${M(rate)} updates/s   (runs: ${rates.map((r) => (r / 1e6).toFixed(2)).join(', ')} M/s); per CPU second ${M(cpuRate)}; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
  );
  console.log(`  floor: ≥ 2 M updates/s (median) → ${rate >= FLOOR ? 'met' : 'NOT MET'}`);

  const n = 50_000;
  const messages: string[] = [];
  let id = 1;
  let levels = 0;
  for (let i = 0; i < n; i++) {
    const d = diffs[i] as Diff;
    levels += (d.bids.length + d.asks.length) / 2;
    const U = id + 1;
    id += 1 + (i % 3);
    messages.push(
      envelope(
        'btcusdt@depth@100ms',
        depthUpdateJson({
          symbol: 'BTCUSDT',
          eventTime: 1_700_000_000_000 + i * 100,
          U,
          u: id,
          bids: d.bids,
          asks: d.asks,
        }),
      ),
    );
  }
  const bytes = messages.reduce((s, m) => s + m.length, 0);
  syncRate(initial, messages.slice(0, 20_000));
  const syncRates: number[] = [];
  for (let k = 0; k < RUNS; k++) syncRates.push(syncRate(initial, messages));
  const msgRate = median(syncRates);
  console.log(
    `[book] BookSync end to end: combined-stream depthUpdate JSON → parse → sequence check → apply, ${n.toLocaleString('en-US')} messages (${(levels / n).toFixed(1)} levels, ${Math.round(bytes / n)} bytes each), ${RUNS} runs`,
  );
  console.log(
    `  median ${Math.round(msgRate).toLocaleString('en-US')} messages/s = ${M((msgRate * levels) / n)} level updates/s   (runs: ${syncRates.map((r) => Math.round(r / 1000)).join(', ')} k msg/s)`,
  );
  console.log(`${REPRODUCE}\n`);
}
