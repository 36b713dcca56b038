/** The Paper page. */
export function PaperPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Paper
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
