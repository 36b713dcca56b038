import { describe, expect, it } from 'vitest';
import { symbolId } from '../../model';
import { sharedData } from '../../testing/shared-data';
import { BookSync, OrderBook } from '../book';
import { parseBinanceStreamMessage } from './parse-binance-stream';

const data = sharedData('the recorded Binance depth streams');
const FILES = [
  'binance-ws/binanceus-btcusdt-depth-diffs-contiguous12.jsonl',
  'binance-ws/binanceus-btcusdt-depth-diffs-3sessions.jsonl',
];

describe.skipIf(!data.available)(
  'recorded Binance.US depth diffs (../shared/data/binance-ws)',
  () => {
    it.each(FILES)(
      '%s: every message parses, and BookSync finds exactly the breaks in U/u',
      (file) => {
        const lines = data
          .text(file)
          .split('\n')
          .filter((l) => l.trim() !== '');
        // Independently: where does U fail to follow the previous u + 1? (read from the raw JSON)
        const raw = lines.map(
          (l) => JSON.parse(l) as { U: number; u: number; b: unknown[]; a: unknown[] },
        );
        const breaks = raw.flatMap((m, i) =>
          i > 0 && m.U !== (raw[i - 1]?.u as number) + 1 ? [i] : [],
        );

        const sync = new BookSync(new OrderBook(symbolId('BTCUSDT')));
        const gaps: number[] = [];
        let levels = 0;
        lines.forEach((line, i) => {
          const p = parseBinanceStreamMessage(line, 0);
          if (!p.ok) throw new Error(`${file}:${i + 1}: ${p.error}`);
          const u = p.value;
          if (u.kind !== 'depth') throw new Error(`${file}:${i + 1}: not a depth update`);
          expect([u.firstUpdateId, u.lastUpdateId]).toEqual([raw[i]?.U, raw[i]?.u]);
          expect((u.bids.length + u.asks.length) / 2).toBe(
            (raw[i]?.b.length ?? 0) + (raw[i]?.a.length ?? 0),
          );
          levels += (u.bids.length + u.asks.length) / 2;
          const d = {
            firstUpdateId: u.firstUpdateId,
            lastUpdateId: u.lastUpdateId,
            bids: u.bids,
            asks: u.asks,
          };
          // No REST snapshot was recorded: an empty one just before the first diff (and after each
          // gap, just before the diff that broke the chain) stands in for it.
          if (sync.state === 'awaiting_snapshot') {
            sync.onDiff(d);
            expect(
              sync.onSnapshot({ lastUpdateId: u.firstUpdateId - 1, bids: [], asks: [] }),
            ).not.toBe('gap');
            return;
          }
          const outcome = sync.onDiff(d);
          if (outcome === 'gap') gaps.push(i);
          else expect(['applied', 'crossed']).toContain(outcome);
        });
        expect(gaps).toEqual(breaks);
        expect(levels).toBeGreaterThan(100);
      },
    );
  },
);
