import { describe, expect, it } from 'vitest';
import type { MarketQualitySnapshot } from '../../../../engine-core/src/market';
import { compactAmount, feedBadge, formatAge, formatBps, replayPosition } from './feed-status';

const replay = { source: 'replay', symbol: 'BTCUSDT', datasetId: 'sample', speed: 600 } as const;
const live = { source: 'binance', symbol: 'BTCUSDT' } as const;
const quality = (stale: boolean) => ({ stale }) as MarketQualitySnapshot;

describe('feedBadge', () => {
  it('says what the feed is doing', () => {
    expect(feedBadge(null, 'idle', null)).toEqual({ tone: 'idle', label: 'No feed' });
    expect(feedBadge(live, 'connected', quality(false))).toEqual({ tone: 'ok', label: 'Live' });
    expect(feedBadge(replay, 'resynced', null)).toEqual({ tone: 'ok', label: 'Replaying 600×' });
    expect(feedBadge({ ...replay, speed: Number.POSITIVE_INFINITY }, 'connected', null).label).toBe(
      'Replaying max',
    );
    expect(feedBadge(live, 'gap', null)).toEqual({
      tone: 'warn',
      label: 'Gap: resyncing the book',
    });
    expect(feedBadge(live, 'disconnected', null).tone).toBe('bad');
    expect(feedBadge(live, 'error', null).tone).toBe('bad');
  });

  it('says when a replay has ended or paused', () => {
    const at = (state: 'playing' | 'ended' | 'paused') => ({ state, position: 0, from: 0, to: 1 });
    expect(feedBadge(replay, 'connected', null, at('ended'))).toEqual({
      tone: 'idle',
      label: 'Replay ended',
    });
    expect(feedBadge(replay, 'connected', null, at('paused')).label).toBe('Replay paused');
    expect(feedBadge(replay, 'connected', null, at('playing')).label).toBe('Replaying 600×');
  });

  it('writes where a replay is', () => {
    const from = Date.UTC(2024, 0, 1);
    const to = from + 100 * 3_600_000;
    expect(replayPosition(null)).toBeNull();
    expect(replayPosition({ state: 'idle', position: Number.NaN, from, to })).toBeNull();
    // 25 hours into 100: 25.0 %
    expect(replayPosition({ state: 'playing', position: from + 25 * 3_600_000, from, to })).toBe(
      '2024-01-02 01:00 · 25.0 %',
    );
  });

  it('shows stale when the quality says so, even if the last status was connected', () => {
    expect(feedBadge(live, 'connected', quality(true))).toEqual({
      tone: 'warn',
      label: 'Stale: no data',
    });
    expect(feedBadge(live, 'stale', quality(false)).tone).toBe('warn');
  });
});

describe('formatAge / compactAmount', () => {
  it('formats ages', () => {
    expect([Number.NaN, -5, 0, 999.6, 1000, 4249, 59_999, 60_000, 125_400].map(formatAge)).toEqual([
      '—',
      '0 ms',
      '0 ms',
      '1.0 s',
      '1.0 s',
      '4.2 s',
      '1 min 0 s',
      '1 min 0 s',
      '2 min 5 s',
    ]);
  });

  it('formats bps', () => {
    // BTC at 50 000 with a 0.02 spread: 0.02 / 50 000 × 10 000 = 0.004 bps
    expect([0.004, 0, 0.25, 1, 12.345, Number.NaN].map(formatBps)).toEqual([
      '0.0040 bps',
      '0.00 bps',
      '0.25 bps',
      '1.00 bps',
      '12.35 bps',
      '—',
    ]);
  });

  it('formats amounts compactly', () => {
    expect([0, 0.012345, 9.87654, 950.4, 12_345, 4_560_000, 1.2e9].map(compactAmount)).toEqual([
      '0',
      '0.01235',
      '9.877',
      '950',
      '12.3k',
      '4.56M',
      '1.20B',
    ]);
  });
});
