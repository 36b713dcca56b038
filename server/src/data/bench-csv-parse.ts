// Candle CSV parse speed: `npx tsx server/src/data/bench-csv-parse.ts [rows]`.
// The input is ../shared/data/btc-perp-2022-01-1m.csv repeated with shifted times up to `rows`
// (default 1 000 000) rows, or a synthetic 1m series when ../shared/data is absent (said so).
// Prints rows/s for the whole text at once and for 64 KiB chunks, without and with the file size
// as `sizeHint` (median of 7 runs).
import { existsSync, readFileSync } from 'node:fs';
import { createCandleCsvParser, parseCandleCsv } from '../../../engine-core/src/market';

const DATA = new URL('../../../../shared/data/btc-perp-2022-01-1m.csv', import.meta.url);
const M = 60_000;

function sourceRows(): { rows: string[]; label: string } {
  if (existsSync(DATA)) {
    const lines = readFileSync(DATA, 'utf8').trimEnd().split('\n').slice(1);
    return { rows: lines, label: 'btc-perp-2022-01-1m.csv, repeated with shifted times' };
  }
  const rows: string[] = [];
  for (let i = 0; i < 50_000; i++) {
    const o = (46_000 + Math.sin(i / 100) * 500).toFixed(1);
    rows.push(`${1_640_995_200_000 + i * M},${o},${o},${o},${o},${(1000 + (i % 97)).toFixed(4)}`);
  }
  return { rows, label: 'synthetic 1m rows (../shared/data absent)' };
}

function buildText(target: number): { text: string; label: string } {
  const { rows, label } = sourceRows();
  const span = rows.length * M + 10 * M;
  const out = ['open_time_ms,open,high,low,close,volume'];
  for (let k = 0; out.length <= target; k++) {
    for (const row of rows) {
      if (out.length > target) break;
      const comma = row.indexOf(',');
      out.push(`${Number(row.slice(0, comma)) + k * span}${row.slice(comma)}`);
    }
  }
  return { text: `${out.join('\n')}\n`, label };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const target = Number(process.argv[2] ?? 1_000_000);
const { text, label } = buildText(target);
const runs = { whole: [] as number[], chunked: [] as number[], hinted: [] as number[] };

/** Parses in 64 KiB chunks, as from a file stream; returns ms. */
function chunked(sizeHint: number | undefined): number {
  const t = performance.now();
  const p = createCandleCsvParser({ fileName: 'bench.csv', sizeHint });
  for (let i = 0; i < text.length; i += 65_536) p.push(text.slice(i, i + 65_536));
  const r = p.end();
  if (!r.ok) throw new Error(r.error);
  return performance.now() - t;
}
let rows = 0;
for (let run = 0; run < 8; run++) {
  const t = performance.now();
  const r = parseCandleCsv(text, { fileName: 'bench.csv' });
  const whole = performance.now() - t;
  if (!r.ok) throw new Error(r.error);
  rows = r.value.candles.length;
  const plain = chunked(undefined);
  const hinted = chunked(text.length);
  if (run > 0) {
    runs.whole.push(whole);
    runs.chunked.push(plain);
    runs.hinted.push(hinted);
  }
}
const mb = (text.length / 1e6).toFixed(1);
const rate = (ms: number): string => `${((rows / ms) * 1000 / 1e6).toFixed(2)} M rows/s`;
console.log(`input: ${rows} rows, ${mb} MB (${label}); node ${process.version}`);
console.log(`whole text:     ${median(runs.whole).toFixed(0)} ms, ${rate(median(runs.whole))}`);
console.log(`64 KiB chunks:  ${median(runs.chunked).toFixed(0)} ms, ${rate(median(runs.chunked))}`);
console.log(`  + sizeHint:   ${median(runs.hinted).toFixed(0)} ms, ${rate(median(runs.hinted))}`);
