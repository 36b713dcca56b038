import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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
