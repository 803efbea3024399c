import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { homePath, pagesFor, type PageKey } from '../../lib/roles.js';
import { useSessionStore } from '../../stores/session-store.js';

/** Renders `children` for a signed-in user allowed on `page`; otherwise redirects. */
export function RequireAuth({ page, children }: { page: PageKey; children: ReactNode }) {
  const { t } = useTranslation();
  const { user, status } = useSessionStore();
  const location = useLocation();
  if (status === 'checking') return <div className="splash">{t('app.loading')}</div>;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (!pagesFor(user.role).includes(page)) return <Navigate to={homePath(user.role)} replace />;
  return <>{children}</>;
}
