import { memo, useEffect, useRef, useState } from 'react';
import type { BookDepth, MarketQualitySnapshot } from '../../../../engine-core/src/market';
import { compactAmount, type FeedBadge, formatAge, formatBps } from './feed-status';

export interface MarketQualityProps {
  readonly badge: FeedBadge;
  /** The feed's own words about its last status (reconnect in 2 s, resync, …). */
  readonly message: string;
  readonly quality: MarketQualitySnapshot | null;
  /** Where a replay is (`2024-01-03 14:00 · 3.1 %`), or null. */
  readonly position: string | null;
  /** The quote asset (depth is shown as quote notional). */
  readonly quote: string;
}

const depthAt = (q: MarketQualitySnapshot, bps: number): BookDepth | undefined =>
  q.depth.find((d) => d.bps === bps);

/** Re-renders every `ms` while `on` (staleness keeps counting when no view arrives). */
function useTicker(on: boolean, ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(id);
  }, [on, ms]);
}

/**
 * The feed badge and the market quality strip: spread, depth within ±10 and ±50 bps (quote
 * notional, bids / asks), update rate, staleness, gaps and resyncs. Stale data and gaps are
 * coloured; the staleness keeps counting between views.
 */
export const MarketQuality = memo(function MarketQuality({
  badge,
  message,
  quality: q,
  position,
  quote,
}: MarketQualityProps) {
  // When the snapshot arrived here: its staleness grows by the time since.
  const received = useRef<{ q: MarketQualitySnapshot | null; at: number }>({ q: null, at: 0 });
  if (received.current.q !== q) received.current = { q, at: performance.now() };
  useTicker(q !== null, 500);
  const staleness = q ? q.stalenessMs + (performance.now() - received.current.at) : Number.NaN;

  const depth = (bps: number) => {
    const d = q ? depthAt(q, bps) : undefined;
    return d ? `${compactAmount(d.bidNotional)} / ${compactAmount(d.askNotional)}` : '—';
  };
  const troubled = q !== null && q.gaps + q.resyncs > 0;
  return (
    <div className="pp-quality" data-testid="market-quality">
      <output
        className={`pp-badge pp-badge--${badge.tone}`}
        data-testid="feed-status"
        data-tone={badge.tone}
        aria-live="polite"
        title={message || undefined}
      >
        <span className="pp-dot" aria-hidden="true" />
        {badge.label}
      </output>
      {position !== null && (
        <span className="pp-replay-at" data-testid="replay-position">
          {position}
        </span>
      )}
      {q === null ? (
        <span className="pp-q-none">{message || 'Market quality appears once data flows.'}</span>
      ) : (
        <dl className="pp-q">
          <div>
            <dt>Spread</dt>
            <dd data-testid="q-spread">{formatBps(q.spreadBps)}</dd>
          </div>
          <div title={`Bid / ask notional within ±10 bps of the mid, ${quote}`}>
            <dt>±10 bps</dt>
            <dd>{depth(10)}</dd>
          </div>
          <div title={`Bid / ask notional within ±50 bps of the mid, ${quote}`}>
            <dt>±50 bps</dt>
            <dd>{depth(50)}</dd>
          </div>
          <div>
            <dt>Updates</dt>
            <dd>{q.updatesPerSec.toFixed(1)}/s</dd>
          </div>
          <div className={q.stale ? 'pp-q-warn' : ''}>
            <dt>Staleness</dt>
            <dd data-testid="q-staleness">
              {Number.isFinite(staleness) ? formatAge(staleness) : 'no data yet'}
              {q.stale && Number.isFinite(staleness) ? ' (stale)' : ''}
            </dd>
          </div>
          <div
            className={troubled ? 'pp-q-warn' : ''}
            title="Gaps in the depth stream / books rebuilt from a snapshot"
          >
            <dt>Gaps / resyncs</dt>
            <dd data-testid="q-gaps">
              {q.gaps} / {q.resyncs}
            </dd>
          </div>
          {q.disconnects + q.errors > 0 && (
            <div className="pp-q-bad">
              <dt>Drops / errors</dt>
              <dd>
                {q.disconnects} / {q.errors}
              </dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
});
