// The order ticket's fields, shared by the Paper and Live tickets: each ticket lays them out, adds
// its own controls (Paper's algo selector, Live's symbol) and sends; the fields, their labels, ids
// (`pp-ticket-…` / `lv-ticket-…`) and aria attributes are written once, here.
import type { Instrument, OrderType, Side, TimeInForce } from '../../../../engine-core/src/model';
import { formatStep, plainStep } from './instrument-format';
import { ORDER_TYPE_CHOICES, TIF_CHOICES } from './ticket-choices';
import { needsPrice, needsStop, type TicketTexts } from './ticket-validation';

/** A ticket's id and class prefix: `pp` on the Paper page, `lv` on the Live page. */
export type TicketPrefix = 'pp' | 'lv';

/** Writes typed text into a ticket's store. */
export type SetTicket = (patch: Partial<TicketTexts>) => void;

/** The ticket's decimal text fields. */
export type AmountField = 'qty' | 'price' | 'stopPrice';

export interface DecimalFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly hintClass: string;
  readonly value: string;
  readonly placeholder?: string;
  /** The message to show under the field, or null. */
  readonly error: string | null;
  /** The error's `data-testid`, if tests look for it. */
  readonly errorTestId?: string;
  readonly onChange: (text: string) => void;
}

/** A decimal text field with its hint and, when there is one, its error tied by aria. */
export function DecimalField(p: DecimalFieldProps) {
  return (
    <div className="field">
      <label htmlFor={p.id}>
        {p.label} <span className={p.hintClass}>{p.hint}</span>
      </label>
      <input
        id={p.id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={p.value}
        placeholder={p.placeholder}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${p.id}-error` : undefined}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      />
      {p.error && (
        <span id={`${p.id}-error`} className="field-error" data-testid={p.errorTestId}>
          {p.error}
        </span>
      )}
    </div>
  );
}

export interface AmountFieldsProps {
  readonly prefix: TicketPrefix;
  readonly inst: Instrument;
  readonly texts: Pick<TicketTexts, 'type' | AmountField>;
  /** The error to show on a field, or null. */
  readonly error: (f: AmountField) => string | null;
  readonly set: SetTicket;
  /** Which fields: all the order type takes (default), or the quantity alone. */
  readonly only?: 'qty';
  /** Placeholders by field (Paper shows the minimum quantity). */
  readonly placeholders?: Readonly<Partial<Record<AmountField, string>>>;
  /** Give the errors `data-testid="ticket-<field>-error"`. */
  readonly errorTestIds?: boolean;
}

/** Quantity, then the stop price and the (limit) price as the order type needs them. */
export function AmountFields(p: AmountFieldsProps) {
  const { prefix, inst, texts } = p;
  const priceHint = `tick ${plainStep(inst.tickSize, inst.tickSize)} ${inst.quote}`;
  const field = (f: AmountField, label: string, hint: string) => (
    <DecimalField
      id={`${prefix}-ticket-${f}`}
      label={label}
      hint={hint}
      hintClass={`${prefix}-hint`}
      value={texts[f]}
      placeholder={p.placeholders?.[f]}
      error={p.error(f)}
      errorTestId={p.errorTestIds ? `ticket-${f}-error` : undefined}
      onChange={(text) => p.set({ [f]: text })}
    />
  );
  const qty = field(
    'qty',
    'Quantity',
    `${inst.base} · lot ${plainStep(inst.lotSize, inst.lotSize)}`,
  );
  if (p.only === 'qty') return qty;
  return (
    <>
      {qty}
      {needsStop(texts.type) && field('stopPrice', 'Stop price', priceHint)}
      {needsPrice(texts.type) &&
        field('price', texts.type === 'STOP_LIMIT' ? 'Limit price' : 'Price', priceHint)}
    </>
  );
}

/** Buy / Sell radios. */
export function SideRadios({
  prefix,
  side,
  set,
}: {
  readonly prefix: TicketPrefix;
  readonly side: Side;
  readonly set: SetTicket;
}) {
  return (
    <div className={`${prefix}-sides`} role="radiogroup" aria-label="Side">
      {(['BUY', 'SELL'] as const).map((s) => (
        <label key={s} className={`${prefix}-side ${prefix}-side--${s.toLowerCase()}`}>
          <input
            type="radio"
            name={`${prefix}-side`}
            value={s}
            checked={side === s}
            onChange={() => set({ side: s })}
          />
          {s === 'BUY' ? 'Buy' : 'Sell'}
        </label>
      ))}
    </div>
  );
}

export interface ChoiceFieldProps<T extends string> {
  readonly id: string;
  readonly label: string;
  readonly value: T;
  readonly choices: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
}

/** A labelled select of fixed choices (order type, algo, symbol). */
export function ChoiceField<T extends string>({
  id,
  label,
  value,
  choices,
  onChange,
}: ChoiceFieldProps<T>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The order type select. */
export function OrderTypeSelect({
  prefix,
  type,
  set,
}: {
  readonly prefix: TicketPrefix;
  readonly type: OrderType;
  readonly set: SetTicket;
}) {
  return (
    <ChoiceField
      id={`${prefix}-ticket-type`}
      label="Type"
      value={type}
      choices={ORDER_TYPE_CHOICES}
      onChange={(v) => set({ type: v })}
    />
  );
}

export interface TifSelectProps {
  readonly prefix: TicketPrefix;
  readonly tif: TimeInForce;
  readonly set: SetTicket;
  /**
   * The TIF error, tied to the select by aria (`<id>-error`, shown by the ticket); leave it out
   * where the ticket lists the error apart.
   */
  readonly error?: string | null;
  /** Give each option its long name as a tooltip. */
  readonly optionTitles?: boolean;
}

/** The time-in-force select. */
export function TifSelect({ prefix, tif, set, error, optionTitles }: TifSelectProps) {
  const id = `${prefix}-ticket-tif`;
  return (
    <div className="field">
      <label htmlFor={id}>TIF</label>
      <select
        id={id}
        value={tif}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => set({ tif: e.currentTarget.value as TimeInForce })}
      >
        {TIF_CHOICES.map((o) => (
          <option key={o.value} value={o.value} title={optionTitles ? o.label : undefined}>
            {o.value}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface OrderFlagsProps {
  readonly prefix: TicketPrefix;
  readonly texts: Pick<TicketTexts, 'type' | 'postOnly' | 'reduceOnly'>;
  readonly set: SetTicket;
  /** Tooltips saying what each flag does. */
  readonly titles?: boolean;
  /** Mark reduce-only invalid (its error is shown by the ticket). */
  readonly reduceInvalid?: boolean;
}

/** The post-only (LIMIT only) and reduce-only checkboxes. */
export function OrderFlags({ prefix, texts: t, set, titles, reduceInvalid }: OrderFlagsProps) {
  const postTitle =
    t.type === 'LIMIT'
      ? 'Rest on the book; refused if it would take liquidity'
      : 'LIMIT orders only';
  return (
    <div className={`${prefix}-checks`}>
      <label title={titles ? postTitle : undefined}>
        <input
          type="checkbox"
          checked={t.postOnly && t.type === 'LIMIT'}
          disabled={t.type !== 'LIMIT'}
          onChange={(e) => set({ postOnly: e.currentTarget.checked })}
        />
        Post-only
      </label>
      <label title={titles ? 'Only reduce the position, never open or grow it' : undefined}>
        <input
          type="checkbox"
          checked={t.reduceOnly}
          aria-invalid={reduceInvalid ? true : undefined}
          onChange={(e) => set({ reduceOnly: e.currentTarget.checked })}
        />
        Reduce-only
      </label>
    </div>
  );
}

/** The ticket's notional line: `≈ N quote · min M`, or the minimum alone before it is known. */
export function notionalText(notional: number | null, inst: Instrument): string {
  return notional === null
    ? `Min notional ${inst.minNotional} ${inst.quote}`
    : `≈ ${formatStep(notional, inst.tickSize)} ${inst.quote} · min ${inst.minNotional}`;
}
