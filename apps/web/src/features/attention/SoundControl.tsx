import { useTranslation } from 'react-i18next';
import { attentionOutput } from './attention-output.js';
import { useAttentionStore, type AttentionScreen } from './attention-store.js';

/**
 * One click enables sound (the browser needs a gesture before it plays anything); afterwards a
 * mute toggle. Both remembered on this device, per screen.
 */
export function SoundControl({ screen }: { screen: AttentionScreen }) {
  const { t } = useTranslation();
  const enabled = useAttentionStore((s) => s.isEnabled(screen));
  const muted = useAttentionStore((s) => s.isMuted(screen));
  if (!enabled)
    return (
      <button
        type="button"
        className="sound-prompt"
        data-testid="sound-enable"
        onClick={() => {
          void attentionOutput.unlock();
          useAttentionStore.getState().setEnabled(screen);
        }}
      >
        {t('attention.enable')}
      </button>
    );
  return (
    <button
      type="button"
      className="ghost sound-toggle"
      data-testid="sound-mute"
      aria-pressed={muted}
      title={muted ? t('attention.unmute') : t('attention.mute')}
      onClick={() => {
        void attentionOutput.unlock();
        useAttentionStore.getState().setMuted(screen, !muted);
      }}
    >
      {muted ? t('attention.muted') : t('attention.on')}
    </button>
  );
}
