import type { GridDto } from '@dispatch/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../../lib/format.js';
import { useCoverageStore } from '../../stores/coverage-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { parseThresholdPercent, saveGridThreshold } from './edit-threshold.js';

function ThresholdEditor({ grid, onDone }: { grid: GridDto; onDone: () => void }) {
  const { t } = useTranslation();
  const own = grid.coverageThreshold;
  const [text, setText] = useState(own === null ? '' : String(Math.round(own * 1000) / 10));
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const threshold = parseThresholdPercent(text);
    if (threshold !== null && Number.isNaN(threshold)) {
      useUiStore.getState().notify({ level: 'error', key: 'errors.VALIDATION_FAILED' });
      return;
    }
    setSaving(true);
    const saved = await saveGridThreshold(grid, threshold);
    setSaving(false);
    if (saved) onDone();
  };

  return (
    <form className="threshold-editor" onSubmit={(e) => void submit(e)}>
      <input
        type="text"
        inputMode="decimal"
        size={4}
        value={text}
        autoFocus
        disabled={saving}
        aria-label={t('coverage.editThreshold', { grid: grid.name })}
        placeholder={t('coverage.thresholdDefault')}
        data-testid="threshold-input"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
        }}
      />
      %
      <button type="submit" className="ghost" disabled={saving} data-testid="threshold-save">
        {t('common.save')}
      </button>
    </form>
  );
}

/** A grid's alert threshold (its own, or the centre default); editable inline where allowed. */
export function ThresholdCell({ grid, editable }: { grid: GridDto; editable: boolean }) {
  const { t } = useTranslation();
  const centre = useCoverageStore((s) => s.byGrid[grid.id]?.threshold);
  const [editing, setEditing] = useState(false);
  const isDefault = grid.coverageThreshold === null;
  const shown = formatShare(grid.coverageThreshold ?? centre ?? null) ?? t('wall.noData');
  const label = (
    <>
      {shown}
      {isDefault && <span className="muted"> ({t('coverage.thresholdDefault')})</span>}
    </>
  );
  return (
    // The row selects its grid on click; editing here must not toggle that.
    <td data-testid="grid-threshold" onClick={(e) => e.stopPropagation()}>
      {editing ? (
        <ThresholdEditor grid={grid} onDone={() => setEditing(false)} />
      ) : editable ? (
        <button
          type="button"
          className="link threshold-value"
          title={t('coverage.editThreshold', { grid: grid.name })}
          data-testid="threshold-edit"
          onClick={() => setEditing(true)}
        >
          {label}
        </button>
      ) : (
        label
      )}
    </td>
  );
}
