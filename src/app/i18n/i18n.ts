/**
 * UI language. The choice lives in localStorage, not IndexedDB: it is read synchronously before the first
 * paint and written synchronously on tap, so a reload right after switching never shows the old language.
 */
import { signal } from '@preact/signals';
import i18next from 'i18next';
import { resources, type LazyResources } from './resources.ts';

/** The interface languages, each named in itself. */
export const UI_LANGUAGES = [
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'en', name: 'English' },
] as const;

/** A language the interface is translated into. */
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

/** A namespace of the locale files. */
export type Namespace = keyof typeof resources.vi | keyof LazyResources;

const STORAGE_KEY = 'loaxa.uiLanguage';

/** The current interface language; components that translate re-render when it changes. */
export const uiLanguage = signal<UiLanguage>('vi');

function readChoice(): UiLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function apply(lang: UiLanguage): void {
  uiLanguage.value = lang;
  document.documentElement.lang = lang;
}

/** Starts i18next synchronously with the saved language (Vietnamese by default). */
export function initI18n(): void {
  const lang = readChoice();
  void i18next.init({
    resources,
    lng: lang,
    fallbackLng: 'vi',
    ns: Object.keys(resources.vi),
    defaultNS: 'common',
    // Preact escapes text itself.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  apply(lang);
}

/** Switches the interface language and remembers the choice on this device. */
export function setUiLanguage(lang: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private modes may refuse storage: the switch still applies to this session.
  }
  void i18next.changeLanguage(lang);
  apply(lang);
}

/** The translate function of one namespace in the current language; subscribes the calling component. */
export function useT<N extends Namespace>(ns: N) {
  return i18next.getFixedT(uiLanguage.value, ns);
}
