import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.js';
import { useSessionStore } from '../../stores/session-store.js';
import { logout, unlock } from './session.js';

/** Covers an idle-locked console (no live data meanwhile) until the user's password unlocks it. */
export function LockScreen() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.user);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unlock(password);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'UNKNOWN';
      setError(code === 'UNAUTHENTICATED' ? t('login.failed') : t(`errors.${code}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page lock-screen" data-testid="lock-screen">
      <form className="login-card" onSubmit={submit}>
        <h1>{t('lock.title')}</h1>
        <p>{t('lock.hint', { name: user?.displayName || user?.username || '' })}</p>
        <label>
          {t('login.password')}
          <input
            autoFocus
            type="password"
            autoComplete="current-password"
            data-testid="unlock-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !password} data-testid="unlock-submit">
          {t('lock.unlock')}
        </button>
        <button type="button" className="ghost" onClick={() => void logout()}>
          {t('app.logout')}
        </button>
      </form>
    </main>
  );
}
