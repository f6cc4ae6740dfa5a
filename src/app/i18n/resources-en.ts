import enBulletins from '../../../locales/en/bulletins.json';
import enCommon from '../../../locales/en/common.json';
import enLogs from '../../../locales/en/logs.json';
import enMore from '../../../locales/en/more.json';
import enSlots from '../../../locales/en/slots.json';
import enSpeech from '../../../locales/en/speech.json';
import enSync from '../../../locales/en/sync.json';
import enToday from '../../../locales/en/today.json';
import type { vi } from './resources.ts';

// Typed as the Vietnamese source, so an English file missing a key fails the type check.
export const en: typeof vi = {
  common: enCommon,
  today: enToday,
  bulletins: enBulletins,
  logs: enLogs,
  sync: enSync,
  more: enMore,
  slots: enSlots,
  speech: enSpeech,
};
