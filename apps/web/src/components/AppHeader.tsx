import { useTranslation } from 'react-i18next';
import { logout } from '../features/auth/session.js';
import { useSessionStore } from '../stores/session-store.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { CoverageAlertBadge } from './CoverageAlertBadge.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NavBar } from './NavBar.js';
import { ServerClock } from './ServerClock.js';

export function AppHeader() {
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.user);
  return (
    <header className="app-header">
      <strong className="brand">{t('app.title')}</strong>
      <NavBar />
      <span className="spacer" />
      <CoverageAlertBadge />
      <ServerClock />
      <ConnectionBadge />
      <LanguageSwitch />
      {user && <span className="user">{user.displayName}</span>}
      <button type="button" className="ghost" onClick={() => void logout()} data-testid="logout">
        {t('app.logout')}
      </button>
    </header>
  );
}
