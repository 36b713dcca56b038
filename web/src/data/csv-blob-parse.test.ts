import { describe, expect, it } from 'vitest';
import { parseCandleCsv } from '../../../engine-core/src/market';
import { PARSE_CANCELLED, parseCandleBlob } from './csv-blob-parse';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** `n` hourly rows in the canonical layout; `bad` maps a 0-based row to a replacement line. */
function csv(n: number, bad: Record<number, string> = {}): string {
  const lines = ['open_time_ms,open,high,low,close,volume'];
  for (let i = 0; i < n; i++) {
    const o = 100 + (i % 17) * 0.5;
    lines.push(bad[i] ?? `${T0 + i * H},${o},${o + 2},${o - 1},${o + 0.25},${i + 0.5}`);
  }
  return `${lines.join('\n')}\n`;
}

const blobOf = (text: string) => new Blob([text], { type: 'text/csv' });

describe('parseCandleBlob', () => {
  it('gives what the one-shot parser gives, whatever the chunk size', async () => {
    const text = csv(500, { 7: `${T0 + 7 * H},1,2,3,4,5`, 300: 'é,ü,€,x,y,z' });
    const whole = parseCandleCsv(text, { fileName: 'a.csv', skipBadRows: true });
    expect(whole.ok).toBe(true);
    for (const chunkBytes of [1, 3, 7, 64, 1000, 1 << 20]) {
      const r = await parseCandleBlob(
        blobOf(text),
        { fileName: 'a.csv', skipBadRows: true },
        { chunkBytes },
      );
      expect(r).toEqual(whole);
    }
  });

  it('keeps a multi-byte character whole across a chunk boundary', async () => {
    // The bad row's reason quotes its text: a split "€" would show as U+FFFD.
    const text = csv(3, { 1: `${T0 + H},€€€,2,1,1,1` });
    for (const chunkBytes of [1, 2, 5]) {
      const r = await parseCandleBlob(blobOf(text), { fileName: 'u.csv' }, { chunkBytes });
      expect(r).toEqual({ ok: false, error: 'u.csv:3: open "€€€" is not a number' });
    }
  });

  it('strips a BOM and stops at the first bad row in strict mode', async () => {
    const r = await parseCandleBlob(blobOf(`\uFEFF${csv(10, { 4: 'oops' })}`), {
      fileName: 'b.csv',
    });
    expect(r).toEqual({ ok: false, error: 'b.csv:6: expected 6 columns, got 1' });
  });

  it('reports progress up to the size and pauses between steps only', async () => {
    const text = csv(200);
    const blob = blobOf(text);
    const seen: number[] = [];
    let pauses = 0;
    const r = await parseCandleBlob(
      blob,
      { fileName: 'p.csv' },
      {
        chunkBytes: 1024,
        onProgress: (done, total) => {
          expect(total).toBe(blob.size);
          seen.push(done);
        },
        pause: async () => {
          pauses++;
        },
      },
    );
    expect(r.ok && r.value.candles.length).toBe(200);
    const steps = Math.ceil(blob.size / 1024);
    expect(seen).toHaveLength(steps);
    expect(seen.at(-1)).toBe(blob.size);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(pauses).toBe(steps - 1);
  });

  it('stops when cancelled', async () => {
    let steps = 0;
    const r = await parseCandleBlob(
      blobOf(csv(300)),
      { fileName: 'c.csv' },
      { chunkBytes: 100, isCancelled: () => ++steps > 3 },
    );
    expect(r).toEqual({ ok: false, error: PARSE_CANCELLED });
    expect(steps).toBe(4);
  });

  it('says an empty file is empty', async () => {
    const r = await parseCandleBlob(blobOf(''), { fileName: 'e.csv' });
    expect(r).toEqual({ ok: false, error: 'e.csv: empty file (no header and no rows)' });
  });
});
