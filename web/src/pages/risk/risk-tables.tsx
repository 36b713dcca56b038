import type { PortfolioExposure, PortfolioSnapshot } from '../../../../engine-core/src/risk';
import { money, percent } from './risk-format';
import type { LimitRow } from './risk-limits';
import { SHOCKS, shockLabel, stressRows } from './risk-stress';

const limitText = (unit: LimitRow['unit'], x: number | null): string =>
  x === null ? '—' : unit === 'fraction' ? percent(x) : unit === 'quote' ? money(x) : String(x);

/** The engine's risk limits and the account's use of each. */
export function LimitsTable({ rows }: { readonly rows: readonly LimitRow[] }) {
  return (
    <table className="data rk-table" aria-label="Risk limits" data-testid="risk-limits">
      <thead>
        <tr>
          <th scope="col">Limit</th>
          <th scope="col">Used</th>
          <th scope="col">Max</th>
          <th scope="col">Use</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">
              {r.label} {r.detail && <span className="pp-hint rk-detail">{r.detail}</span>}
            </th>
            <td>{limitText(r.unit, r.used)}</td>
            <td>{r.limit === null ? 'off' : limitText(r.unit, r.limit)}</td>
            <td>
              {r.ratio === null ? (
                '—'
              ) : (
                <meter
                  min={0}
                  max={1}
                  high={0.8}
                  value={Math.min(1, r.ratio)}
                  aria-label={`${r.label} use`}
                >
                  {percent(r.ratio)}
                </meter>
              )}{' '}
              {r.ratio !== null && percent(r.ratio)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Gross and net exposure by asset, in USDT. */
export function ExposureTable({ e }: { readonly e: PortfolioExposure }) {
  return (
    <table className="data rk-table" aria-label="Exposure by asset" data-testid="risk-exposure">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col">Long</th>
          <th scope="col">Short</th>
          <th scope="col">Net</th>
          <th scope="col">Gross</th>
        </tr>
      </thead>
      <tbody>
        {e.byAsset.length === 0 && (
          <tr>
            <td colSpan={5} className="empty">
              No holdings besides USDT.
            </td>
          </tr>
        )}
        {e.byAsset.map((a) => (
          <tr key={a.asset} data-asset={a.asset} data-net={a.net}>
            <th scope="row">{a.asset}</th>
            <td>{money(a.long)}</td>
            <td>{money(a.short)}</td>
            <td>{money(a.net)}</td>
            <td>{money(a.gross)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td colSpan={2}>
            equity {money(e.equity)} · gross lev. {e.grossLeverage.toFixed(2)}×
          </td>
          <td>{money(e.net)}</td>
          <td>{money(e.gross)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** P&L under each shock, all assets and each alone; perpetuals' margin after the shock. */
export function StressTable({ snapshot }: { readonly snapshot: PortfolioSnapshot }) {
  const rows = stressRows(snapshot);
  return (
    <>
      <table className="data rk-table" aria-label="Stress test" data-testid="risk-stress">
        <thead>
          <tr>
            <th scope="col">Shock to</th>
            {SHOCKS.map((x) => (
              <th key={x} scope="col">
                {shockLabel(x)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = r.target.kind === 'all' ? 'All assets' : r.target.asset;
            return (
              <tr key={name} data-target={name}>
                <th scope="row">{name}</th>
                {r.results.map((s, i) => (
                  <td key={SHOCKS[i]} className={s.pnl < 0 ? 'neg' : s.pnl > 0 ? 'pos' : ''}>
                    {money(s.pnl)}
                    {s.liquidated.length > 0 && <span className="pp-hint"> liquidated</span>}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {snapshot.perps.length === 0 ? (
        <p className="pp-hint">No perpetual positions: no margin ratio or liquidation distance.</p>
      ) : (
        <table className="data rk-table" aria-label="Perpetual margin under stress">
          <thead>
            <tr>
              <th scope="col">Perpetual (all-asset shock)</th>
              {SHOCKS.map((x) => (
                <th key={x} scope="col">
                  {shockLabel(x)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {snapshot.perps.map((p, k) => (
              <tr key={p.symbol}>
                <th scope="row">
                  {p.symbol} {p.qty}
                </th>
                {(rows[0]?.results ?? []).map((s, i) => {
                  const m = s.perps[k]?.after;
                  return (
                    <td key={SHOCKS[i]}>
                      {m === undefined
                        ? '—'
                        : `ratio ${percent(m.marginRatio)} · to liq. ${percent(m.distanceToLiquidation)}`}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
