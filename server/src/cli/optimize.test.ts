import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKTEST_CONFIG,
  evaluateParams,
  parseCandleCsv,
  type Summary,
  smaCross,
} from '../../../engine-core/src';

const CLI = join(import.meta.dirname, 'optimize.ts');
const DATA = join(import.meta.dirname, '../../../../shared/data/binance-btcusdt-1h.csv');
const dir = mkdtempSync(join(tmpdir(), 'veloz-optimize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

/** A small synthetic CSV (the CLI must work without ../shared). */
function sampleCsv(n: number): string {
  const rows = ['open_time_ms,open,high,low,close,volume'];
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    const c = o * (1 + Math.sin(i / 9) * 0.01 + Math.cos(i / 4) * 0.004);
    rows.push(
      `${1_699_999_200_000 + i * 3_600_000},${o},${Math.max(o, c) * 1.002},${Math.min(o, c) * 0.998},${c},10`,
    );
    p = c;
  }
  return `${rows.join('\n')}\n`;
}

interface OptimizeJson {
  metric: string;
  results: { params: Record<string, number>; summary: Summary }[];
  windows?: { params: Record<string, number> | null; summary: Summary }[];
  out_of_sample?: { bars: number; summary: Summary };
  [k: string]: unknown;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as OptimizeJson;

describe('npm run optimize', () => {
  const csv = join(dir, 'sample.csv');
  const text = sampleCsv(800);
  writeFileSync(csv, text);
  const parsed = parseCandleCsv(text, { fileName: 'sample.csv', symbol: 'SAMPLE' });
  if (!parsed.ok) throw new Error(parsed.error);
  const candles = parsed.value.candles;
  const grid = ['--grid', 'fast=2:10:2', '--grid', 'slow=12:30:6'];
  /** What a bad-argument case adds its flags to: a valid grid run, and a valid genetic one. */
  const gridRun = ['--data', csv, '--strategy', 'sma-cross', '--grid', 'fast=1:5:1'];
  const geneticRun = [...gridRun, '--method', 'genetic'];

  it('ranks a grid best first; each summary is the backtest of its params; 1 and 2 workers give the same bytes', () => {
    const one = join(dir, 'one.json');
    const two = join(dir, 'two.json');
    const a = run(
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      ...grid,
      '--workers',
      '1',
      '--json',
      one,
    );
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/sma-cross on SAMPLE 1h: 800 bars; grid of 20 .*; 1 worker\n/);
    expect(a.stdout).toMatch(/ranked by sharpe: 20 runs/);
    expect(a.stderr).toMatch(/optimize: 20\/20 in /);
    const b = run(
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      ...grid,
      '--workers',
      '2',
      '--metric',
      'sharpe',
      '--json',
      two,
    );
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(one, 'utf8')).toBe(readFileSync(two, 'utf8'));

    const j = readJson(one);
    expect(j.metric).toBe('sharpe');
    expect(j.results).toHaveLength(20);
    const sharpes = j.results.map((r) => r.summary.sharpe);
    expect(sharpes).toEqual([...sharpes].sort((x, y) => y - x));
    for (const r of j.results) {
      expect(Object.keys(r)).toEqual(['params', 'summary']);
      expect(r.summary).toEqual(
        evaluateParams(candles, smaCross, r.params, DEFAULT_BACKTEST_CONFIG),
      );
    }
  }, 120_000);

  it('random search: N sets, the same for the same seed; cost flags reach the backtests', () => {
    const out = (k: string) => join(dir, `random-${k}.json`);
    const args = (seed: string, file: string) => [
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      '--random',
      '12',
      '--seed',
      seed,
      '--grid',
      'fast=2:20:1',
      '--grid',
      'slow=10:60:1',
      '--metric',
      'max_drawdown',
      '--fee-bps',
      '5',
      '--slippage-bps',
      '3',
      '--initial-cash',
      '5000',
      '--json',
      file,
    ];
    expect(run(...args('7', out('a'))).status).toBe(0);
    expect(run(...args('7', out('b'))).status).toBe(0);
    expect(run(...args('8', out('c'))).status).toBe(0);
    expect(readFileSync(out('a'), 'utf8')).toBe(readFileSync(out('b'), 'utf8'));
    const a = readJson(out('a'));
    const c = readJson(out('c'));
    expect(a.results).toHaveLength(12);
    expect(a.results.map((r) => r.params)).not.toEqual(c.results.map((r) => r.params));
    expect(a.search).toMatchObject({ mode: 'random', samples: 12, seed: 7 });
    const dd = a.results.map((r) => r.summary.max_drawdown);
    expect(dd).toEqual([...dd].sort((x, y) => x - y)); // minimized
    const config = {
      initialCash: 5000,
      feeBps: 5,
      makerFeeBps: 5,
      slippageBps: 3,
      volumeCap: null,
    };
    expect(a.config).toEqual({ initial_cash: 5000, fee_bps: 5, maker_fee_bps: 5, slippage_bps: 3 });
    for (const r of a.results)
      expect(r.summary).toEqual(evaluateParams(candles, smaCross, r.params, config));
  }, 120_000);

  it('--method genetic: per-generation progress, ranked like the others, the same bytes for 1 and 2 workers', () => {
    const ga = [
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      '--grid',
      'fast=2:30:1',
      '--grid',
      'slow=10:60:2',
      '--method',
      'genetic',
      '--population',
      '12',
      '--generations',
      '6',
      '--elite',
      '1',
      '--seed',
      '5',
    ];
    const one = join(dir, 'ga1.json');
    const two = join(dir, 'ga2.json');
    const a = run(...ga, '--workers', '1', '--json', one);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(
      /genetic search of 754 combinations \(fast=2:30:1 slow=10:60:2; population 12, up to 6 generations, seed 5\); 1 worker\n/,
    );
    expect(a.stdout).toMatch(/genetic: \d+ generations?, \d+ runs of 754 combinations/);
    const gens = a.stderr.match(
      /^generation \d+\/6: best sharpe \S+, mean \S+, \d+ runs \(\+\d+\)$/gm,
    );
    expect(gens?.length ?? 0).toBeGreaterThan(0);
    expect(gens?.[0]).toMatch(/^generation 1\/6: .* 12 runs \(\+12\)$/);
    const b = run(...ga, '--workers', '2', '--json', two);
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(one, 'utf8')).toBe(readFileSync(two, 'utf8'));
    const j = readJson(one);
    const search = j.search as { mode: string; evaluations: number; generations: number };
    expect(search.mode).toBe('genetic');
    expect(search.generations).toBe(gens?.length);
    expect(j.results).toHaveLength(search.evaluations);
    expect(search.evaluations).toBeLessThanOrEqual(12 * 6);
    const sharpes = j.results.map((r) => r.summary.sharpe);
    expect(sharpes).toEqual([...sharpes].sort((x, y) => y - x));
    for (const r of j.results.slice(0, 5))
      expect(r.summary).toEqual(
        evaluateParams(candles, smaCross, r.params, DEFAULT_BACKTEST_CONFIG),
      );
  }, 120_000);

  it('walk-forward: windows, stitched out-of-sample summary, --min-trades', () => {
    const file = join(dir, 'wf.json');
    const r = run(
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      ...grid,
      '--walk-forward',
      '300:100:150',
      '--min-trades',
      '1',
      '--json',
      file,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/out-of-sample, stitched \(300 bars\)/);
    const j = readJson(file);
    // 800 bars, 300:100:150 → windows start at 0, 150, 300 (300 + 400 ≤ 800; 450 + 400 > 800).
    expect(j.windows).toHaveLength(3);
    expect(j.walk_forward).toEqual({
      in_sample_bars: 300,
      out_of_sample_bars: 100,
      step_bars: 150,
    });
    expect(j.out_of_sample?.bars).toBe(300);
    const growth = (j.windows ?? []).reduce((g, w) => g * (1 + w.summary.total_return), 1);
    expect(j.out_of_sample?.summary.total_return).toBeCloseTo(growth - 1, 12);
    for (const res of j.results) expect(res.summary.trades).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it.each([
    [['--strategy', 'sma-cross', '--grid', 'fast=1:2:1'], '--data FILE is required'],
    [
      ['--data', csv, '--grid', 'fast=1:2:1'],
      '--strategy NAME or --strategy-file PATH is required',
    ],
    [['--data', csv, '--strategy', 'nope', '--grid', 'fast=1:2:1'], 'unknown strategy "nope"'],
    [['--data', csv, '--strategy', 'sma-cross'], 'give --grid name=from:to:step'],
    [
      ['--data', csv, '--strategy', 'sma-cross', '--grid', 'fast=5:1:1'],
      '--grid "fast=5:1:1": from 5 > to 1',
    ],
    [['--data', csv, '--strategy', 'sma-cross', '--grid', 'fast=1:5'], 'a range has 3 parts'],
    [['--data', csv, '--strategy', 'sma-cross', '--grid', 'fast=0:5:1'], 'param fast: 0 < min 1'],
    [['--data', csv, '--strategy', 'sma-cross', '--grid', 'speed=1:5:1'], 'unknown param "speed"'],
    [[...gridRun, '--metric', 'sharp'], '--metric: unknown metric "sharp"'],
    [[...gridRun, '--workers', '0'], '--workers: 0 is outside'],
    [[...gridRun, '--seed', '3'], '--seed needs --random N'],
    [
      ['--data', csv, '--strategy', 'sma-cross', '--random', '2.5'],
      '--random: 2.5 is not an integer',
    ],
    [[...gridRun, '--walk-forward', '10'], '--walk-forward "10": want IS:OOS[:STEP]'],
    [
      [...gridRun, '--walk-forward', '700:200'],
      'walk-forward 700:200 needs at least 900 bars, the data has 800',
    ],
    [[...gridRun, '--resample', '7m'], '--resample: cannot resample 1h to 7m'],
    [
      ['--data', 'missing.csv', '--strategy', 'sma-cross', '--grid', 'fast=1:5:1'],
      'cannot read missing.csv',
    ],
    [[...gridRun, '--bogus'], 'unknown argument "--bogus"'],
    [
      [...geneticRun, '--population', '1'],
      '--method genetic: population size 1 is not an integer in 2…100000',
    ],
    [[...geneticRun, '--mutation-rate', '2'], '--mutation-rate: 2 is outside [0, 1]'],
    [[...geneticRun, '--crossover-rate', 'x'], '--crossover-rate: "x" is not a number'],
    [
      [...geneticRun, '--elite', '24'],
      '--method genetic: elite count 24 is not an integer in 0…23 (population − 1)',
    ],
    [[...geneticRun, '--tournament', '2.5'], '--tournament: 2.5 is not an integer'],
    [
      [...geneticRun, '--generations', '0'],
      '--method genetic: max generations 0 is not an integer in 1…100000',
    ],
    [
      [...geneticRun, '--early-stop', '3:a'],
      '--early-stop: "3:a": want N[:MIN_IMPROVEMENT] or off',
    ],
    [
      [...geneticRun, '--walk-forward', '100:50'],
      '--walk-forward runs a grid or random search, not --method genetic',
    ],
    [[...gridRun, '--population', '10'], '--population needs --method genetic'],
    [
      ['--data', csv, '--strategy', 'sma-cross', '--method', 'genetic'],
      '--method genetic searches the grid',
    ],
    [[...gridRun, '--method', 'annealing'], '--method: "annealing" is not grid, random or genetic'],
  ])(
    'bad arguments %j exit 2 with one line',
    (args, message) => {
      const r = run(...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    },
    60_000,
  );

  it('--strategy-file: workers compile the user file; a run that throws is reported, the others ranked', () => {
    const file = join(dir, 'fragile.ts');
    writeFileSync(
      file,
      [
        "import { defineStrategy, Sma } from 'veloz';",
        'export default defineStrategy({',
        "  name: 'fragile',",
        "  params: [{ name: 'k', type: 'int', default: 5, min: 2, max: 50, description: 'SMA bars' }],",
        '  create(p) {',
        '    const sma = new Sma(p.k as number);',
        '    return {',
        '      onBar(ctx) {',
        "        if (p.k === 6 && ctx.bar === 30) throw new Error('six fails');",
        '        const c = ctx.candles.close[ctx.bar] as number;',
        '        const m = sma.update(c);',
        "        if (ctx.position() === 0 && c > m) ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } });",
        '        else if (ctx.position() > 0 && c < m) ctx.closePosition();',
        '      },',
        '    };',
        '  },',
        '});',
      ].join('\n'),
    );
    const out = join(dir, 'fragile.json');
    const r = run(
      '--data',
      csv,
      '--strategy-file',
      file,
      '--grid',
      'k=4:8:1',
      '--workers',
      '2',
      '--json',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /1 run failed \(the strategy threw; left out\), first: \{"k":6\}: fragile\.ts:9:\d+: Error: six fails \(in onBar at bar 30\)/,
    );
    const json = readJson(out);
    expect(json.results.map((e) => e.params.k).sort()).toEqual([4, 5, 7, 8]);
    expect(json.failed).toEqual([
      { params: { k: 6 }, error: expect.stringMatching(/^fragile\.ts:9:\d+: Error: six fails/) },
    ]);
  }, 120_000);

  it('bad data exits 2 naming file and line', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'open_time_ms,open,high,low,close,volume\n1700000000000,100,101,99,100,5\n1700003600000,100,99,98,100,5\n',
    );
    const r = run('--data', bad, '--strategy', 'sma-cross', '--grid', 'fast=2:4:1');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.csv:3: /);
  }, 60_000);

  it.skipIf(!existsSync(DATA))(
    'runs on real candles (skipped without ../shared/data)',
    () => {
      const r = run(
        '--data',
        DATA,
        '--strategy',
        'sma-cross',
        '--grid',
        'fast=10,20',
        '--grid',
        'slow=50,100',
        '--min-trades',
        '5',
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/sma-cross on BTCUSDT 1h: 23988 bars; grid of 4/);
      expect(r.stderr).toMatch(/optimize: 4\/4 in /);
    },
    60_000,
  );
});
