/** The Live page. */
export function LivePage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Live
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
