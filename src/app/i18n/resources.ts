import viBulletins from '../../../locales/vi/bulletins.json';
import viCommon from '../../../locales/vi/common.json';
import viLogs from '../../../locales/vi/logs.json';
import viMore from '../../../locales/vi/more.json';
import viSlots from '../../../locales/vi/slots.json';
import viSpeech from '../../../locales/vi/speech.json';
import viSync from '../../../locales/vi/sync.json';
import viToday from '../../../locales/vi/today.json';
import type viStaff from '../../../locales/vi/staff.json';

/** The Vietnamese strings, in the entry bundle: the default language, shown before anything else loads. */
export const vi = {
  common: viCommon,
  today: viToday,
  bulletins: viBulletins,
  logs: viLogs,
  sync: viSync,
  more: viMore,
  slots: viSlots,
  speech: viSpeech,
};

/**
 * Namespaces that travel with their own lazy chunk (registered by it on load), typed here for useT: the staff
 * workspace's strings stay out of the operators' entry bundle.
 */
export interface LazyResources {
  staff: typeof viStaff;
}

/**
 * The English strings, a chunk of their own: most phones never switch, and the entry bundle is what a cheap
 * phone parses before the first screen. The service worker precaches the chunk, so a switch works offline.
 */
export function loadEnglish(): Promise<typeof vi> {
  return import('./resources-en.ts').then((m) => m.en);
}
