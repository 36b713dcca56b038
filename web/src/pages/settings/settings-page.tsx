/** The Settings page. */
export function SettingsPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Settings
      </h2>
      <p className="empty">Coming soon.</p>
    </section>
  );
}
