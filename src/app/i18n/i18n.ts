/**
 * UI language. The choice lives in localStorage, not IndexedDB: it is read synchronously before the first
 * paint and written synchronously on tap, so a reload right after switching never shows the old language.
 */
import { signal } from '@preact/signals';
import i18next from 'i18next';
import { loadEnglish, vi, type LazyResources } from './resources.ts';

/** The interface languages, each named in itself. */
export const UI_LANGUAGES = [
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'en', name: 'English' },
] as const;

/** A language the interface is translated into. */
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

/** A namespace of the locale files. */
export type Namespace = keyof typeof vi | keyof LazyResources;

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

let english: Promise<void> | undefined;

/** Registers the English strings once, loading their chunk the first time English is wanted. */
function ensureEnglish(): Promise<void> {
  english ??= loadEnglish().then((en) => {
    for (const [ns, strings] of Object.entries(en)) i18next.addResourceBundle('en', ns, strings);
  });
  return english;
}

/**
 * Starts i18next with the saved language (Vietnamese by default). Vietnamese is ready at once; English is
 * ready when the promise resolves, so the first screen is never drawn in the other language.
 */
export async function initI18n(): Promise<void> {
  const lang = readChoice();
  void i18next.init({
    resources: { vi },
    lng: 'vi',
    fallbackLng: 'vi',
    ns: Object.keys(vi),
    defaultNS: 'common',
    // Preact escapes text itself.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  if (lang === 'en') await ensureEnglish();
  await i18next.changeLanguage(lang);
  apply(lang);
}

/** Switches the interface language and remembers the choice on this device. */
export async function setUiLanguage(lang: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private modes may refuse storage: the switch still applies to this session.
  }
  if (lang === 'en') await ensureEnglish();
  await i18next.changeLanguage(lang);
  apply(lang);
}

/** The translate function of one namespace in the current language; subscribes the calling component. */
export function useT<N extends Namespace>(ns: N) {
  return i18next.getFixedT(uiLanguage.value, ns);
}
