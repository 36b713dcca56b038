import type { ParamSpec } from '../../../../engine-core/src/strategy';
import type { NumberRange, ParamRange, RangeErrors } from './search-spec';

interface ParamRangesProps {
  readonly specs: readonly ParamSpec[];
  readonly ranges: readonly ParamRange[];
  readonly errors: RangeErrors;
  readonly disabled: boolean;
  readonly onChange: (ranges: ParamRange[]) => void;
}

/** One row per param: from/to/step (or a fixed value) for numbers, both/true/false for bools. */
export function ParamRanges(props: ParamRangesProps) {
  const update = (i: number, r: ParamRange) =>
    props.onChange(props.ranges.map((x, k) => (k === i ? r : x)));
  const field = (
    i: number,
    r: NumberRange,
    key: 'from' | 'to' | 'step' | 'value',
    label: string,
  ) => (
    <input
      aria-label={`${r.name} ${label}`}
      inputMode="decimal"
      value={r[key]}
      disabled={props.disabled}
      aria-invalid={props.errors[r.name] !== undefined || undefined}
      onChange={(e) => update(i, { ...r, [key]: e.target.value })}
    />
  );

  return (
    <table className="data param-ranges">
      <thead>
        <tr>
          <th scope="col">Param</th>
          <th scope="col">Search</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Step</th>
        </tr>
      </thead>
      <tbody>
        {props.ranges.map((r, i) => {
          const spec = props.specs.find((s) => s.name === r.name);
          const error = props.errors[r.name];
          return (
            <tr key={r.name} data-param={r.name}>
              <th scope="row" title={spec?.description}>
                {r.name}
                <span className="param-type">{spec?.type}</span>
                {error !== undefined && (
                  <span className="field-error" role="alert">
                    {error}
                  </span>
                )}
              </th>
              {r.kind === 'bool' ? (
                <td colSpan={4}>
                  <select
                    aria-label={`${r.name} values`}
                    value={r.choice}
                    disabled={props.disabled}
                    onChange={(e) => update(i, { ...r, choice: e.target.value as typeof r.choice })}
                  >
                    <option value="both">both</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                </td>
              ) : (
                <>
                  <td>
                    <select
                      aria-label={`${r.name} search`}
                      value={r.vary ? 'range' : 'fixed'}
                      disabled={props.disabled}
                      onChange={(e) => update(i, { ...r, vary: e.target.value === 'range' })}
                    >
                      <option value="range">range</option>
                      <option value="fixed">fixed</option>
                    </select>
                  </td>
                  {r.vary ? (
                    <>
                      <td>{field(i, r, 'from', 'from')}</td>
                      <td>{field(i, r, 'to', 'to')}</td>
                      <td>{field(i, r, 'step', 'step')}</td>
                    </>
                  ) : (
                    <td colSpan={3}>{field(i, r, 'value', 'value')}</td>
                  )}
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
