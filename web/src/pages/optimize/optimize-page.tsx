/** The Optimize page. */
export function OptimizePage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Optimize
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
