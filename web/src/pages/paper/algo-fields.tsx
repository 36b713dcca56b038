import type { Instrument } from '../../../../engine-core/src/model';
import type { TicketAlgo } from '../../paper/paper-api';
import {
  ALGO_FIELDS,
  type AlgoField,
  type AlgoTexts,
  CHILD_CHOICES,
  takesChild,
} from './algo-validation';
import { plainStep } from './instrument-format';
import { ChoiceField, DecimalField } from './ticket-fields';

const LABELS: Readonly<Record<Exclude<AlgoField, 'qty'>, string>> = {
  price: 'Limit price',
  durationMin: 'Duration',
  slices: 'Slices',
  participation: 'Participation',
  maxChildQty: 'Max child qty',
  visibleQty: 'Visible qty',
  offsetBps: 'Offset',
};

export interface AlgoFieldsProps {
  readonly algo: TicketAlgo['algo'];
  readonly texts: AlgoTexts & { readonly price: string };
  readonly inst: Instrument;
  /** The error to show on a field, or null. */
  readonly error: (f: AlgoField) => string | null;
  readonly set: (patch: Partial<AlgoTexts & { price: string }>) => void;
}

/**
 * The parameters of the chosen algorithm (quantity and side are the ticket's own), and for TWAP,
 * VWAP and POV the child order: market, or limit at an offset from the touch, with chase and
 * (TWAP, VWAP) finish-with-market.
 */
export function AlgoFields({ algo, texts, inst, error, set }: AlgoFieldsProps) {
  const hints: Readonly<Record<Exclude<AlgoField, 'qty'>, string>> = {
    price: `tick ${plainStep(inst.tickSize, inst.tickSize)} ${inst.quote}`,
    durationMin: 'minutes of market time',
    slices: 'equal child orders',
    participation: '% of traded volume',
    maxChildQty: `${inst.base} per child`,
    visibleQty: `${inst.base} shown at a time`,
    offsetBps: `bps off the touch (+ passive) · tick ${plainStep(inst.tickSize, inst.tickSize)}`,
  };
  const limit = takesChild(algo) && texts.childType === 'limit';
  return (
    <>
      {ALGO_FIELDS[algo].map((f) => {
        if (f === 'qty') return null;
        return (
          <DecimalField
            key={f}
            id={`pp-algo-${f}`}
            label={LABELS[f]}
            hint={hints[f]}
            hintClass="pp-hint"
            value={texts[f]}
            error={error(f)}
            errorTestId={`algo-${f}-error`}
            onChange={(text) => set({ [f]: text })}
          />
        );
      })}
      {takesChild(algo) && (
        <ChoiceField
          id="pp-algo-child"
          label="Child order"
          value={texts.childType}
          choices={CHILD_CHOICES}
          onChange={(childType) => set({ childType })}
        />
      )}
      {limit && (
        <>
          <DecimalField
            id="pp-algo-offsetBps"
            label={LABELS.offsetBps}
            hint={hints.offsetBps}
            hintClass="pp-hint"
            value={texts.offsetBps}
            error={error('offsetBps')}
            errorTestId="algo-offsetBps-error"
            onChange={(text) => set({ offsetBps: text })}
          />
          <div className="pp-checks">
            <label title="Re-price a child the touch has left by more than 2 ticks, at most once a second">
              <input
                type="checkbox"
                checked={texts.chase}
                onChange={(e) => set({ chase: e.currentTarget.checked })}
              />
              Chase
            </label>
            <label title="Each child is refused rather than take liquidity (needs an offset ≥ 0)">
              <input
                type="checkbox"
                checked={texts.childPostOnly}
                onChange={(e) => set({ childPostOnly: e.currentTarget.checked })}
              />
              Post-only children
            </label>
            {algo !== 'pov' && (
              <label title="Send what the last slice left unfilled at market; off: end with the shortfall">
                <input
                  type="checkbox"
                  checked={texts.finishWithMarket}
                  onChange={(e) => set({ finishWithMarket: e.currentTarget.checked })}
                />
                Finish with market
              </label>
            )}
          </div>
        </>
      )}
    </>
  );
}
