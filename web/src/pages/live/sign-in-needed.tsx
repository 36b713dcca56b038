import { SIGN_IN_HINT } from '../../live';

/** What the Live page shows without a session: where the sign-in link comes from. */
export function SignInNeeded() {
  return (
    <section className="card lv-signin" aria-labelledby="lv-signin-title" data-testid="live-signin">
      <h3 id="lv-signin-title">Sign in to the local server</h3>
      <p>{SIGN_IN_HINT}</p>
      <p className="lv-hint">
        The server prints it on its first lines, e.g. <code>http://127.0.0.1:8080/?token=…</code>.
        The link is used once: it leaves a session cookie in this browser and the token is removed
        from the address bar. Your exchange keys stay in the server; the page never sees them.
      </p>
    </section>
  );
}
