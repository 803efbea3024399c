import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'dispatch.lang';

function storedLanguage(): Language {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return value === 'en' ? 'en' : 'zh-CN';
}

/** Initialises i18next synchronously (resources are bundled), Chinese first. */
export function initI18n(language: Language = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: language,
      fallbackLng: 'zh-CN',
      initAsync: false,
      interpolation: { escapeValue: false },
    });
  }
  return i18n;
}

/** Switches the UI language and remembers it on this device. */
export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export { i18n };
