import { findLanguage, type LanguageCode } from '../../domain/languages.ts';
import { uiLanguage } from '../i18n/i18n.ts';

/** Names languages in the interface language (Vietnamese or English names from the registry). */
export function useLanguageName(): (code: LanguageCode) => string {
  const en = uiLanguage.value === 'en';
  return (code) => {
    const lang = findLanguage(code);
    return lang ? (en ? lang.nameEn : lang.nameVi) : code;
  };
}
