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

/** Wall and CPU (user + system) ms of one call. */
function timed(f: () => number): { wall: number; cpu: number; rows: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, rows };
}

const whole = (): number => {
  const r = parseCandleCsv(text, { fileName: 'bench.csv' });
  if (!r.ok) throw new Error(r.error);
  return r.value.candles.length;
};

/** 64 KiB chunks, as from a file stream. */
const chunked = (sizeHint: number | undefined) => (): number => {
  const p = createCandleCsvParser({ fileName: 'bench.csv', sizeHint });
  for (let i = 0; i < text.length; i += 65_536) p.push(text.slice(i, i + 65_536));
  const r = p.end();
  if (!r.ok) throw new Error(r.error);
  return r.value.candles.length;
};

const cases: [string, () => number][] = [
  ['whole text      ', whole],
  ['64 KiB chunks   ', chunked(undefined)],
  ['  + sizeHint    ', chunked(text.length)],
];
const results = cases.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
let rows = 0;
for (let run = 0; run < 8; run++) {
  cases.forEach(([, f], k) => {
    const r = timed(f);
    rows = r.rows;
    if (run > 0) {
      results[k]?.wall.push(r.wall);
      results[k]?.cpu.push(r.cpu);
    }
  });
}
const rate = (ms: number): string => `${(((rows / ms) * 1000) / 1e6).toFixed(2)} M rows/s`;
console.log(
  `input: ${rows} rows, ${(text.length / 1e6).toFixed(1)} MB (${label}); node ${process.version}`,
);
cases.forEach(([name], k) => {
  const wall = median(results[k]?.wall ?? []);
  const cpu = median(results[k]?.cpu ?? []);
  console.log(
    `${name} wall ${wall.toFixed(0)} ms = ${rate(wall)}; cpu ${cpu.toFixed(0)} ms = ${rate(cpu)}`,
  );
});
