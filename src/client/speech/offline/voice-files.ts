/**
 * The offline voice files of this build and the languages they speak. scripts/espeak-data.ts repacks
 * eSpeak-NG at build time and passes what it produced as the `__LOAXA_OFFLINE_VOICE__` constant.
 */
import type { Language } from '../../../domain/languages.ts';

/** How the build names the engine file and the data file (then a content hash and `.bin`). */
export const ENGINE_FILE_PREFIX = 'espeak-ng-engine';
export const DATA_FILE_PREFIX = 'espeak-ng-data';

/** One gzip-compressed file of the offline voice: its path under the app's base URL and its size. */
export interface OfflineVoiceFile {
  path: string;
  bytes: number;
}

/** What the build produced: the engine, its data and the eSpeak-NG voices by registry language code. */
export interface OfflineVoiceBuild {
  engine: OfflineVoiceFile;
  data: OfflineVoiceFile;
  /** The first voice of a language is its default. */
  voices: Readonly<Record<string, readonly string[]>>;
}

declare const __LOAXA_OFFLINE_VOICE__: OfflineVoiceBuild;

/** This build's offline voice, or null where the app was compiled without the build plugin (unit tests). */
export function offlineVoiceBuild(): OfflineVoiceBuild | null {
  return typeof __LOAXA_OFFLINE_VOICE__ === 'undefined' ? null : __LOAXA_OFFLINE_VOICE__;
}

/** Absolute URL of a voice file: the worker resolves relative URLs against its own script, not the page. */
export function voiceFileUrl(file: OfflineVoiceFile): string {
  return new URL(`${import.meta.env.BASE_URL}${file.path}`, location.origin).href;
}

/** The eSpeak-NG voices this build has for `language`, default first; empty when it has none. */
export function offlineVoicesFor(language: Pick<Language, 'code'>): readonly string[] {
  return offlineVoiceBuild()?.voices[language.code] ?? [];
}

/** What storing the offline voice downloads, in bytes. */
export function offlineVoiceDownloadBytes(): number {
  const build = offlineVoiceBuild();
  return build ? build.engine.bytes + build.data.bytes : 0;
}
