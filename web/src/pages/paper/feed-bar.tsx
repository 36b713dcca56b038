import { type FormEvent, useEffect, useState } from 'react';
import { formatFixed } from '../../../../engine-core/src/analyzer';
import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';
import { useDatasets } from '../../data/dataset-queries';
import { SAMPLE_ID } from '../../data/dataset-store';
import { feedBadge, replayPosition } from './feed-status';
import { instrumentOf } from './instrument-format';
import { MarketQuality } from './market-quality';
import {
  feedOfForm,
  paperFormStore,
  REPLAY_SPEEDS,
  sameFeed,
  speedLabel,
  usePaperForm,
} from './paper-form-store';
import {
  sameFeedSpec,
  sameShallow,
  selectFeed,
  selectQuality,
  selectReplay,
  selectSession,
} from './paper-selectors';
import type { PaperSource } from './paper-source';
import { useViewSlice } from './view-slice';

/** The feed's badge and market quality: the only part of the header that changes with each view. */
function FeedStatusStrip({
  source,
  quote,
}: {
  readonly source: PaperSource;
  readonly quote: string;
}) {
  const feed = useViewSlice(source.store, selectFeed, sameFeedSpec);
  const session = useViewSlice(source.store, selectSession, sameShallow);
  const quality = useViewSlice(source.store, selectQuality);
  const replay = useViewSlice(source.store, selectReplay, sameShallow);
  return (
    <MarketQuality
      badge={feedBadge(feed, session.feedStatus, quality, replay)}
      message={session.feedMessage}
      position={feed?.source === 'replay' ? replayPosition(replay) : null}
      quality={quality}
      quote={quote}
    />
  );
}

/**
 * The page header: title, symbol and feed pickers (Binance live, or a replay of a stored dataset
 * at a speed), Start/Switch, and the feed's status with its market quality.
 */
export function FeedBar({ source }: { readonly source: PaperSource }) {
  const feed = useViewSlice(source.store, selectFeed, sameFeedSpec);
  const session = useViewSlice(source.store, selectSession, sameShallow);
  const form = usePaperForm((s) => s);
  const datasets = useDatasets();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const list = datasets.data ?? [];
  const dataset = list.find((d) => d.id === form.datasetId);
  // A deleted dataset falls back to the sample (or the newest).
  useEffect(() => {
    if (list.length === 0 || list.some((d) => d.id === form.datasetId)) return;
    const fallback = list.find((d) => d.id === SAMPLE_ID) ?? list[0];
    if (fallback) paperFormStore.getState().set({ datasetId: fallback.id });
  }, [list, form.datasetId]);

  const wanted = feedOfForm(form);
  const running = feed !== null;
  const same = sameFeed(feed, wanted);
  const canStart =
    !pending && session.status !== 'error' && (form.source === 'binance' || dataset !== undefined);
  const inst = instrumentOf(feed?.symbol ?? form.symbol);

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (!canStart) return;
    setPending(true);
    setError(null);
    source.commands
      .setFeed(wanted)
      .then((r) => setError(r.ok ? null : r.error))
      .catch((x: unknown) => setError(String(x)))
      .finally(() => setPending(false));
  };

  const set = paperFormStore.getState().set;
  return (
    <header className="card pp-header">
      <form className="pp-feed" aria-label="Feed settings" onSubmit={onSubmit}>
        <h2 id="page-title" className="pp-title">
          Paper
        </h2>
        <div className="field">
          <label htmlFor="pp-symbol">Symbol</label>
          <select
            id="pp-symbol"
            value={form.symbol}
            onChange={(e) => set({ symbol: e.currentTarget.value })}
          >
            {KNOWN_INSTRUMENTS.map((i) => (
              <option key={i.symbol} value={i.symbol}>
                {i.base}/{i.quote}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pp-source">Feed</label>
          <select
            id="pp-source"
            value={form.source}
            onChange={(e) =>
              set({ source: e.currentTarget.value === 'binance' ? 'binance' : 'replay' })
            }
          >
            <option value="binance">Binance live</option>
            <option value="replay">Replay a dataset</option>
          </select>
        </div>
        {form.source === 'replay' && (
          <>
            <div className="field pp-dataset">
              <label htmlFor="pp-dataset">Dataset</label>
              <select
                id="pp-dataset"
                value={dataset ? dataset.id : ''}
                onChange={(e) => set({ datasetId: e.currentTarget.value })}
              >
                {list.length === 0 && (
                  <option value="">{datasets.isLoading ? 'Loading…' : 'No datasets'}</option>
                )}
                {list.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="pp-speed">Speed</label>
              <select
                id="pp-speed"
                value={form.speedIndex}
                onChange={(e) => set({ speedIndex: Number(e.currentTarget.value) })}
              >
                {REPLAY_SPEEDS.map((s, i) => (
                  <option key={speedLabel(s)} value={i}>
                    {speedLabel(s)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <button
          type="submit"
          className={`btn ${running && same ? 'ghost' : ''}`}
          disabled={!canStart}
          data-testid="start-feed"
        >
          {pending ? 'Starting…' : !running ? 'Start feed' : same ? 'Restart feed' : 'Switch feed'}
        </button>
        {session.role === 'follower' && (
          <p className="pp-follower" data-testid="follower-note">
            Following the tab that runs the engine: your orders are sent to it.
          </p>
        )}
      </form>
      {form.source === 'replay' && dataset && (
        <p className="pp-hint" data-testid="replay-info">
          Replays {dataset.symbol} {dataset.interval} ({formatFixed(dataset.rows, 0)} bars) as{' '}
          {form.symbol}: its tick and lot sizes apply.
          {dataset.note ? ` ${dataset.note}.` : ''}
        </p>
      )}
      {datasets.error && (
        <p className="error-text">Could not list the datasets: {String(datasets.error)}</p>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="feed-error">
          The feed could not start: {error}
        </p>
      )}
      <FeedStatusStrip source={source} quote={inst?.quote ?? ''} />
    </header>
  );
}
