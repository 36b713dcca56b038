import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Candles, syntheticSample } from '../../../engine-core/src/market';
import { CliError, parseArgs } from './cli-args';
import { DATA_SOURCE_FLAGS, loadBars } from './data-source';

/** `loadBars` on a command line, as the CLIs parse it. */
async function load(...argv: string[]) {
  const parsed = parseArgs(argv, [...DATA_SOURCE_FLAGS, '--symbol', '--data']);
  if (!parsed.ok) throw new Error(parsed.error);
  return loadBars(parsed.value);
}

/** The CliError message of a command line, or null when it loads. */
async function cliError(...argv: string[]): Promise<string | null> {
  try {
    await load(...argv);
    return null;
  } catch (e) {
    if (e instanceof CliError) return e.message;
    throw e;
  }
}

const closes = (c: Candles) => Array.from(c.close);
const SYN = ['--source', 'synthetic', '--bars', '3000', '--seed', '5'];

describe('--source synthetic regime flags', () => {
  it('without them: the generator defaults (the bundled sample’s process)', async () => {
    const { candles } = await load(...SYN);
    expect(closes(candles)).toEqual(closes(syntheticSample({ bars: 3_000, seed: 5 })));
  });

  it('--trend, --volatility, --regime-switch and --regimes reach the generator', async () => {
    const { candles } = await load(
      ...SYN,
      '--trend',
      '0.0001',
      '--volatility',
      '2.5',
      '--regime-switch',
      '0.02',
      '--regimes',
      '0.0002:0.006, -0.0003:0.01',
    );
    const want = syntheticSample({
      bars: 3_000,
      seed: 5,
      trend: 0.0001,
      volatilityScale: 2.5,
      regimeSwitchRate: 0.02,
      regimes: [
        { drift: 0.0002, vol: 0.006 },
        { drift: -0.0003, vol: 0.01 },
      ],
    });
    expect(closes(candles)).toEqual(closes(want));
    // And they matter: not the default bars.
    expect(closes(candles)).not.toEqual(closes(syntheticSample({ bars: 3_000, seed: 5 })));
  });

  it('--volatility 3 triples the realized vol of one never-left regime', async () => {
    const one = ['--regimes', '0:0.004', '--regime-switch', '0', '--bars', '20001'];
    const base = (await load('--source', 'synthetic', ...one)).candles;
    const x3 = (await load('--source', 'synthetic', ...one, '--volatility', '3')).candles;
    const sd = (c: Candles) => {
      const r: number[] = [];
      for (let i = 1; i < c.length; i++)
        r.push(Math.log((c.close[i] as number) / (c.close[i - 1] as number)));
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      return Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1));
    };
    // Per-bar vol 0.012 within 4 SE (σ/√(2n)); the same draws, so the ratio is 3 up to cents.
    expect(Math.abs(sd(x3) - 0.012)).toBeLessThan((4 * 0.012) / Math.sqrt(40_000));
    expect(sd(x3) / sd(base)).toBeCloseTo(3, 3);
  });

  it.each([
    [['--trend', 'up'], '--trend: "up" is not a number'],
    [['--trend', '0.2'], '--trend: 0.2 is outside [-0.05, 0.05]'],
    [['--volatility', '0'], '--volatility: 0 is not above 0'],
    [['--volatility', '-1'], '--volatility: -1 is outside [0, 100]'],
    [['--volatility', '101'], '--volatility: 101 is outside [0, 100]'],
    [['--volatility', '50'], '--volatility: 50 makes regimes[2] vol 0.6, above 0.5 per bar'],
    [
      ['--trend', '0.05', '--regimes', '0.001:0.01'],
      '--trend: 0.05 makes regimes[0] drift 0.051, outside [-0.05, 0.05] per bar',
    ],
    [['--regime-switch', '1.5'], '--regime-switch: 1.5 is outside [0, 1]'],
    [['--regime-switch', ''], '--regime-switch: "" is not a number'],
    [['--regimes', ''], '--regimes: no regimes; want drift:vol, …'],
    [['--regimes', '0.001:0.01, 0.002'], '--regimes: item 2 "0.002": want drift:vol'],
    [['--regimes', '0.001:0.01,x:0.02'], '--regimes: item 2 "x:0.02": drift: "x" is not a number'],
    [['--regimes', '0.001:-0.01'], '--regimes: item 1 "0.001:-0.01": vol: -0.01 is not above 0'],
    [['--regimes', '0:0.01', '--regimes', '0:0.02'], '--regimes given 2 times'],
  ])('%j: %s', async (flags, message) => {
    expect(await cliError(...SYN, ...flags)).toBe(message);
  });

  it.each(['--trend', '--volatility', '--regime-switch', '--regimes'])(
    '%s is for --source synthetic only',
    async (flag) => {
      expect(await cliError('--data', 'x.csv', flag, '1')).toBe(
        `${flag} is for --source synthetic, not csv`,
      );
    },
  );

  it('npm run backtest: a bad --regimes exits 2 with one line; good flags run', () => {
    const cli = join(import.meta.dirname, 'backtest.ts');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', cli, '--strategy', 'rsi', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    const bad = run(...SYN, '--regimes', '0.001:0.01;0.002:0.02');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --regimes: item 1 "0.001:0.01;0.002:0.02": want drift:vol\n');
    const good = run(...SYN, '--volatility', '3', '--regimes', '0.0001:0.005,-0.0002:0.01');
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/ on SYNTH-BTCUSDT 1h: 3000 bars/);
  }, 120_000);
});
