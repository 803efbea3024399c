import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore, type Notice } from '../stores/ui-store.js';

const SHOW_MS = 6000;

function NoticeItem({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const dismiss = useUiStore((s) => s.dismissNotice);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(notice.id), SHOW_MS);
    return () => clearTimeout(timer);
  }, [dismiss, notice.id]);
  const params = { ...notice.params };
  if (typeof params.clock === 'string') params.clock = t(`clocks.${params.clock}`);
  return (
    <div className={`notice notice-${notice.level}`} role="status" onClick={() => dismiss(notice.id)}>
      {t(notice.key, params)}
    </div>
  );
}

/** Transient messages (breaches, errors), newest last. */
export function Notices() {
  const notices = useUiStore((s) => s.notices);
  return (
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
