import { useMemo, useState } from 'react';
import { money, utc } from './risk-format';
import type { ReturnSeries } from './risk-returns';
import {
  CONFIDENCES,
  type Confidence,
  HORIZONS,
  type Horizon,
  METHOD_LABEL,
  varRows,
} from './risk-var';

export interface VarPanelProps {
  /** The returns, or null while there are none (no feed bars and no sample yet). */
  readonly series: ReturnSeries | null;
  /** Net USDT exposure to the series' asset. */
  readonly exposure: number;
  /** Symbol of the paper feed, for the caption. */
  readonly feedSymbol: string | null;
}

/** VaR and ES by the three methods, at a chosen confidence and horizon. */
export function VarPanel({ series, exposure, feedSymbol }: VarPanelProps) {
  const [confidence, setConfidence] = useState<Confidence>(0.95);
  const [horizon, setHorizon] = useState<Horizon>(1);
  const rows = useMemo(
    () => (series === null ? null : varRows(series, exposure, confidence, horizon)),
    [series, exposure, confidence, horizon],
  );
  return (
    <div data-testid="risk-var" data-exposure={exposure}>
      <div className="row">
        <div className="field">
          <label htmlFor="rk-confidence">Confidence</label>
          <select
            id="rk-confidence"
            value={confidence}
            onChange={(e) => setConfidence(Number(e.currentTarget.value) as Confidence)}
          >
            {CONFIDENCES.map((c) => (
              <option key={c} value={c}>
                {c * 100} %
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rk-horizon">Horizon</label>
          <select
            id="rk-horizon"
            value={horizon}
            onChange={(e) => setHorizon(Number(e.currentTarget.value) as Horizon)}
          >
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {h} {h === 1 ? 'period' : 'periods'}
              </option>
            ))}
          </select>
        </div>
      </div>
      {series === null || rows === null ? (
        <p className="empty">No returns yet: waiting for the feed’s bars or the sample dataset.</p>
      ) : (
        <>
          <p
            className="pp-hint"
            data-testid="var-source"
            data-source={series.source}
            data-from={series.from}
            data-to={series.to}
          >
            {series.returns.length} returns of {series.asset}{' '}
            {series.source === 'paper'
              ? `from the paper feed’s closed bars (${feedSymbol ?? ''})`
              : 'from the bundled sample dataset (the feed has too few bars yet)'}
            , {utc(series.from)} to {utc(series.to)}; exposure {money(exposure)} USDT.
          </p>
          <table className="data rk-table" aria-label="Value at risk">
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">VaR</th>
                <th scope="col">ES</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.method}
                  data-testid={`var-${r.method}`}
                  data-var={r.ok ? r.var : undefined}
                  data-es={r.ok ? r.es : undefined}
                >
                  <th scope="row">{METHOD_LABEL[r.method]}</th>
                  <td>{r.ok ? money(r.var) : '—'}</td>
                  <td>{r.ok ? money(r.es) : '—'}</td>
                  <td className="pp-hint">{r.ok ? r.note : r.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
