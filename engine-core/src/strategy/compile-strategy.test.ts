import { describe, expect, it } from 'vitest';
import { buildReport, reportToJson } from '../analyzer';
import { DEFAULT_BACKTEST_CONFIG, runBacktest } from '../backtest';
import type { Candles } from '../market';
import { smaCross } from './builtin/sma-cross';
import { compileStrategy } from './compile-strategy';

/** A seeded random walk of hourly bars. */
function walk(n: number, seed: number): Candles {
  let s = seed;
  const rnd = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p = Math.max(1, p * (1 + (rnd() - 0.5) * 0.04));
    time[i] = 1_700_000_000_000 + i * 3_600_000;
    open[i] = o;
    close[i] = p;
    high[i] = Math.max(o, p) * (1 + rnd() * 0.01);
    low[i] = Math.min(o, p) * (1 - rnd() * 0.01);
  }
  return {
    symbol: 'WALK',
    interval: '1h',
    intervalMs: 3_600_000,
    length: n,
    time,
    open,
    high,
    low,
    close,
    volume: new Float64Array(n).fill(1000),
  };
}

// sma-cross written as a user would, in TypeScript, against the SDK module.
const USER_SMA_CROSS = `import { defineStrategy, Sma } from 'veloz';
import type { StrategyContext } from 'veloz';

export default defineStrategy({
  name: 'sma-cross',
  description: 'user copy',
  params: [
    { name: 'fast', type: 'int', default: 10, min: 1, description: 'fast' },
    { name: 'slow', type: 'int', default: 30, min: 2, description: 'slow' },
  ],
  create(params) {
    const fast = new Sma(params.fast as number);
    const slow = new Sma(params.slow as number);
    let pf = Number.NaN;
    let ps = Number.NaN;
    return {
      onBar(ctx: StrategyContext): void {
        const c: number = ctx.candles.close[ctx.bar] as number;
        const f = fast.update(c);
        const s = slow.update(c);
        if (ctx.position() === 0 && f > s && pf <= ps)
          ctx.submit({ type: 'MARKET', side: 'BUY', size: { fraction: 1 } });
        else if (ctx.position() > 0 && f < s && pf >= ps) ctx.closePosition();
        pf = f;
        ps = s;
      },
    };
  },
});
`;

describe('compileStrategy (user strategies from text)', () => {
  it('runs a TypeScript strategy to the same report, byte for byte, as the built-in it copies', () => {
    const compiled = compileStrategy(USER_SMA_CROSS, 'my-sma.ts');
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.value.strategy.params.map((p) => p.name)).toEqual(['fast', 'slow']);
    const c = walk(3000, 7);
    const params = { fast: 7, slow: 21 };
    const mine = runBacktest(c, compiled.value.strategy, params, DEFAULT_BACKTEST_CONFIG);
    const ref = runBacktest(c, smaCross, params, DEFAULT_BACKTEST_CONFIG);
    expect(mine.fills.length).toBeGreaterThan(20);
    const json = (r: typeof ref) => reportToJson(buildReport(r));
    expect(json(mine)).toBe(json(ref));
  });

  it('locates a runtime error on the user’s own line', () => {
    const src = [
      "import { defineStrategy } from 'veloz';",
      'export const strategy = defineStrategy({',
      "  name: 'thrower',",
      '  params: [],',
      '  create: () => ({',
      '    onBar(ctx) {',
      '      if (ctx.bar === 5) {',
      '        const o = null as unknown as { x: number };',
      '        return o.x;', // line 9
      '      }',
      '    },',
      '  }),',
      '});',
    ].join('\n');
    const compiled = compileStrategy(src, 'thrower.ts');
    if (!compiled.ok) throw new Error(compiled.error);
    const { strategy, sourceFile, lineOffset } = compiled.value;
    const r = runBacktest(walk(20, 1), strategy, {}, DEFAULT_BACKTEST_CONFIG, {
      sourceFile,
      lineOffset,
    });
    expect(r.failure?.file).toBe('thrower.ts');
    expect(r.failure?.line).toBe(9);
    expect(r.failure?.bar).toBe(5);
    expect(r.failure?.message).toMatch(/^TypeError: Cannot read properties of null/);
  });

  it('rejects bad text with file:line:col and a reason', () => {
    const cases: [string, RegExp][] = [
      // Sucrase lets this through; acorn finds it.
      ['export default {\n  name: "x",,\n};', /^bad\.ts:2:\d+: Unexpected token$/],
      [
        'export default {\n  name: "x",\n  create() { return { onBar() { ) } } }\n};',
        /^bad\.ts:3:\d+: Unexpected token$/,
      ],
      [
        "import fs from 'fs';\nexport default { name: 'x', create: () => ({ onBar() { fs.readFileSync('/etc/passwd'); } }) };",
        /^bad\.ts:1:\d+: cannot import "fs": strategies can import only "veloz"$/,
      ],
      [
        'export const other = 1;',
        /^bad\.ts: export the strategy as `export default` or `export const strategy`$/,
      ],
      [
        'export default { name: "", create: () => ({}) };',
        /^bad\.ts: invalid strategy: name: name must not be empty$/,
      ],
      [
        'export default { name: "x" };',
        /^bad\.ts: invalid strategy: create: create must be a function$/,
      ],
      [
        'export default { name: "x", params: [{ name: "n", type: "int", default: true }], create: () => ({}) };',
        /^bad\.ts: invalid strategy: params\.0: default must be a boolean exactly when type is bool$/,
      ],
      ['\n\nthrow new RangeError("at load");\nexport default {};', /^bad\.ts:3:\d+: at load$/],
    ];
    for (const [src, want] of cases) {
      const r = compileStrategy(src, 'bad.ts');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(want);
    }
  });

  it('a create that returns no onBar is a failure of the run, not a crash', () => {
    const compiled = compileStrategy('export default { name: "x", create: () => ({}) };', 'x.js');
    if (!compiled.ok) throw new Error(compiled.error);
    const r = runBacktest(walk(10, 2), compiled.value.strategy, {}, DEFAULT_BACKTEST_CONFIG);
    expect(r.failure?.callback).toBe('create');
    expect(r.failure?.message).toMatch(/must return an object with an onBar method/);
    expect(r.equity.length).toBe(1);
  });
});
