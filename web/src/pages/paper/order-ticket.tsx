import { type FormEvent, useMemo, useRef, useState } from 'react';
import type { Instrument } from '../../../../engine-core/src/model';
import type { PaperView } from '../../paper/paper-api';
import { AlgoFields } from './algo-fields';
import { ALGO_CHOICES, type AlgoChoice, type AlgoField, checkAlgoTicket } from './algo-validation';
import { formatStep, plainStep } from './instrument-format';
import { type MarketSlice, sameShallow, selectMarket } from './paper-selectors';
import type { PaperSource } from './paper-source';
import {
  AmountFields,
  ChoiceField,
  notionalText,
  OrderFlags,
  OrderTypeSelect,
  SideRadios,
  TifSelect,
} from './ticket-fields';
import { ticketStore, useTicket } from './ticket-store';
import { checkTicket, shownError, shownOrderError, type TicketField } from './ticket-validation';
import { useViewSlice } from './view-slice';

export interface OrderTicketProps {
  readonly source: PaperSource;
  readonly instrument: Instrument;
  /** False without a feed: the ticket is shown but cannot send. */
  readonly canSend: boolean;
}

type Outcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly text: string };

/** The signed position in `symbol`. */
const positionIn = (v: PaperView, symbol: string): number =>
  v.positions.find((p) => p.symbol === symbol)?.qty ?? 0;

/**
 * The order ticket: side, type, quantity, price and stop as the type needs, TIF, post-only
 * (LIMIT only) and reduce-only, checked as you type against the instrument's filters. A field's
 * error shows once it has text (all of them after a send attempt); Enter sends. The engine's
 * refusal, if any, shows under the button.
 */
export function OrderTicket({ source, instrument: inst, canSend }: OrderTicketProps) {
  const t = useTicket((s) => s);
  const market = useViewSlice<PaperView, MarketSlice>(source.store, selectMarket, sameShallow);
  const selectPosition = useMemo(() => (v: PaperView) => positionIn(v, inst.symbol), [inst.symbol]);
  const position = useViewSlice(source.store, selectPosition);
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);

  const marketPrice = (t.side === 'BUY' ? market.bestAsk : market.bestBid) ?? market.last;
  const check = checkTicket(t, { instrument: inst, marketPrice, position });
  const algoCheck = checkAlgoTicket(t, inst);
  const isAlgo = t.algo !== 'none';
  const algoShown = (f: AlgoField): string | null => {
    const e = algoCheck.errors[f];
    return e && (tried || t[f].trim() !== '') ? e : null;
  };
  const shown = (f: TicketField): string | null => {
    if (isAlgo) return f === 'qty' || f === 'price' ? algoShown(f) : null;
    return shownError(check, t, tried, f);
  };
  const set = ticketStore.getState().set;

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    setTried(true);
    if (!canSend || sending) return;
    if (isAlgo) {
      sendAlgo();
      return;
    }
    if (check.order === null) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    setOutcome(null);
    source.commands
      .submit(check.order)
      .then((r) =>
        setOutcome(
          r.ok
            ? { ok: true, text: `Sent${r.clientOrderId ? ` ${r.clientOrderId}` : ''}.` }
            : { ok: false, text: r.error },
        ),
      )
      .catch((x: unknown) => setOutcome({ ok: false, text: String(x) }))
      .finally(() => {
        setSending(false);
        setTried(false);
      });
  };

  const sendAlgo = (): void => {
    const algo = algoCheck.algo;
    if (algo === null) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    setOutcome(null);
    source.commands
      .submitAlgo(algo)
      .then((r) =>
        setOutcome(
          r.ok
            ? { ok: true, text: `Started ${r.clientOrderId ?? 'the algo'}.` }
            : { ok: false, text: r.error },
        ),
      )
      .catch((x: unknown) => setOutcome({ ok: false, text: String(x) }))
      .finally(() => {
        setSending(false);
        setTried(false);
      });
  };

  const amounts = {
    prefix: 'pp',
    inst,
    texts: t,
    error: shown,
    set,
    placeholders: { qty: `min ${plainStep(inst.minQty, inst.lotSize)}`, price: '', stopPrice: '' },
    errorTestIds: true,
  } as const;
  const buy = t.side === 'BUY';
  const tifError = shown('tif');
  const postError = shown('postOnly');
  const reduceError = shown('reduceOnly');
  const orderError = shownOrderError(check, t, tried);
  return (
    <form
      ref={formRef}
      className="card pp-ticket"
      aria-labelledby="pp-ticket-title"
      noValidate
      onSubmit={onSubmit}
      data-testid="order-ticket"
    >
      <h3 id="pp-ticket-title" className="pp-card-title">
        Order ticket{' '}
        <span className="pp-hint">
          {inst.base}/{inst.quote}
        </span>
      </h3>
      <SideRadios prefix="pp" side={t.side} set={set} />
      <ChoiceField
        id="pp-ticket-algo"
        label="Algo"
        value={t.algo}
        choices={ALGO_CHOICES}
        onChange={(algo) => set({ algo })}
      />
      {isAlgo ? (
        <>
          <AmountFields only="qty" {...amounts} />
          <AlgoFields
            algo={t.algo as Exclude<AlgoChoice, 'none'>}
            texts={t}
            inst={inst}
            error={algoShown}
            set={set}
          />
          {algoCheck.specError && (
            <span className="field-error" data-testid="algo-spec-error">
              {algoCheck.specError}
            </span>
          )}
          <p className="pp-hint" data-testid="algo-note">
            Children go to the engine like any order (risk, filters, funds). Algo orders are
            journaled with the account: after a reload they go on where they were.
          </p>
        </>
      ) : (
        <>
          <div className="pp-ticket-row">
            <OrderTypeSelect prefix="pp" type={t.type} set={set} />
            <TifSelect prefix="pp" tif={t.tif} set={set} error={tifError} optionTitles />
          </div>
          {tifError && (
            <span id="pp-ticket-tif-error" className="field-error">
              {tifError}
            </span>
          )}
          <AmountFields {...amounts} />
          <OrderFlags prefix="pp" texts={t} set={set} titles reduceInvalid={reduceError !== null} />
          {postError && <span className="field-error">{postError}</span>}
          {reduceError && <span className="field-error">{reduceError}</span>}
          <p className="pp-notional" data-testid="ticket-notional">
            {notionalText(check.notional, inst)}
            {t.type === 'MARKET' &&
              marketPrice !== null &&
              ` · at ~${formatStep(marketPrice, inst.tickSize)}`}
          </p>
          {orderError && (
            <span className="field-error" data-testid="ticket-order-error">
              {orderError}
            </span>
          )}
        </>
      )}
      <button
        type="submit"
        className={`btn pp-send ${buy ? 'pp-send--buy' : 'pp-send--sell'}`}
        disabled={!canSend || sending}
      >
        {sending
          ? 'Sending…'
          : isAlgo
            ? `Start ${t.algo.toUpperCase()} ${buy ? 'buy' : 'sell'}`
            : `${buy ? 'Buy' : 'Sell'} ${inst.base}`}
      </button>
      {!canSend && <p className="pp-hint">Start a feed to send orders.</p>}
      {outcome && (
        <p
          className={outcome.ok ? 'pp-ok' : 'error-text'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="ticket-outcome"
        >
          {outcome.ok ? outcome.text : `Refused: ${outcome.text}`}
        </p>
      )}
    </form>
  );
}
