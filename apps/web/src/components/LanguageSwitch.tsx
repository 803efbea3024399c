import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.js';

const LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('app.language')}
      data-testid="language-switch"
      value={i18n.language}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang}>
          {LABELS[lang]}
        </option>
      ))}
    </select>
  );
}
