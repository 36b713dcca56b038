import type { Instrument } from '../../../../engine-core/src/model';
import type { TicketAlgo } from '../../paper/paper-api';
import { ALGO_FIELDS, type AlgoField, type AlgoTexts } from './algo-validation';
import { plainStep } from './instrument-format';
import { DecimalField } from './ticket-fields';

const LABELS: Readonly<Record<Exclude<AlgoField, 'qty'>, string>> = {
  price: 'Limit price',
  durationMin: 'Duration',
  slices: 'Slices',
  participation: 'Participation',
  maxChildQty: 'Max child qty',
  visibleQty: 'Visible qty',
};

export interface AlgoFieldsProps {
  readonly algo: TicketAlgo['algo'];
  readonly texts: AlgoTexts & { readonly price: string };
  readonly inst: Instrument;
  /** The error to show on a field, or null. */
  readonly error: (f: AlgoField) => string | null;
  readonly set: (patch: Partial<AlgoTexts & { price: string }>) => void;
}

/** The parameters of the chosen algorithm (quantity and side are the ticket's own). */
export function AlgoFields({ algo, texts, inst, error, set }: AlgoFieldsProps) {
  const hints: Readonly<Record<Exclude<AlgoField, 'qty'>, string>> = {
    price: `tick ${plainStep(inst.tickSize, inst.tickSize)} ${inst.quote}`,
    durationMin: 'minutes of market time',
    slices: 'equal child orders',
    participation: '% of traded volume',
    maxChildQty: `${inst.base} per child`,
    visibleQty: `${inst.base} shown at a time`,
  };
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
    </>
  );
}
