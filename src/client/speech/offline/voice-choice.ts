/**
 * Which of a language's offline voices the operator chose (Vietnamese: Northern, Central or Southern
 * accent). Kept in localStorage, like the interface language: one small device setting, read synchronously.
 */
import type { Language } from '../../../domain/languages.ts';
import { offlineVoicesFor } from './voice-files.ts';

const key = (language: Pick<Language, 'code'>) => `loaxa.offlineVoice.${language.code}`;

/** The chosen voice for `language`, else its default; undefined when the offline voice has none. */
export function chosenOfflineVoice(language: Pick<Language, 'code'>): string | undefined {
  const voices = offlineVoicesFor(language);
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(key(language));
  } catch {
    // Storage refused (private mode): the default voice.
  }
  return voices.find((v) => v === saved) ?? voices[0];
}

/** Remembers the voice to use for `language` on this device. */
export function chooseOfflineVoice(language: Pick<Language, 'code'>, voice: string): void {
  if (!offlineVoicesFor(language).includes(voice)) throw new RangeError(`No offline voice "${voice}"`);
  try {
    localStorage.setItem(key(language), voice);
  } catch {
    // Storage refused (private mode): the default voice stays in use.
  }
}
