import { ServerStatus } from '../components/server-status';
import { useServerHealth } from './use-server-health';

/** The VeloZ single-page app shell. */
export function App() {
  const status = useServerHealth();

  return (
    <div className="shell">
      <header className="masthead">
        <h1 className="brand">VeloZ</h1>
        <p className="tagline">
          Crypto quant trading: backtest, paper and live trading on one TypeScript engine.
        </p>
      </header>

      <main>
        <section className="panel" aria-labelledby="status-heading">
          <h2 id="status-heading" className="panel-title">
            Status
          </h2>
          <ServerStatus status={status} />
        </section>
      </main>
    </div>
  );
}
