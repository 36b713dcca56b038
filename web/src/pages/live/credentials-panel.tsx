import { type FormEvent, useRef, useState } from 'react';
import {
  type CredentialOrigin,
  describeApiError,
  liveApi,
  liveKeys,
  needsPassphrase,
  useLiveAction,
  VENUE_IDS,
  type VenueId,
} from '../../live';

const ORIGIN_TEXT: Readonly<Record<CredentialOrigin, string>> = {
  env: 'from the environment',
  file: 'from the credentials file',
  stored: 'stored by the server (entered here)',
  absent: 'none',
};

const STALE = [liveKeys.credentials, liveKeys.config, liveKeys.status] as const;

/** The text of one form field, trimmed of the newline a paste may bring. */
const read = (f: FormData, name: string): string => {
  const v = f.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

/**
 * Where each venue's keys come from, and a form to hand keys to the server. The inputs are not
 * React state: their values are read once on submit and the form is cleared before the answer
 * comes, so the keys live in this page for as long as the request takes and nowhere after.
 */
export function CredentialsPanel({
  origins,
  defaultVenue,
}: {
  readonly origins: Readonly<Partial<Record<VenueId, CredentialOrigin>>>;
  readonly defaultVenue: VenueId;
}) {
  const formRef = useRef<HTMLFormElement | null>(null);
  const [venue, setVenue] = useState<VenueId>(defaultVenue);
  const [sent, setSent] = useState<VenueId | null>(null);
  const save = useLiveAction(liveApi.saveCredentials.bind(liveApi), STALE);
  const forget = useLiveAction((v: VenueId) => liveApi.deleteCredentials(v), STALE);

  const failed = save.error ?? forget.error;

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const apiKey = read(data, 'api_key');
    const apiSecret = read(data, 'api_secret');
    const passphrase = read(data, 'passphrase');
    form.reset();
    if (apiKey === '' || apiSecret === '') return;
    setSent(null);
    save.mutate(
      {
        venue,
        api_key: apiKey,
        api_secret: apiSecret,
        ...(needsPassphrase(venue) && { passphrase }),
      },
      { onSuccess: () => setSent(venue) },
    );
  };

  return (
    <section className="card lv-creds" aria-labelledby="lv-creds-title">
      <h3 id="lv-creds-title" className="lv-card-title">
        Exchange keys
      </h3>
      <table className="data" data-testid="credential-origins">
        <thead>
          <tr>
            <th scope="col">Venue</th>
            <th scope="col">Keys</th>
            <th scope="col">
              <span className="tr-sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {VENUE_IDS.map((v) => {
            const o = origins[v] ?? 'absent';
            return (
              <tr key={v} data-venue={v}>
                <td>{v}</td>
                <td>{ORIGIN_TEXT[o]}</td>
                <td>
                  {o === 'stored' && (
                    <button
                      type="button"
                      className="btn ghost tr-mini"
                      onClick={() => forget.mutate(v)}
                      disabled={forget.isPending}
                    >
                      Forget {v} keys
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        ref={formRef}
        className="lv-creds-form"
        aria-label="Enter exchange keys"
        onSubmit={onSubmit}
      >
        <div className="field">
          <label htmlFor="lv-cred-venue">Venue</label>
          <select
            id="lv-cred-venue"
            value={venue}
            onChange={(e) => setVenue(e.currentTarget.value as VenueId)}
          >
            {VENUE_IDS.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lv-cred-key">API key</label>
          <input id="lv-cred-key" name="api_key" type="password" autoComplete="off" required />
        </div>
        <div className="field">
          <label htmlFor="lv-cred-secret">API secret</label>
          <input
            id="lv-cred-secret"
            name="api_secret"
            type="password"
            autoComplete="off"
            required
          />
        </div>
        {needsPassphrase(venue) && (
          <div className="field">
            <label htmlFor="lv-cred-pass">Passphrase</label>
            <input
              id="lv-cred-pass"
              name="passphrase"
              type="password"
              autoComplete="off"
              required
            />
          </div>
        )}
        <button type="submit" className="btn" disabled={save.isPending}>
          {save.isPending ? 'Sending…' : 'Send keys to the server'}
        </button>
      </form>
      <p className="lv-hint">
        The keys go once to the local server, which keeps them encrypted; this page keeps nothing
        and only shows where each venue's keys come from.
      </p>
      {sent && !save.isPending && (
        <p className="lv-ok" role="status">
          Keys for {sent} sent; the server now lists them as{' '}
          {ORIGIN_TEXT[origins[sent] ?? 'stored']}.
        </p>
      )}
      {failed && (
        <p className="error-text" role="alert">
          {describeApiError(failed.apiError)}
        </p>
      )}
    </section>
  );
}
