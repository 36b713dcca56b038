import { type FormEvent, useState } from 'react';
import type { PaperSource } from './paper-source';

/** `"10000"` → 10000, or the message saying why not. */
export function parseCash(text: string): number | string {
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text)) return `Cash "${text.trim()}" is not a number`;
  const x = Number(text);
  return x > 0 ? x : 'Cash must be more than 0';
}

/**
 * Reset the paper account: a two-step action (Reset account… → cash, then Reset or Cancel, the
 * focus on Cancel). Wipes orders, fills, positions and the journal, and starts with the cash.
 */
export function ResetAccount({ source }: { readonly source: PaperSource }) {
  const [confirming, setConfirming] = useState(false);
  const [cash, setCash] = useState('10000');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const parsed = parseCash(cash);
  const cashError = typeof parsed === 'string' ? parsed : null;

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (busy || typeof parsed === 'string') return;
    setBusy(true);
    source.commands
      .resetAccount(parsed)
      .then((r) => {
        setMessage(r.ok ? { ok: true, text: 'Account reset.' } : { ok: false, text: r.error });
        if (r.ok) setConfirming(false);
      })
      .catch((x: unknown) => setMessage({ ok: false, text: String(x) }))
      .finally(() => setBusy(false));
  };

  return (
    <div className="card pp-reset">
      <h3 className="pp-card-title">Account</h3>
      {confirming ? (
        <form className="pp-reset-form" onSubmit={onSubmit} aria-label="Reset the paper account">
          <p className="pp-warn-text">
            Cancel every order and wipe fills, positions and the journal? This cannot be undone.
          </p>
          <div className="field">
            <label htmlFor="pp-reset-cash">Start again with (USDT)</label>
            <input
              id="pp-reset-cash"
              type="text"
              inputMode="decimal"
              value={cash}
              aria-invalid={cashError ? true : undefined}
              aria-describedby={cashError ? 'pp-reset-cash-error' : undefined}
              onChange={(e) => setCash(e.currentTarget.value)}
            />
            {cashError && (
              <span id="pp-reset-cash-error" className="field-error">
                {cashError}
              </span>
            )}
          </div>
          <div className="pp-actions">
            <button type="submit" className="btn danger" disabled={busy || cashError !== null}>
              {busy ? 'Resetting…' : 'Reset'}
            </button>
            <button
              type="button"
              className="btn ghost"
              onClick={() => setConfirming(false)}
              // biome-ignore lint/a11y/noAutofocus: moves focus to the safe choice of the confirm step
              autoFocus
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="btn danger"
          onClick={() => {
            setMessage(null);
            setConfirming(true);
          }}
        >
          Reset account…
        </button>
      )}
      {message && (
        <p className={message.ok ? 'pp-ok' : 'error-text'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
