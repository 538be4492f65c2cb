import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import type { TLocale } from '@crm/contracts';
import { zhCN } from './locales/zh-cn.ts';
import { enUS } from './locales/en-us.ts';

export type Language = TLocale;
export const SUPPORTED_LANGUAGES: readonly Language[] = ['zh-CN', 'en-US'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
const STORAGE_KEY = 'crm.locale';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode, policies): fall back to the default.
  }
  return DEFAULT_LANGUAGE;
}

const dayjsLocale: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function applyDocumentLanguage(language: Language): void {
  dayjs.locale(dayjsLocale[language]);
  document.documentElement.lang = language;
  document.title = i18n.t('app.name');
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    'en-US': { translation: enUS },
  },
  lng: readStoredLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES as Language[],
  // Only whole tags: 'zh' must not be looked up on its own.
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  if (isLanguage(lng)) applyDocumentLanguage(lng);
});
applyDocumentLanguage(currentLanguage());

export function currentLanguage(): Language {
  const lng = i18n.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

/** Switch the UI language and remember it in this browser. */
export function setLanguage(language: Language): Promise<unknown> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not fatal: the choice just will not survive a reload.
  }
  if (i18n.language === language) return Promise.resolve();
  return i18n.changeLanguage(language);
}

export { i18n };
