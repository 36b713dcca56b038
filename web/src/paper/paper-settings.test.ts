import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  PaperSettingsStore,
  readFeedSpec,
  readStrategySpec,
  settingsDbName,
} from './paper-settings';

describe('PaperSettingsStore', () => {
  it('keeps the feed and the strategy across connections; null removes them', async () => {
    const name = settingsDbName('paper-settings-1');
    const a = new PaperSettingsStore(name);
    expect(await a.load()).toEqual({ feed: null, strategy: null });
    const feed = {
      source: 'replay',
      symbol: 'BTCUSDT',
      datasetId: 'sample',
      speed: Infinity,
    } as const;
    const strategy = { kind: 'source', id: 's-1', params: { fast: 3, long: true } } as const;
    await a.saveFeed(feed);
    await a.saveStrategy(strategy);
    await a.close();
    const b = new PaperSettingsStore(name);
    expect(await b.load()).toEqual({ feed, strategy });
    await b.saveStrategy(null);
    expect(await b.load()).toEqual({ feed, strategy: null });
    await b.close();
  });

  it('what does not read as a spec counts as none', async () => {
    const name = settingsDbName('paper-settings-2');
    const s = new PaperSettingsStore(name);
    await s.load();
    await s.close();
    const db = await openDB(name, 1);
    await db.put('settings', { source: 'ftx', symbol: 'BTCUSDT' }, 'feed');
    await db.put('settings', { kind: 'builtin', name: 'x', params: { a: 'str' } }, 'strategy');
    db.close();
    const again = new PaperSettingsStore(name);
    expect(await again.load()).toEqual({ feed: null, strategy: null });
    await again.close();
  });

  it.each([
    [
      { source: 'binance', symbol: 'ETHUSDT' },
      { source: 'binance', symbol: 'ETHUSDT' },
    ],
    [{ source: 'binance', symbol: '' }, null],
    [{ source: 'replay', symbol: 'BTCUSDT', datasetId: 'd', speed: 0 }, null],
    [{ source: 'replay', symbol: 'BTCUSDT', speed: 2 }, null],
    ['binance', null],
  ])('readFeedSpec(%j)', (v, want) => {
    expect(readFeedSpec(v)).toEqual(want);
  });

  it.each([
    [
      { kind: 'builtin', name: 'sma-cross', params: {} },
      { kind: 'builtin', name: 'sma-cross', params: {} },
    ],
    [{ kind: 'builtin', name: 'sma-cross' }, null],
    [{ kind: 'source', params: {} }, null],
    [null, null],
  ])('readStrategySpec(%j)', (v, want) => {
    expect(readStrategySpec(v)).toEqual(want);
  });
});
