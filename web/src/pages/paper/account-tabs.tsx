import { type KeyboardEvent, memo, useCallback, useRef, useState } from 'react';
import { formatTime } from '../../../../engine-core/src/analyzer';
import type { Instrument } from '../../../../engine-core/src/model';
import {
  BalancesTable,
  FillsTable,
  OpenOrdersTable,
  PositionsTable,
} from '../../components/trading';
import type { PaperLogLine } from '../../paper/paper-api';
import { formatQuote, formatStep } from './instrument-format';
import {
  type CountsSlice,
  type PnlSlice,
  sameRows,
  sameShallow,
  selectBalances,
  selectCounts,
  selectFills,
  selectLog,
  selectOrders,
  selectPnl,
  selectPositions,
} from './paper-selectors';
import type { PaperSource } from './paper-source';
import { useViewSlice } from './view-slice';

const TABS = ['orders', 'positions', 'balances', 'fills', 'pnl', 'log'] as const;
type Tab = (typeof TABS)[number];

const signClass = (x: number): string => (x > 0 ? 'pos' : x < 0 ? 'neg' : '');
const signed = (x: number, quote: string): string =>
  x > 0 ? `+${formatQuote(x, quote)}` : formatQuote(x, quote);

/** The open-orders pane: cancels go to the engine, their refusals show above the table. */
function OrdersPane({ source, inst }: { readonly source: PaperSource; readonly inst: Instrument }) {
  const { tickSize, lotSize } = inst;
  const formatPrice = useCallback((x: number | null) => formatStep(x, tickSize), [tickSize]);
  const formatQty = useCallback((x: number | null) => formatStep(x, lotSize), [lotSize]);
  const orders = useViewSlice(source.store, selectOrders, sameRows);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commands = source.commands;
  const onCancel = useCallback(
    (id: string) => {
      setPending((p) => new Set(p).add(id));
      setError(null);
      commands
        .cancel(id)
        .then((r) => setError(r.ok ? null : `Cancel ${id} refused: ${r.error}`))
        .catch((x: unknown) => setError(String(x)))
        .finally(() =>
          setPending((p) => {
            const n = new Set(p);
            n.delete(id);
            return n;
          }),
        );
    },
    [commands],
  );
  const onCancelAll = useCallback(() => {
    setAll(true);
    setError(null);
    commands
      .cancelAll()
      .then((r) => setError(r.ok ? null : `Cancel all refused: ${r.error}`))
      .catch((x: unknown) => setError(String(x)))
      .finally(() => setAll(false));
  }, [commands]);
  return (
    <>
      {error && (
        <p className="error-text pp-pane-error" role="alert">
          {error}
        </p>
      )}
      <OpenOrdersTable
        orders={orders}
        onCancel={onCancel}
        onCancelAll={onCancelAll}
        pending={pending}
        disabled={all}
        formatPrice={formatPrice}
        formatQty={formatQty}
        emptyHint="Place one with the order ticket; resting limit and stop orders show here."
      />
    </>
  );
}

function PositionsPane({ source }: { readonly source: PaperSource }) {
  const positions = useViewSlice(source.store, selectPositions, sameRows);
  return <PositionsTable positions={positions} emptyHint="A fill opens one." />;
}

function BalancesPane({ source }: { readonly source: PaperSource }) {
  const balances = useViewSlice(source.store, selectBalances, sameRows);
  return (
    <BalancesTable balances={balances} emptyHint="Reset the account to start again with cash." />
  );
}

function FillsPane({ source }: { readonly source: PaperSource }) {
  const fills = useViewSlice(source.store, selectFills, sameRows);
  return (
    <FillsTable fills={fills} emptyHint="Fills of your orders and the strategy's appear here." />
  );
}

/** Equity, realized and unrealized P&L. */
export const PnlFigures = memo(function PnlFigures({
  pnl,
  quote,
}: {
  readonly pnl: PnlSlice;
  /** The asset the figures are in. */
  readonly quote: string;
}) {
  return (
    <dl className="pp-pnl" data-testid="pnl">
      <div>
        <dt>Equity ({quote})</dt>
        <dd>{formatQuote(pnl.equity, quote)}</dd>
      </div>
      <div>
        <dt>Realized P&amp;L</dt>
        <dd className={signClass(pnl.realizedPnl)}>{signed(pnl.realizedPnl, quote)}</dd>
      </div>
      <div>
        <dt>Unrealized P&amp;L</dt>
        <dd className={signClass(pnl.unrealizedPnl)}>{signed(pnl.unrealizedPnl, quote)}</dd>
      </div>
      <div>
        <dt>Total P&amp;L</dt>
        <dd className={signClass(pnl.realizedPnl + pnl.unrealizedPnl)}>
          {signed(pnl.realizedPnl + pnl.unrealizedPnl, quote)}
        </dd>
      </div>
    </dl>
  );
});

