import { describe, expect, it } from 'vitest';
import { STRATEGY_TEMPLATE } from '../strategies/strategy-template';
import { resolvePaperStrategy, type StrategySourceLookup } from './paper-strategy';
import { wsUrlFor } from './paper-worker-api';

const sources: Record<string, { name: string; source: string }> = {
  s1: { name: 'mine', source: STRATEGY_TEMPLATE },
  broken: { name: 'broken', source: 'export default defineStrategy({ name: ' },
};
const lookup: StrategySourceLookup = async (id) => sources[id];

describe('resolvePaperStrategy', () => {
  it('a built-in by name, its params checked and defaulted', async () => {
    const r = await resolvePaperStrategy(
      { kind: 'builtin', name: 'sma-cross', params: { fast: 5 } },
      lookup,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.label).toBe('sma-cross');
    expect(r.value.params.fast).toBe(5);
    expect(typeof r.value.params.slow).toBe('number');
    expect(r.value.sourceFile).toBeNull();
  });

  it('an editor strategy is read and compiled; its file name locates its errors', async () => {
    const r = await resolvePaperStrategy(
      { kind: 'source', id: 's1', params: { stop: 0.05 } },
      lookup,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.label).toBe('mine');
    expect(r.value.strategy.name).toBe('ema-cross-stop');
    expect(r.value.params).toMatchObject({ fast: 12, slow: 26, stop: 0.05 });
    expect(r.value.sourceFile).toMatch(/mine\.ts/);
  });

  it.each([
    [
      { kind: 'builtin', name: 'nope', params: {} },
      /^unknown strategy "nope" \(known: .*sma-cross/,
    ],
    [{ kind: 'source', id: 'gone', params: {} }, /^no saved strategy with id "gone"$/],
    [{ kind: 'source', id: 'broken', params: {} }, /^broken\.ts:1:\d+: /],
    [{ kind: 'builtin', name: 'sma-cross', params: { nope: 1 } }, /^unknown param "nope"/],
  ] as const)('refuses %j', async (spec, error) => {
    const r = await resolvePaperStrategy(spec, lookup);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(error);
  });
});

describe('wsUrlFor', () => {
  it('Binance’s stream host for Binance’s REST host; the same host with ws(s) otherwise', () => {
    expect(wsUrlFor('https://api.binance.com')).toBe('wss://stream.binance.com:9443');
    expect(wsUrlFor('https://api.binance.com/')).toBe('wss://stream.binance.com:9443');
    expect(wsUrlFor('https://testnet.example.org')).toBe('wss://testnet.example.org');
    expect(wsUrlFor('http://127.0.0.1:8123')).toBe('ws://127.0.0.1:8123');
  });
});
