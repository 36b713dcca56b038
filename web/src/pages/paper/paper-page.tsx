import { memo, useCallback } from 'react';
import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';
import type { Instrument } from '../../../../engine-core/src/model';
import { AccountTabs } from './account-tabs';
import { AlgoParents } from './algo-parents';
import { BookLadder } from './book-ladder';
import { DepthChart } from './depth-chart';
import { FeedBar } from './feed-bar';
import { formatQtyShort, formatStep, instrumentOf, plainStep } from './instrument-format';
import { LiveCandleChart } from './live-candle-chart';
import { OrderTicket } from './order-ticket';
import { usePaperForm } from './paper-form-store';
import {
  type SessionSlice,
  sameBook,
  sameFeedSpec,
  sameShallow,
  selectBook,
  selectFeed,
  selectSession,
} from './paper-selectors';
import { type PaperSource, paperSource } from './paper-source';
import { ResetAccount } from './reset-account';
import { StrategyPanel } from './strategy-panel';
import { ticketStore } from './ticket-store';
import { useViewSlice } from './view-slice';
import './paper.css';

const CHART_HEIGHT = 256;
const DEPTH_HEIGHT = 112;

/** What an empty chart says while the feed has not delivered: why, when the feed is down. */
function noDataYet(s: SessionSlice, waiting: string): string {
  if (s.feedStatus === 'disconnected' || s.feedStatus === 'error')
    return `No data: the feed is ${s.feedStatus === 'error' ? 'failing' : 'disconnected'}${s.feedMessage ? ` (${s.feedMessage})` : ''}.`;
  return waiting;
}

/** An empty state laid over a chart that stays mounted underneath. */
function Overlay({ text, testId }: { readonly text: string | null; readonly testId: string }) {
  if (text === null) return null;
  return (
    <div className="pp-overlay" data-testid={testId}>
      <p>{text}</p>
    </div>
  );
}

/** The book ladder, or why there is none yet. Picking a price puts it in the ticket. */
const BookPane = memo(function BookPane({
  source,
  inst,
  hasFeed,
}: {
  readonly source: PaperSource;
  readonly inst: Instrument;
  readonly hasFeed: boolean;
}) {
  const book = useViewSlice(source.store, selectBook, sameBook);
  const tick = inst.tickSize;
  const lot = inst.lotSize;
  const formatPrice = useCallback((x: number) => formatStep(x, tick), [tick]);
  const formatQty = useCallback((x: number) => formatQtyShort(x, lot), [lot]);
  const onPick = useCallback(
    (price: number) => ticketStore.getState().pickPrice(plainStep(price, tick)),
    [tick],
  );
  const empty = book.bids.length === 0 && book.asks.length === 0;
  return (
    <section className="card pp-book-card" aria-labelledby="pp-book-title">
      <h3 id="pp-book-title" className="pp-card-title">
        Order book <span className="pp-hint">top 20</span>
      </h3>
      {empty ? (
        <div className="pp-empty" data-testid="book-empty">
          <p>{hasFeed ? 'Building the book…' : 'No book yet.'}</p>
          <p className="pp-hint">
            {hasFeed
              ? 'The levels appear once the feed has sent a depth snapshot.'
              : 'Start a feed to see the best 20 bids and asks.'}
          </p>
        </div>
      ) : (
        <BookLadder
          bids={book.bids}
          asks={book.asks}
          formatPrice={formatPrice}
          formatQty={formatQty}
          onPick={onPick}
          resetKey={inst.symbol}
        />
      )}
    </section>
  );
});

/** The Paper page: a feed, its candles, book and depth, the ticket, the account and a strategy. */
export function PaperPage() {
  const source = paperSource;
  const session = useViewSlice(source.store, selectSession, sameShallow);
  const feed = useViewSlice(source.store, selectFeed, sameFeedSpec);
  const formSymbol = usePaperForm((s) => s.symbol);
  const inst = instrumentOf(feed?.symbol ?? formSymbol) ?? (KNOWN_INSTRUMENTS[0] as Instrument);
  const hasFeed = feed !== null;
  const formatPrice = useCallback((x: number) => formatStep(x, inst.tickSize), [inst.tickSize]);

  return (
    <section className="page pp-page" aria-labelledby="page-title">
      <FeedBar source={source} />
      {session.status === 'error' && (
        <div className="card pp-failure" role="alert" data-testid="paper-error">
          <h3>The paper engine cannot run</h3>
          <pre>{session.error ?? 'unknown error'}</pre>
        </div>
      )}
      {session.status === 'starting' && (
        <p className="pp-hint" role="status">
          Starting the paper engine…
        </p>
      )}
      <div className="pp-main">
        <section className="card pp-chart-card" aria-labelledby="pp-chart-title">
          <h3 id="pp-chart-title" className="pp-card-title">
            {inst.base}/{inst.quote}{' '}
            <span className="pp-hint">{session.candleInterval} candles · your fills marked</span>
          </h3>
          <div className="pp-chart-wrap">
            <LiveCandleChart store={source.store} height={CHART_HEIGHT} />
            <Overlay
              testId="chart-empty"
              text={
                !hasFeed
                  ? 'No feed yet. Pick a symbol and a feed above, then Start feed.'
                  : !session.hasCandles
                    ? noDataYet(session, 'Waiting for the first trade…')
                    : null
              }
            />
          </div>
        </section>
        <section className="card pp-depth-card" aria-labelledby="pp-depth-title">
          <h3 id="pp-depth-title" className="pp-card-title">
            Depth <span className="pp-hint">cumulative, bids left, asks right</span>
          </h3>
          <div className="pp-chart-wrap">
            <DepthChart store={source.store} height={DEPTH_HEIGHT} formatPrice={formatPrice} />
            <Overlay
              testId="depth-empty"
              text={
                !hasFeed
                  ? 'No book yet.'
                  : !session.hasBook
                    ? noDataYet(session, 'Building the book…')
                    : null
              }
            />
          </div>
        </section>
        <BookPane source={source} inst={inst} hasFeed={hasFeed} />
        <OrderTicket
          source={source}
          instrument={inst}
          canSend={hasFeed && session.status !== 'error'}
        />
      </div>
      <div className="pp-lower">
        <AccountTabs source={source} inst={inst} />
        <div className="pp-aside">
          <StrategyPanel source={source} canAttach={hasFeed && session.status !== 'error'} />
          <ResetAccount source={source} />
        </div>
      </div>
      <AlgoParents source={source} inst={inst} />
    </section>
  );
}
