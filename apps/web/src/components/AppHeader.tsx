import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { SoundControl } from '../features/attention/SoundControl.js';
import { logout } from '../features/auth/session.js';
import { useSessionStore } from '../stores/session-store.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { CoverageAlertBadge } from './CoverageAlertBadge.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NavBar } from './NavBar.js';
import { ServerClock } from './ServerClock.js';

export function AppHeader() {
  const { pathname } = useLocation();
  const { t } = useTranslation();
  const user = useSessionStore((s) => s.user);
  return (
    <header className="app-header">
      <strong className="brand">{t('app.title')}</strong>
      <NavBar />
      <span className="spacer" />
      <CoverageAlertBadge />
      <ServerClock />
      {/* The dispatcher's alerts (new P1 call, breach, unanswered assignment) sound on its page. */}
      {pathname === '/' && <SoundControl screen="dispatcher" />}
      <ConnectionBadge />
      <LanguageSwitch />
      {user && <span className="user">{user.displayName}</span>}
      <button type="button" className="ghost" onClick={() => void logout()} data-testid="logout">
        {t('app.logout')}
      </button>
    </header>
  );
}
