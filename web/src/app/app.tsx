import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { ServerStatus } from '../components/server-status';
import { useEnsureSample } from '../data/use-ensure-sample';
import { BacktestPage } from '../pages/backtest/backtest-page';
import { DataPage } from '../pages/data/data-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { ROUTES } from './routes';
import { useTheme } from './theme-store';
import { useServerHealth } from './use-server-health';

// Heavy pages load on first visit, so the first route stays small.
const OptimizePage = lazy(() =>
  import('../pages/optimize/optimize-page').then((m) => ({ default: m.OptimizePage })),
);
const EditorPage = lazy(() =>
  import('../pages/editor/editor-page').then((m) => ({ default: m.EditorPage })),
);
const PaperPage = lazy(() =>
  import('../pages/paper/paper-page').then((m) => ({ default: m.PaperPage })),
);
const RiskPage = lazy(() =>
  import('../pages/risk/risk-page').then((m) => ({ default: m.RiskPage })),
);
const LivePage = lazy(() =>
  import('../pages/live/live-page').then((m) => ({ default: m.LivePage })),
);
// The header's LIVE badge and kill switch: on every page, in its own small chunk.
const LiveIndicator = lazy(() =>
  import('../pages/live/live-indicator').then((m) => ({ default: m.LiveIndicator })),
);

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/** The VeloZ single-page app: navigation, theme, and the pages. */
export function App() {
  const status = useServerHealth();
  const theme = useTheme((s) => s.theme);
  const toggleTheme = useTheme((s) => s.toggle);
  const [location] = useLocation();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // The bundled sample is in IndexedDB from the first start, so the first backtest runs offline.
  useEnsureSample(queryClient);

  return (
    <QueryClientProvider client={queryClient}>
      <div className="shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="masthead">
          <h1 className="brand">VeloZ</h1>
          <nav aria-label="Main" className="nav">
            {ROUTES.map((r) => (
              <Link
                key={r.path}
                href={r.path}
                className="nav-link"
                aria-current={location.startsWith(r.path) ? 'page' : undefined}
              >
                {r.label}
              </Link>
            ))}
          </nav>
          <div className="masthead-tools">
            <Suspense fallback={null}>
              <LiveIndicator />
            </Suspense>
            <ServerStatus status={status} />
            <button
              type="button"
              className="btn ghost"
              onClick={toggleTheme}
              aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
            >
              {theme === 'dark' ? '☀' : '☾'}
            </button>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<p className="empty">Loading…</p>}>
            <Switch>
              <Route path="/backtest" component={BacktestPage} />
              <Route path="/optimize" component={OptimizePage} />
              <Route path="/editor" component={EditorPage} />
              <Route path="/paper" component={PaperPage} />
              <Route path="/risk" component={RiskPage} />
              <Route path="/live" component={LivePage} />
              <Route path="/data" component={DataPage} />
              <Route path="/settings" component={SettingsPage} />
              <Route path="/">
                <Redirect to="/backtest" replace />
              </Route>
              <Route>
                <section className="page">
                  <h2 className="page-title">Not found</h2>
                  <p className="empty">
                    No page at <code>{location}</code>. <Link href="/backtest">Go to Backtest</Link>
                    .
                  </p>
                </section>
              </Route>
            </Switch>
          </Suspense>
        </main>
      </div>
    </QueryClientProvider>
  );
}
