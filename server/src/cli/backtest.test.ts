import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticSample } from '../../../engine-core/src/market';
import { fakeAggTrades } from '../../../engine-core/src/market/testing/fake-agg-trades';
import { startFakeBinanceKlines } from '../data/testing/fake-binance-klines';

const CLI = join(import.meta.dirname, 'backtest.ts');
const DATA = join(import.meta.dirname, '../../../../shared/data/binance-btcusdt-1h.csv');
const dir = mkdtempSync(join(tmpdir(), 'veloz-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });

/** A small synthetic CSV (the CLI must work without ../shared). */
function sampleCsv(n: number): string {
  const rows = ['open_time_ms,open,high,low,close,volume'];
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    const c = o * (1 + Math.sin(i / 7) * 0.01 + Math.cos(i / 3) * 0.004);
    rows.push(
      `${1_699_999_200_000 + i * 3_600_000},${o},${Math.max(o, c) * 1.002},${Math.min(o, c) * 0.998},${c},10`,
    );
    p = c;
  }
  return `${rows.join('\n')}\n`;
}

describe('npm run backtest', () => {
  const csv = join(dir, 'sample.csv');
  writeFileSync(csv, sampleCsv(600));

  it('prints the summary and writes byte-identical JSON on a second run, plus a self-contained HTML', () => {
    const a = run(
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=5',
      '--json',
      join(dir, 'a.json'),
      '--html',
      join(dir, 'a.html'),
    );
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/sma-cross fast=5 slow=30 on SAMPLE 1h: 600 bars/);
    expect(a.stdout).toMatch(/sharpe/);
    const b = run(
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=5',
      '--json',
      join(dir, 'b.json'),
    );
    expect(b.status).toBe(0);
    const ja = readFileSync(join(dir, 'a.json'), 'utf8');
    expect(ja).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    const report = JSON.parse(ja);
    expect(report).toMatchObject({
      version: 1,
      strategy: 'sma-cross',
      params: { fast: 5, slow: 30 },
      config: { initial_cash: 10000, fee_bps: 10, maker_fee_bps: 10, slippage_bps: 0 },
    });
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  }, 120_000);

  it.each([
    [['--strategy', 'sma-cross'], '--data FILE is required'],
    [['--data', 'missing.csv', '--strategy', 'sma-cross'], 'cannot read missing.csv'],
    [['--data', 'x.csv', '--strategy', 'nope'], 'unknown strategy "nope"'],
    [
      ['--data', 'x.csv', '--strategy', 'sma-cross', '--param', 'fast=abc'],
      'param fast: "abc" is not a number',
    ],
    [['--data', 'x.csv', '--strategy', 'sma-cross', '--fee-bps', '-1'], '--fee-bps: -1 is outside'],
    [['--data', 'x.csv', '--strategy', 'sma-cross', '--bogus'], 'unknown argument "--bogus"'],
  ])(
    'bad arguments %j exit 2 with one line',
    (args, message) => {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    },
    60_000,
  );

  it('--strategy-file runs a TypeScript strategy: a copy of sma-cross prints the built-in’s summary', () => {
    const file = join(dir, 'my-cross.ts');
    writeFileSync(
      file,
      `import { defineStrategy, Sma } from 'veloz';
export const strategy = defineStrategy({
  name: 'sma-cross',
  description: 'user copy',
  params: [
    { name: 'fast', type: 'int', default: 10, description: 'fast' },
    { name: 'slow', type: 'int', default: 30, description: 'slow' },
  ],
  create(p) {
    const fast = new Sma(p.fast as number);
    const slow = new Sma(p.slow as number);
    let pf = NaN;
    let ps = NaN;
    return {
      onBar(ctx) {
        const c = ctx.candles.close[ctx.bar] as number;
        const f = fast.update(c);
        const s = slow.update(c);
        if (ctx.position() === 0 && f > s && pf <= ps) ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } });
        else if (ctx.position() > 0 && f < s && pf >= ps) ctx.closePosition();
        pf = f;
        ps = s;
      },
    };
  },
});
`,
    );
    const mine = run(
      '--data',
      csv,
      '--strategy-file',
      file,
      '--param',
      'fast=5',
      '--param',
      'slow=12',
    );
    const ref = run(
      '--data',
      csv,
      '--strategy',
      'sma-cross',
      '--param',
      'fast=5',
      '--param',
      'slow=12',
    );
    expect(mine.status, mine.stderr).toBe(0);
    expect(ref.status, ref.stderr).toBe(0);
    expect(mine.stdout).toBe(ref.stdout);
    expect(mine.stdout).toMatch(/trades/i);
  }, 60_000);

  it('a strategy file that throws exits 2 with file:line and the message; a broken one too', () => {
    const file = join(dir, 'thrower.ts');
    writeFileSync(
      file,
      [
        "import { defineStrategy } from 'veloz';",
        'export default defineStrategy({',
        "  name: 'thrower',",
        '  params: [],',
        '  create: () => ({',
        '    onBar(ctx) {',
        "      if (ctx.bar === 42) throw new Error('no more bars for me');",
        '    },',
        '  }),',
        '});',
      ].join('\n'),
    );
    const r = run('--data', csv, '--strategy-file', file);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^error: strategy failed: thrower\.ts:7:\d+: Error: no more bars for me \(in onBar at bar 42\)$/,
    );
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, 'export default {\n  name: "x",,\n};\n');
    const b = run('--data', csv, '--strategy-file', broken);
    expect(b.status).toBe(2);
    expect(b.stderr.trim()).toMatch(/^error: broken\.ts:2:\d+: /);
    const both = run('--data', csv, '--strategy', 'sma-cross', '--strategy-file', broken);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/not both/);
  }, 60_000);

  it('bad data exits 2 naming file and line', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'open_time_ms,open,high,low,close,volume\n1700000000000,100,101,99,100,5\n1700003600000,100,99,98,100,5\n',
    );
    const r = run('--data', bad, '--strategy', 'sma-cross');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:3: /);
  }, 60_000);

  it.skipIf(!existsSync(DATA))(
    'runs on real candles (skipped without ../shared/data)',
    () => {
      const r = run('--data', DATA, '--strategy', 'sma-cross', '--slippage-bps', '5');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/BTCUSDT 1h: 23988 bars, 5 gaps/);
    },
    60_000,
  );
});

