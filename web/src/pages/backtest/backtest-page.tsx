/** The Backtest page. */
export function BacktestPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Backtest
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
