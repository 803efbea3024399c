import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { homePath } from '../../lib/roles.js';
import { useSessionStore } from '../../stores/session-store.js';
import { login } from './session.js';

export function LoginPage() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.user);
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={params.get('next') ?? homePath(user.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t('login.failed')
          : t(`errors.${e instanceof ApiError ? e.code : 'UNKNOWN'}`),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <h1>{t('app.title')}</h1>
        <label>
          {t('login.username')}
          <input
            autoFocus
            autoComplete="username"
            data-testid="login-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={busy || !username || !password}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
