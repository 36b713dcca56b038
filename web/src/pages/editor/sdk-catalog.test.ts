import { describe, expect, it } from 'vitest';
import { indicatorBindings, sdkMatch } from './sdk-catalog';

const labels = (m: ReturnType<typeof sdkMatch>) => m?.entries.map((e) => e.label) ?? null;

describe('SDK completions', () => {
  const doc = 'const fast = new Ema(5);\nthis.bb: Bollinger = new Bollinger(20, 2);\n';

  it('finds variables bound to indicators', () => {
    expect([...indicatorBindings(doc)]).toEqual([
      ['fast', 'Ema'],
      ['bb', 'Bollinger'],
    ]);
  });

  it('completes ctx members from the dot, the typed part replaced', () => {
    const m = sdkMatch('    ctx.po', doc, [], false);
    expect(m?.from).toBe('    ctx.'.length);
    expect(m?.member).toBe(true);
    expect(labels(m)).toContain('position');
    expect(labels(m)).toContain('submit');
  });

  it('completes candle columns, fill fields, params and indicator members', () => {
    expect(labels(sdkMatch('x = ctx.candles.', doc, [], false))).toContain('close');
    expect(labels(sdkMatch('if (fill.', doc, [], false))).toContain('price');
    expect(labels(sdkMatch('p.', doc, ['fast', 'slow'], false))).toEqual(['fast', 'slow']);
    expect(labels(sdkMatch('ctx.params.', doc, ['stop'], false))).toEqual(['stop']);
    expect(labels(sdkMatch('fast.', doc, [], false))).toEqual(['update', 'value', 'reset']);
    expect(labels(sdkMatch('this.bb.up', doc, [], false))).toContain('upper');
  });

  it('offers nothing after an unknown object', () => {
    expect(sdkMatch('Math.', doc, [], false)).toBeNull();
  });

  it('offers the indicator classes after new, as constructor snippets', () => {
    const m = sdkMatch('const r = new R', doc, [], false);
    expect(m?.from).toBe('const r = new '.length);
    expect(labels(m)).toContain('Rsi');
    expect(m?.entries.find((e) => e.label === 'Macd')?.snippet).toBe(
      'Macd(#{fast}, #{slow}, #{signal})',
    );
  });

  it('offers the top-level names while a word is typed, or when asked', () => {
    expect(labels(sdkMatch('export default def', doc, [], false))).toContain('defineStrategy');
    expect(sdkMatch('foo(', doc, [], false)).toBeNull();
    expect(sdkMatch('foo(', doc, [], true)?.from).toBe(4);
  });
});
