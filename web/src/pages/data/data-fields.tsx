// Form fields the Data page's panels share: a Binance interval and a UTC day.
import { KLINE_INTERVALS } from '../../../../engine-core/src/market';

/** "Interval": a select of Binance's kline intervals. */
export function IntervalField(props: {
  readonly id: string;
  readonly value: string;
  readonly onChange: (interval: string) => void;
}) {
  return (
    <label className="field" htmlFor={props.id}>
      Interval
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {KLINE_INTERVALS.map((i) => (
          <option key={i} value={i}>
            {i}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled date input holding a `YYYY-MM-DD` UTC day. */
export function DayField(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (day: string) => void;
}) {
  return (
    <label className="field" htmlFor={props.id}>
      {props.label}
      <input
        id={props.id}
        type="date"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </label>
  );
}
