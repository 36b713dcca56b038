// What the header says about the feed: a badge (tone + label) from the feed's last status and
// the market-quality snapshot, and the short number formats of the quality strip.

import { formatTime } from '../../../../engine-core/src/analyzer';
import type { MarketQualitySnapshot } from '../../../../engine-core/src/market';
import type { PaperReplayProgress, PaperView } from '../../paper/paper-api';
import { speedLabel } from './paper-form-store';

/** ok: data flows; warn: stale or resyncing; bad: no data (disconnected, error); idle: no feed. */
export type FeedTone = 'ok' | 'warn' | 'bad' | 'idle';

/** The feed badge. */
export interface FeedBadge {
  readonly tone: FeedTone;
  readonly label: string;
}

/** The badge for a feed, its last status and the latest quality snapshot. */
export function feedBadge(
  feed: PaperView['feed'],
  status: PaperView['feedStatus'],
  quality: MarketQualitySnapshot | null,
  replay: PaperReplayProgress | null = null,
): FeedBadge {
  if (feed === null) return { tone: 'idle', label: 'No feed' };
  if (feed.source === 'replay' && replay !== null) {
    if (replay.state === 'ended') return { tone: 'idle', label: 'Replay ended' };
    if (replay.state === 'paused') return { tone: 'idle', label: 'Replay paused' };
    if (replay.state === 'stopped') return { tone: 'idle', label: 'Replay stopped' };
  }
  switch (status) {
    case 'idle':
      return { tone: 'idle', label: 'Starting…' };
    case 'disconnected':
      return { tone: 'bad', label: 'Disconnected: reconnecting' };
    case 'error':
      return { tone: 'bad', label: 'Feed error' };
    case 'stale':
      return { tone: 'warn', label: 'Stale: no data' };
    case 'gap':
      return { tone: 'warn', label: 'Gap: resyncing the book' };
    case 'crossed':
      return { tone: 'warn', label: 'Crossed book: resyncing' };
    case 'connected':
    case 'resynced':
      if (quality?.stale) return { tone: 'warn', label: 'Stale: no data' };
      return {
        tone: 'ok',
        label: feed.source === 'binance' ? 'Live' : `Replaying ${speedLabel(feed.speed)}`,
      };
  }
}

/** Basis points: two decimals, or two significant digits below 1 (`0.0040 bps` for BTC). */
export function formatBps(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return `${Math.abs(x) >= 1 || x === 0 ? x.toFixed(2) : x.toPrecision(2)} bps`;
}

/** `2024-01-03 14:00 · 3.1 %` (where a replay is in its dataset); null before the first update. */
export function replayPosition(r: PaperReplayProgress | null): string | null {
  if (r === null || !Number.isFinite(r.position)) return null;
  const span = r.to - r.from;
  const pct = span > 0 ? Math.min(100, Math.max(0, ((r.position - r.from) / span) * 100)) : 100;
  return `${formatTime(r.position)} · ${pct.toFixed(1)} %`;
}

/** `850 ms`, `4.2 s`, `2 min 5 s`; `—` for NaN (nothing received yet). */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const x = Math.round(Math.max(0, ms));
  if (x < 1000) return `${x} ms`;
  const tenths = Math.round(x / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const s = Math.round(x / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** `950`, `12.3k`, `4.56M`, `1.2B`; small amounts (< 10) keep 4 significant digits. */
export function compactAmount(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 10) return x.toFixed(0);
  if (a === 0) return '0';
  return String(Number(x.toPrecision(4)));
}
