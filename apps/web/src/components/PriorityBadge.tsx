import { useTranslation } from 'react-i18next';

export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  return (
    <span className={`priority priority-${priority}`} title={t(`priority.${priority}`)}>
      {t(`priorityShort.${priority}`)}
    </span>
  );
}
