import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Banner } from '../../../components/banner';
import { useI18n } from '../../../i18n';
import { fetchAccessState, openSession, type AccessState } from '../api/session';

/**
 * A server exposed beyond this machine needs its AUTH_TOKEN: ask for it once, then the session cookie does the
 * rest (uploads, live progress, thumbnails and exports alike).
 */
export function AccessGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [state, setState] = useState<AccessState | null>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void fetchAccessState().then(setState, () => setState({ required: false, authenticated: true }));
  }, []);

  if (!state) return null;
  if (!state.required || state.authenticated) return <>{children}</>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const outcome = await openSession(token.trim());
    setBusy(false);
    if (outcome.ok) setState({ required: true, authenticated: true });
    else setError(t.access.wrongToken);
  }

  return (
    <main className="app-main access" id="main">
      <h1>{t.app.name}</h1>
      <form className="panel access__form" onSubmit={(event) => void submit(event)} data-testid="access-form">
        <p>{t.access.explain}</p>
        <div className="field">
          <label className="field__label" htmlFor="access-token">
            {t.access.tokenLabel}
          </label>
          <input
            id="access-token"
            className="field__input"
            type="password"
            autoComplete="current-password"
            required
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </div>
        {error && <Banner tone="error" title={error} />}
        <button type="submit" className="button button--primary" disabled={busy || !token.trim()}>
          {t.access.submit}
        </button>
      </form>
    </main>
  );
}