function PnlPane({ source, quote }: { readonly source: PaperSource; readonly quote: string }) {
  const pnl = useViewSlice(source.store, selectPnl, sameShallow);
  return (
    <div className="pp-pnl-pane">
      <PnlFigures pnl={pnl} quote={quote} />
      <p className="pp-hint">
        Equity is every balance valued at the last price, in the quote asset. Realized P&amp;L comes
        from fills that reduced a position (before fees); unrealized marks the open position to the
        last price.
      </p>
    </div>
  );
}

const logClass = (kind: string): string =>
  /denied|rejected|fail|error/.test(kind)
    ? 'neg'
    : kind === 'order_filled'
      ? 'pos'
      : kind === 'feed' || kind === 'session'
        ? 'pp-muted'
        : '';

/** The session's event log, newest first. */
const EventLog = memo(function EventLog({ lines }: { readonly lines: readonly PaperLogLine[] }) {
  if (lines.length === 0)
    return (
      <div className="tr-empty">
        <p>Nothing logged yet.</p>
        <p className="tr-hint">Feed changes, orders, fills and strategy events appear here.</p>
      </div>
    );
  const rows: PaperLogLine[] = [];
  for (let i = lines.length - 1; i >= 0; i--) rows.push(lines[i] as PaperLogLine);
  return (
    <div className="tr-scroll">
      <table className="data pp-log" data-testid="event-log">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Event</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l, i) => (
            // Lines have no id; counted from the oldest, a line keeps its key as new ones come.
            // biome-ignore lint/suspicious/noArrayIndexKey: the count from the oldest is the identity
            <tr key={lines.length - i}>
              <td>{formatTime(l.ts)}</td>
              <td className={logClass(l.kind)}>{l.kind}</td>
              <td className="pp-log-text">{l.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

function LogPane({ source }: { readonly source: PaperSource }) {
  const lines = useViewSlice(source.store, selectLog, sameRows);
  return <EventLog lines={lines} />;
}

const label = (tab: Tab, c: CountsSlice): string => {
  switch (tab) {
    case 'orders':
      return `Open orders (${c.orders})`;
    case 'positions':
      return `Positions (${c.positions})`;
    case 'balances':
      return 'Balances';
    case 'fills':
      return `Fills (${c.fills})`;
    case 'pnl':
      return 'P&L';
    case 'log':
      return 'Event log';
  }
};

/**
 * The account panes as tabs (open orders, positions, balances, fills, P&L, event log); only the
 * open one renders. Arrow keys, Home and End move between tabs.
 */
export function AccountTabs({
  source,
  inst,
}: {
  readonly source: PaperSource;
  /** The feed's instrument: order prices and quantities are written to its tick and lot. */
  readonly inst: Instrument;
}) {
  const [tab, setTab] = useState<Tab>('orders');
  const counts = useViewSlice(source.store, selectCounts, sameShallow);
  const pnl = useViewSlice(source.store, selectPnl, sameShallow);
  const listRef = useRef<HTMLDivElement | null>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    setTab(TABS[next] as Tab);
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <section className="card pp-tabs" aria-label="Account">
      <div className="pp-tabs-head">
        <div ref={listRef} role="tablist" aria-label="Account panes" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`pp-tab-${t}`}
              aria-selected={t === tab}
              aria-controls={`pp-panel-${t}`}
              tabIndex={t === tab ? 0 : -1}
              className="pp-tab"
              onClick={() => setTab(t)}
            >
              {label(t, counts)}
            </button>
          ))}
        </div>
        <p className="pp-pnl-line" data-testid="pnl-line">
          Equity <strong>{formatQuote(pnl.equity, inst.quote)}</strong> {inst.quote} · Realized{' '}
          <span className={signClass(pnl.realizedPnl)}>{signed(pnl.realizedPnl, inst.quote)}</span>{' '}
          · Unrealized{' '}
          <span className={signClass(pnl.unrealizedPnl)}>
            {signed(pnl.unrealizedPnl, inst.quote)}
          </span>
        </p>
      </div>
      <div
        role="tabpanel"
        id={`pp-panel-${tab}`}
        aria-labelledby={`pp-tab-${tab}`}
        className="pp-tabpanel"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel takes focus (WAI-ARIA tabs)
        tabIndex={0}
      >
        {tab === 'orders' && <OrdersPane source={source} inst={inst} />}
        {tab === 'positions' && <PositionsPane source={source} />}
        {tab === 'balances' && <BalancesPane source={source} />}
        {tab === 'fills' && <FillsPane source={source} />}
        {tab === 'pnl' && <PnlPane source={source} quote={inst.quote} />}
        {tab === 'log' && <LogPane source={source} />}
      </div>
    </section>
  );
}
