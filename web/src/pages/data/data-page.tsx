/** The Data page. */
export function DataPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Data
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
