import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** Languages the UI ships in; Simplified Chinese is the street office's own. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return languages.includes(value as Language);
}

/** The language the header button switches to. */
export function otherLanguage(language: string): Language {
  return language === 'en' ? 'zh-CN' : 'en';
}

/**
 * A ready i18next instance. Resources are bundled, so initialisation is synchronous and
 * the first render is already translated (no flash of keys on the wall screen).
 */
export function createI18n(language: Language = defaultLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    load: 'currentOnly',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}
