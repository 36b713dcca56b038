import { useEffect, useMemo, useState } from 'react';
import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';
import { syntheticSample } from '../../../../engine-core/src/market';
import { asset } from '../../../../engine-core/src/model';
import { exposureOf, netExposures } from '../../../../engine-core/src/risk';
import type { PaperView } from '../../paper/paper-api';
import { paperSource } from '../paper/paper-source';
import { BreakerPanel } from './breaker-panel';
import { breakerFromView } from './risk-breaker';
import { utc } from './risk-format';
import { limitRows } from './risk-limits';
import { pickReturns } from './risk-returns';
import { snapshotFromView } from './risk-snapshot';
import { ExposureTable, LimitsTable, StressTable } from './risk-tables';
import { VarPanel } from './var-panel';
import '../paper/paper.css';
import './risk.css';

/** The bundled sample (synthetic BTCUSDT 1h), built once on first need. */
let sample: ReturnType<typeof syntheticSample> | null = null;
const sampleCandles = () => {
  sample ??= syntheticSample();
  return sample;
};

/**
 * The view the page reports on: taken when the page opens (and when the engine has started),
 * then only on Refresh, so the figures hold still while you read them.
 */
function useHeldView(): [PaperView, () => void] {
  const [view, setView] = useState(() => paperSource.store.getState());
  useEffect(
    () =>
      paperSource.store.subscribe(() => {
        const next = paperSource.store.getState();
        setView((held) => (held.status === 'starting' && next.status !== 'starting' ? next : held));
      }),
    [],
  );
  return [view, () => setView(paperSource.store.getState())];
}

/** The Risk page: the paper account's limits, exposure, VaR/ES, stress and circuit breaker. */
export function RiskPage() {
  const [view, refresh] = useHeldView();
  const snapshot = useMemo(() => snapshotFromView(view, KNOWN_INSTRUMENTS), [view]);
  const exposure = useMemo(() => exposureOf(snapshot), [snapshot]);
  const feedInst = KNOWN_INSTRUMENTS.find((i) => i.symbol === view.feed?.symbol);
  const series = useMemo(
    () =>
      pickReturns(feedInst ? { asset: feedInst.base, candles: view.candles } : null, {
        asset: asset('BTC'),
        candles: sampleCandles(),
      }),
    [feedInst, view.candles],
  );
  const varExposure = series === null ? 0 : (netExposures(exposure, [series.asset])[0] ?? 0);
  const breaker = useMemo(() => breakerFromView(view), [view]);
  const lastBar = view.candles[view.candles.length - 1];
  const risk = view.risk;

  return (
    <section className="page rk-page" aria-labelledby="page-title">
      <div className="rk-head">
        <h2 id="page-title" className="page-title">
          Risk
        </h2>
        <p className="pp-hint" data-testid="risk-asof">
          Paper account
          {view.feed ? ` · ${view.feed.symbol}` : ''}
          {lastBar ? ` · as of the bar of ${utc(lastBar.time)}` : ''} · {view.status}
        </p>
        <button type="button" className="btn" onClick={refresh}>
          Refresh
        </button>
      </div>
      {view.status === 'starting' && (
        <p className="pp-hint" role="status">
          Starting the paper engine…
        </p>
      )}
      <div className="rk-grid">
        <section className="card" aria-labelledby="rk-limits-title">
          <h3 id="rk-limits-title" className="pp-card-title">
            Limits
          </h3>
          {risk === undefined ? (
            <p className="empty">The engine has not reported its limits yet.</p>
          ) : (
            <>
              <LimitsTable rows={limitRows({ ...view, risk })} />
              <p className="pp-hint" data-testid="kill-switch">
                Kill switch:{' '}
                {risk.killSwitch === null ? 'not tripped' : `tripped (${risk.killSwitch})`}
              </p>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="rk-exposure-title">
          <h3 id="rk-exposure-title" className="pp-card-title">
            Exposure <span className="pp-hint">USDT</span>
          </h3>
          <ExposureTable e={exposure} />
          {exposure.unpriced.length > 0 && (
            <p className="pp-hint">
              Not priced in USDT: {exposure.unpriced.map((u) => `${u.name} ${u.qty}`).join(', ')}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="rk-var-title">
          <h3 id="rk-var-title" className="pp-card-title">
            Value at risk and expected shortfall
          </h3>
          <VarPanel series={series} exposure={varExposure} feedSymbol={view.feed?.symbol ?? null} />
        </section>
        <section className="card" aria-labelledby="rk-breaker-title">
          <h3 id="rk-breaker-title" className="pp-card-title">
            Circuit breaker
          </h3>
          <BreakerPanel state={breaker} />
        </section>
        <section className="card rk-wide" aria-labelledby="rk-stress-title">
          <h3 id="rk-stress-title" className="pp-card-title">
            Stress <span className="pp-hint">P&amp;L in USDT, prices moved at once</span>
          </h3>
          <StressTable snapshot={snapshot} />
        </section>
      </div>
    </section>
  );
}
