/**
 * The language registry: every language a bulletin slot may be written or read in.
 * Codes are ISO 639-3 (the key used everywhere in data); `bcp47` is what Web Speech voices are matched on.
 */
export interface Language {
  /** ISO 639-3 code, the key stored in units, slots and logs. */
  readonly code: string;
  /** BCP-47 tag used to match speech voices; `voiceTags` lists further tags a voice may carry. */
  readonly bcp47: string;
  readonly voiceTags: readonly string[];
  /** Name as Vietnamese speakers write it. */
  readonly nameVi: string;
  /** English name. */
  readonly nameEn: string;
  /** Name in the language itself, as its speakers usually write it. */
  readonly endonym: string;
  /** ISO 15924 script most commonly used for written material in Vietnam. */
  readonly script: string;
}

/** Ordered as they are usually listed in Vietnamese plans: Vietnamese first, then by region. */
export const LANGUAGES = [
  {
    code: 'vie',
    bcp47: 'vi',
    voiceTags: ['vi-VN'],
    nameVi: 'Tiếng Việt',
    nameEn: 'Vietnamese',
    endonym: 'Tiếng Việt',
    script: 'Latn',
  },
  {
    code: 'khm',
    bcp47: 'km',
    voiceTags: ['km-KH'],
    nameVi: 'Tiếng Khmer',
    nameEn: 'Khmer',
    endonym: 'ភាសាខ្មែរ',
    script: 'Khmr',
  },
  {
    code: 'hmn',
    bcp47: 'hmn',
    voiceTags: ['hnj', 'mww'],
    nameVi: "Tiếng H'Mông",
    nameEn: 'Hmong',
    endonym: 'Lus Hmoob',
    script: 'Latn',
  },
  {
    code: 'blt',
    bcp47: 'blt',
    voiceTags: [],
    nameVi: 'Tiếng Thái',
    nameEn: 'Tai Dam (Black Tai)',
    endonym: 'Tai Dam',
    script: 'Latn',
  },
  {
    code: 'tyz',
    bcp47: 'tyz',
    voiceTags: [],
    nameVi: 'Tiếng Tày',
    nameEn: 'Tày',
    endonym: 'Tày',
    script: 'Latn',
  },
  {
    code: 'nut',
    bcp47: 'nut',
    voiceTags: [],
    nameVi: 'Tiếng Nùng',
    nameEn: 'Nùng',
    endonym: 'Nùng',
    script: 'Latn',
  },
  {
    code: 'mtq',
    bcp47: 'mtq',
    voiceTags: [],
    nameVi: 'Tiếng Mường',
    nameEn: 'Mường',
    endonym: 'Mol',
    script: 'Latn',
  },
  {
    code: 'ium',
    bcp47: 'ium',
    voiceTags: [],
    nameVi: 'Tiếng Dao',
    nameEn: 'Iu Mien (Dao)',
    endonym: 'Iu Mienh',
    script: 'Latn',
  },
  {
    code: 'rad',
    bcp47: 'rad',
    voiceTags: [],
    nameVi: 'Tiếng Ê Đê',
    nameEn: 'Rade (Ê Đê)',
    endonym: 'Klei Êđê',
    script: 'Latn',
  },
  {
    code: 'jra',
    bcp47: 'jra',
    voiceTags: [],
    nameVi: 'Tiếng Gia Rai',
    nameEn: 'Jarai',
    endonym: 'Jrai',
    script: 'Latn',
  },
  {
    code: 'bdq',
    bcp47: 'bdq',
    voiceTags: [],
    nameVi: 'Tiếng Ba Na',
    nameEn: 'Bahnar',
    endonym: 'Bahnar',
    script: 'Latn',
  },
  {
    code: 'sed',
    bcp47: 'sed',
    voiceTags: [],
    nameVi: 'Tiếng Xơ Đăng',
    nameEn: 'Sedang',
    endonym: 'Xơ Đăng',
    script: 'Latn',
  },
  {
    code: 'kuf',
    bcp47: 'kuf',
    voiceTags: [],
    nameVi: 'Tiếng Cơ Tu',
    nameEn: 'Katu (Cơ Tu)',
    endonym: 'Cơ Tu',
    script: 'Latn',
  },
  {
    code: 'kpm',
    bcp47: 'kpm',
    voiceTags: [],
    nameVi: 'Tiếng Cơ Ho',
    nameEn: 'Koho',
    endonym: 'Kơho',
    script: 'Latn',
  },
  {
    code: 'cmo',
    bcp47: 'cmo',
    voiceTags: [],
    nameVi: "Tiếng M'Nông",
    nameEn: 'Mnong',
    endonym: 'Mnông',
    script: 'Latn',
  },
  {
    code: 'hre',
    bcp47: 'hre',
    voiceTags: [],
    nameVi: 'Tiếng Hrê',
    nameEn: 'Hre',
    endonym: 'Hrê',
    script: 'Latn',
  },
  {
    code: 'cjm',
    bcp47: 'cjm',
    voiceTags: [],
    nameVi: 'Tiếng Chăm',
    nameEn: 'Eastern Cham',
    endonym: 'Cham',
    script: 'Cham',
  },
  {
    code: 'bru',
    bcp47: 'bru',
    voiceTags: [],
    nameVi: 'Tiếng Bru - Vân Kiều',
    nameEn: 'Bru',
    endonym: 'Bru',
    script: 'Latn',
  },
  {
    code: 'rog',
    bcp47: 'rog',
    voiceTags: [],
    nameVi: 'Tiếng Raglai',
    nameEn: 'Roglai',
    endonym: 'Raglai',
    script: 'Latn',
  },
  {
    code: 'yue',
    bcp47: 'yue',
    voiceTags: ['yue-HK', 'zh-HK'],
    nameVi: 'Tiếng Hoa',
    nameEn: 'Chinese (Cantonese)',
    endonym: '粵語',
    script: 'Hant',
  },
] as const satisfies readonly Language[];

/** An ISO 639-3 code known to the registry. */
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** All registered codes, in registry order. */
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as [LanguageCode, ...LanguageCode[]];

/** The national language: every bulletin is written in it first. */
export const VIETNAMESE: LanguageCode = 'vie';

const byCode = new Map<string, Language>(LANGUAGES.map((l) => [l.code, l]));

/** Looks a language up by its ISO 639-3 code. */
export function findLanguage(code: string): Language | undefined {
  return byCode.get(code);
}
