import { type FormEvent, useRef, useState } from 'react';
import type { Instrument } from '../../../../engine-core/src/model';
import {
  describeApiError,
  type LivePosition,
  liveApi,
  liveKeys,
  type OrderAck,
  useLiveAction,
  useMarketPrices,
} from '../../live';
import { instrumentOf } from '../paper/instrument-format';
import {
  AmountFields,
  ChoiceField,
  notionalText,
  OrderFlags,
  OrderTypeSelect,
  SideRadios,
  TifSelect,
} from '../paper/ticket-fields';
import {
  checkTicket,
  shownError,
  shownOrderError,
  type TicketField,
} from '../paper/ticket-validation';
import { liveTicketStore, useLiveTicket } from './live-ticket-store';
import { orderBody } from './order-body';

const STALE = [liveKeys.orders, liveKeys.account] as const;

export interface LiveTicketProps {
  readonly symbols: readonly string[];
  readonly positions: readonly LivePosition[];
  /** Why orders cannot be sent now (not armed, kill switch), or null when they can. */
  readonly blocked: string | null;
}

const ackText = (a: OrderAck): { ok: boolean; text: string } =>
  a.ok
    ? {
        ok: true,
        text: `Sent ${a.clientOrderId}${a.venueOrderId ? ` (venue id ${a.venueOrderId})` : ''}${a.status ? `: ${a.status}` : ''}.`,
      }
    : { ok: false, text: `Refused${a.clientOrderId ? ` ${a.clientOrderId}` : ''}: ${a.reason}` };

/**
 * The live order ticket: the Paper page's checks (the instrument's tick, lot, minimum notional,
 * reduce-only against the position) on the symbols the server trades, sent to POST /api/order.
 */
export function LiveTicket({ symbols, positions, blocked }: LiveTicketProps) {
  const t = useLiveTicket((s) => s);
  const prices = useMarketPrices();
  const symbol = t.symbol !== null && symbols.includes(t.symbol) ? t.symbol : (symbols[0] ?? null);
  const inst: Instrument | null = symbol === null ? null : instrumentOf(symbol);
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const send = useLiveAction(liveApi.order.bind(liveApi), STALE);
  const set = liveTicketStore.getState().set;

  if (symbol === null || inst === null)
    return (
      <section className="card lv-ticket" aria-labelledby="lv-ticket-title">
        <h3 id="lv-ticket-title" className="lv-card-title">
          Order ticket
        </h3>
        <p className="lv-hint">
          {symbol === null
            ? 'The server lists no symbols to trade.'
            : `No instrument filters known for ${symbol}: the ticket cannot check an order for it.`}
        </p>
      </section>
    );

  const position = positions.find((p) => p.symbol === symbol)?.qty ?? 0;
  const check = checkTicket(t, { instrument: inst, marketPrice: prices[symbol] ?? null, position });
  const shown = (f: TicketField): string | null => shownError(check, t, tried, f);

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    setTried(true);
    if (blocked !== null || send.isPending) return;
    if (check.order === null) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    send.mutate(orderBody(symbol, check.order), { onSettled: () => setTried(false) });
  };

  const buy = t.side === 'BUY';
  const orderError = shownOrderError(check, t, tried);
  const outcome = send.data ? ackText(send.data) : null;
  const otherErrors = (['tif', 'postOnly', 'reduceOnly'] as const).map(shown).filter((x) => x);
  return (
    <form
      ref={formRef}
      className="card lv-ticket"
      aria-labelledby="lv-ticket-title"
      noValidate
      onSubmit={onSubmit}
      data-testid="live-ticket"
    >
      <h3 id="lv-ticket-title" className="lv-card-title">
        Order ticket <span className="lv-live-text">live</span>
      </h3>
      <div className="row">
        <ChoiceField
          id="lv-ticket-symbol"
          label="Symbol"
          value={symbol}
          choices={symbols.map((s) => ({ value: s, label: s }))}
          onChange={(s) => set({ symbol: s })}
        />
        <OrderTypeSelect prefix="lv" type={t.type} set={set} />
        <TifSelect prefix="lv" tif={t.tif} set={set} />
      </div>
      <SideRadios prefix="lv" side={t.side} set={set} />
      <AmountFields prefix="lv" inst={inst} texts={t} error={shown} set={set} />
      <OrderFlags prefix="lv" texts={t} set={set} />
      {otherErrors.map((x) => (
        <span key={x} className="field-error">
          {x}
        </span>
      ))}
      <p className="lv-hint" data-testid="live-ticket-notional">
        {notionalText(check.notional, inst)}
      </p>
      {orderError && <span className="field-error">{orderError}</span>}
      <button
        type="submit"
        className={`btn lv-send ${buy ? 'lv-send--buy' : 'lv-send--sell'}`}
        disabled={blocked !== null || send.isPending}
      >
        {send.isPending ? 'Sending…' : `${buy ? 'Buy' : 'Sell'} ${inst.base} live`}
      </button>
      {blocked !== null && <p className="lv-hint">{blocked}</p>}
      {outcome && (
        <p
          className={outcome.ok ? 'lv-ok' : 'error-text'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="live-ticket-outcome"
        >
          {outcome.text}
        </p>
      )}
      {send.error && (
        <p className="error-text" role="alert" data-testid="live-ticket-outcome">
          {describeApiError(send.error.apiError)}
        </p>
      )}
    </form>
  );
}
