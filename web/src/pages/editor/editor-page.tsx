/** The Editor page. */
export function EditorPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Editor
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