/** The CLI without blocking this process (a fake server here must answer it). */
function runAsync(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI, ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += String(d);
    });
    p.stderr.on('data', (d) => {
      stderr += String(d);
    });
    p.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('npm run backtest: the seed layout and the data sources', () => {
  const csv = join(dir, 'sources.csv');
  writeFileSync(csv, sampleCsv(400));

  it('--json-layout seed writes our numbers in the seed’s fields, ns times exact', () => {
    const common = ['--data', csv, '--strategy', 'ma-crossover', '--param', 'fast_period=5'];
    const ours = run(...common, '--json', join(dir, 'ours.json'));
    const seed = run(...common, '--json', join(dir, 'seed.json'), '--json-layout', 'seed');
    expect(ours.status, ours.stderr).toBe(0);
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stdout).toBe(ours.stdout);
    const o = JSON.parse(readFileSync(join(dir, 'ours.json'), 'utf8'));
    const text = readFileSync(join(dir, 'seed.json'), 'utf8');
    const s = JSON.parse(text);
    expect(text).toContain('"start_time": 1699999200000000000,');
    expect(s).toMatchObject({
      strategy_name: 'ma-crossover',
      symbol: o.symbol,
      initial_balance: o.config.initial_cash,
      final_balance: o.summary.final_equity,
      total_return: o.summary.total_return,
      max_drawdown: o.summary.max_drawdown,
      sharpe_ratio: o.summary.sharpe,
      win_rate: o.summary.win_rate,
      profit_factor: o.summary.profit_factor,
      trade_count: o.summary.trades,
      avg_win: o.summary.avg_win,
      avg_lose: o.summary.avg_loss,
    });
    expect(s.trade_count).toBeGreaterThan(0);
    expect(s.equity_curve.map((p: { equity: number }) => p.equity)).toEqual(
      o.equity.map((p: [number, number]) => p[1]),
    );
    expect(
      s.trades.filter((t: { pnl: number }) => t.pnl !== 0).map((t: { pnl: number }) => t.pnl),
    ).toEqual(o.trades.map((t: { pnl: number }) => t.pnl));
  }, 120_000);

  it('--source csv reads the seed’s headerless kline layout with ns times like the canonical file', () => {
    const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    const seedCsv = join(dir, 'seed-layout.csv');
    writeFileSync(seedCsv, `${lines.map((l) => l.replace(/^(\d+),/, '$1000000,')).join('\n')}\n`);
    const a = run('--source', 'csv', '--data', seedCsv, '--strategy', 'rsi', '--symbol', 'SOURCES');
    const b = run('--data', csv, '--strategy', 'rsi');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  }, 120_000);

  it('--data-type trade makes bars of --interval from a CSV of trades', () => {
    // Three trades an hour for 300 hours: the seed's headerless timestamp,price,qty, ns times.
    const rows: string[] = [];
    const c = syntheticSample({ bars: 300, seed: 9 });
    for (let i = 0; i < c.length; i++) {
      const t = c.time[i] as number;
      rows.push(`${t}000000,${c.open[i]},1`, `${t + 1_000}000000,${c.high[i]},1`);
      rows.push(`${t + 2_000}000000,${c.low[i]},1`, `${t + 3_599_999}000000,${c.close[i]},1`);
    }
    const trades = join(dir, 'trades.csv');
    writeFileSync(trades, `${rows.join('\n')}\n`);
    const r = run(
      '--data',
      trades,
      '--data-type',
      'trade',
      '--interval',
      '1h',
      '--strategy',
      'bollinger',
      '--symbol',
      'SYNTH-BTCUSDT',
    );
    // The same bars as the generator's: the same summary as the generator run.
    const g = run(
      '--source',
      'synthetic',
      '--bars',
      '300',
      '--seed',
      '9',
      '--strategy',
      'bollinger',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(g.status, g.stderr).toBe(0);
    expect(r.stdout).toMatch(/SYNTH-BTCUSDT 1h: 300 bars/);
    // Volumes differ (4 per bar from trades); prices, fills and metrics do not.
    expect(r.stdout).toBe(g.stdout);
  }, 120_000);

  it('--source synthetic is seeded and reports its gaps', () => {
    const args = ['--source', 'synthetic', '--bars', '2000', '--seed', '4', '--gap-rate', '0.01'];
    const a = run(...args, '--strategy', 'ma-crossover');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/SYNTH-BTCUSDT 1h: 2000 bars, [1-9]\d* gaps/);
    expect(run(...args, '--strategy', 'ma-crossover').stdout).toBe(a.stdout);
  }, 120_000);

  it('--source binance downloads through --base-url into --cache-dir', async () => {
    const candles = syntheticSample({ bars: 1_500, seed: 2, symbol: 'BTCUSDT' });
    const fake = await startFakeBinanceKlines({ candles });
    try {
      const start = candles.time[0] as number;
      const end = start + 1_500 * 3_600_000;
      const args = ['--source', 'binance', '--symbol', 'BTCUSDT', '--interval', '1h'];
      const r = await runAsync(
        ...args,
        '--start',
        String(start),
        '--end',
        String(end),
        '--base-url',
        fake.baseUrl,
        '--cache-dir',
        join(dir, 'klines'),
        '--strategy',
        'rsi',
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/ on BTCUSDT 1h: 1500 bars\n/);
      expect(fake.seen.length).toBe(2);
      expect(existsSync(join(dir, 'klines', 'BTCUSDT-1h.csv'))).toBe(true);
    } finally {
      await fake.close();
    }
  }, 120_000);

  it('--source binance --data-type trade makes bars from aggTrades through --base-url', async () => {
    // Four trades an hour (open, high, low, close) of 30 generated bars, on a fake aggTrades.
    const c = syntheticSample({ bars: 30, seed: 8 });
    const tape: { a: number; p: string; q: string; T: number }[] = [];
    for (let i = 0; i < c.length; i++) {
      const t = c.time[i] as number;
      for (const [dt, px] of [
        [0, c.open[i]],
        [1_000, c.high[i]],
        [2_000, c.low[i]],
        [3_599_000, c.close[i]],
      ] as const)
        tape.push({ a: tape.length + 1, p: String(px), q: '1', T: t + dt });
    }
    const fake = fakeAggTrades(tape);
    const server = createServer((req, res) => {
      void fake.http(`http://fake${req.url ?? '/'}`, {}).then((r) => {
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(r.body);
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const port = (server.address() as AddressInfo).port;
      const start = String(c.time[0]);
      const end = String((c.time[0] as number) + 30 * 3_600_000);
      const common = ['--strategy', 'rsi', '--param', 'period=3'];
      const download = [
        ...['--source', 'binance', '--data-type', 'trade', '--interval', '1h', '--symbol', 'SYNTH'],
        ...['--start', start, '--end', end, '--base-url', `http://127.0.0.1:${port}`],
        ...['--cache-dir', join(dir, 'trade-cache')],
      ];
      const r = await runAsync(...download, ...common);
      expect(r.status, r.stderr).toBe(0);
      expect(fake.seen.length).toBe(30);
      // The bars are cached: a second run asks for nothing and prints the same report.
      const again = await runAsync(...download, ...common);
      expect(again.status, again.stderr).toBe(0);
      expect(fake.seen.length).toBe(30);
      expect(again.stdout).toBe(r.stdout);
      const g = run(
        '--source',
        'synthetic',
        '--bars',
        '30',
        '--seed',
        '8',
        '--symbol',
        'SYNTH',
        ...common,
      );
      expect(r.stdout).toBe(g.stdout);
    } finally {
      await new Promise((done) => server.close(done));
    }
  }, 120_000);

  it.each([
    [
      ['--json-layout', 'xml', '--json', 'o.json'],
      '--json-layout: "xml" is not one of veloz, seed',
    ],
    [['--json-layout', 'seed'], '--json-layout needs --json OUT'],
    [['--source', 'ftp'], '--source: "ftp" is not one of csv, synthetic, binance'],
    [['--data-type', 'book'], '--data-type: "book" is not one of kline, trade'],
    [['--source', 'synthetic', '--data', 'x.csv'], '--data is for --source csv, not synthetic'],
    [['--source', 'synthetic', '--data-type', 'trade'], '--source synthetic makes klines only'],
    [['--source', 'synthetic', '--interval', '7x'], '--interval: "7x" is not an interval'],
    [['--source', 'binance', '--start', '2024-01-01'], '--source binance needs --symbol'],
    [['--source', 'binance', '--symbol', 'BTCUSDT'], '--source binance needs --start'],
    [
      [
        '--source',
        'binance',
        '--symbol',
        'BTCUSDT',
        '--data-type',
        'trade',
        '--start',
        '2024-01-02',
        '--end',
        '2024-01-01',
      ],
      '--start must be before --end',
    ],
    [['--data', 'x.csv', '--bars', '10'], '--bars is for --source synthetic, not csv'],
  ])(
    'bad source or layout flags %j exit 2 with one line',
    (args, message) => {
      const r = run('--strategy', 'rsi', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    },
    60_000,
  );
});
