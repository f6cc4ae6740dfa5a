import enBulletins from '../../../locales/en/bulletins.json';
import enCommon from '../../../locales/en/common.json';
import enLogs from '../../../locales/en/logs.json';
import enMore from '../../../locales/en/more.json';
import enSlots from '../../../locales/en/slots.json';
import enSpeech from '../../../locales/en/speech.json';
import enSync from '../../../locales/en/sync.json';
import enToday from '../../../locales/en/today.json';
import viBulletins from '../../../locales/vi/bulletins.json';
import viCommon from '../../../locales/vi/common.json';
import viLogs from '../../../locales/vi/logs.json';
import viMore from '../../../locales/vi/more.json';
import viSlots from '../../../locales/vi/slots.json';
import viSpeech from '../../../locales/vi/speech.json';
import viSync from '../../../locales/vi/sync.json';
import viToday from '../../../locales/vi/today.json';
import type viStaff from '../../../locales/vi/staff.json';

const vi = {
  common: viCommon,
  today: viToday,
  bulletins: viBulletins,
  logs: viLogs,
  sync: viSync,
  more: viMore,
  slots: viSlots,
  speech: viSpeech,
};

// Typed as the Vietnamese source, so an English file missing a key fails the type check.
const en: typeof vi = {
  common: enCommon,
  today: enToday,
  bulletins: enBulletins,
  logs: enLogs,
  sync: enSync,
  more: enMore,
  slots: enSlots,
  speech: enSpeech,
};

/**
 * Namespaces that travel with their own lazy chunk (registered by it on load), typed here for useT: the staff
 * workspace's strings stay out of the operators' entry bundle.
 */
export interface LazyResources {
  staff: typeof viStaff;
}

/** Every UI string, bundled statically so a language switch works offline. */
export const resources = { vi, en };
