import { useTranslation } from 'react-i18next';
import { useUiStore } from '../stores/ui-store.js';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const connection = useUiStore((s) => s.connection);
  return (
    <span className={`connection connection-${connection}`} data-testid="connection" data-state={connection}>
      {t(`app.${connection}`)}
    </span>
  );
}
