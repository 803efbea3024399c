import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { homePath } from '../../lib/roles.js';
import { useSessionStore } from '../../stores/session-store.js';
import { login, signInWithDeviceCredential } from './session.js';

/** The message for a refused sign-in, by the server's error code. */
function failureText(t: (key: string) => string, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.UNKNOWN');
  if (error.code === 'UNAUTHENTICATED') return t('login.failed');
  return t(`errors.${error.code}`);
}

export function LoginPage() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.user);
  const endedBecause = useSessionStore((s) => s.endedBecause);
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  /** The server asked for a one-time code (and, when enrolling, showed the secret). */
  const [needsOtp, setNeedsOtp] = useState(false);
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [device, setDevice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={params.get('next') ?? homePath(user.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password, needsOtp && otp ? otp.trim() : undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SECOND_FACTOR_REQUIRED') {
        setNeedsOtp(true);
        const { secret, uri } = e.details ?? {};
        if (typeof secret === 'string' && typeof uri === 'string') setEnrolment({ secret, uri });
        if (otp) setError(t('login.otpFailed'));
      } else setError(failureText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const useDevice = (event: FormEvent) => {
    event.preventDefault();
    if (device.trim()) signInWithDeviceCredential(device);
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <h1>{t('app.title')}</h1>
        {endedBecause && !error && (
          <p className="form-error" role="status" data-testid="session-ended">
            {t(`errors.${endedBecause}`)}
          </p>
        )}
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
        {needsOtp && (
          <>
            {enrolment && (
              <p className="hint" data-testid="totp-enrolment">
                {t('login.otpEnrol')} <code>{enrolment.secret}</code>
              </p>
            )}
            <label>
              {t('login.otp')}
              <input
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                data-testid="login-otp"
                value={otp}
                onChange={(e) => setOtp(e.target.value)}
              />
            </label>
          </>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={busy || !username || !password || (needsOtp && !otp)}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
      <form className="login-card device-card" onSubmit={useDevice} data-testid="device-form">
        <label>
          {t('login.device')}
          <input
            type="password"
            autoComplete="off"
            data-testid="device-credential"
            value={device}
            onChange={(e) => setDevice(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!device.trim()} data-testid="device-submit">
          {t('login.deviceSubmit')}
        </button>
      </form>
    </main>
  );
}
