import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileStrategy, DEFAULT_BACKTEST_CONFIG, runBacktest } from '../../../engine-core/src';
import { syntheticCandles } from '../../../engine-core/src/optimizer/testing/synthetic-candles';

const README = new URL('../../../README.md', import.meta.url);

describe('the README’s strategy example', () => {
  it('compiles and trades as written', () => {
    const text = readFileSync(README, 'utf8');
    const section = text.slice(text.indexOf('### Strategies'));
    const m = /```ts\n([\s\S]*?)```/.exec(section);
    expect(m, 'a ```ts block under ### Strategies').not.toBeNull();
    const compiled = compileStrategy(m?.[1] ?? '', 'readme-example.ts');
    if (!compiled.ok) throw new Error(compiled.error);
    const { strategy, sourceFile, lineOffset } = compiled.value;
    expect(strategy.name).toBe('ema-cross');
    const r = runBacktest(
      syntheticCandles(2000, 3),
      strategy,
      { fast: 12, slow: 26 },
      DEFAULT_BACKTEST_CONFIG,
      {
        sourceFile,
        lineOffset,
      },
    );
    expect(r.failure).toBeNull();
    expect(r.fills.length).toBeGreaterThan(4);
    expect(r.logs?.length).toBe(r.fills.length);
  });
});
