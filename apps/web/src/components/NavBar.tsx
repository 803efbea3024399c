import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { can } from '@dispatch/domain';
import { PAGE_PATHS, pagesFor } from '../lib/roles.js';
import { useSessionStore } from '../stores/session-store.js';

export function NavBar() {
  const { t } = useTranslation();
  const role = useSessionStore((s) => s.user?.role);
  if (!role) return null;
  return (
    <nav className="nav">
      {pagesFor(role).map((page) => (
        <NavLink key={page} to={PAGE_PATHS[page]} end data-testid={`nav-${page}`}>
          {t(`nav.${page}`)}
        </NavLink>
      ))}
      {can(role, 'report.read') && (
        <NavLink to="/reports" end data-testid="nav-reports">
          {t('nav.reports')}
        </NavLink>
      )}
    </nav>
  );
}
